// Stored indicator enums as the screens, exports and the audit log show them.
export const ATTRIBUTE_LABEL = { EXPECTED: "预期性", BINDING: "约束性" } as const;
export const DIRECTION_LABEL = { HIGHER: "越高越好", LOWER: "越低越好" } as const;
