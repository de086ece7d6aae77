// Role → allowed actions: the one permission map. Record-level scoping (own units) is decided by
// lib/server/auth/authorize.ts, which reads the record's unit from the database.
export const ROLES = ["ADMIN", "FINANCE_REVIEWER", "COUNTY_OFFICER", "VIEWER"] as const;
export type RoleName = (typeof ROLES)[number];

export const ACTIONS = [
  "account.password", // change one's own password (the only operation open while a change is due)
  "plan.read",
  "plan.manage", // plan settings such as the reporting cycle
  "project.update", // project facts, directly (with a reason)
  "project.requestChange", // propose a change of project facts (调整申请); status directly
  "project.reviewChange", // approve / return 调整申请 (and 调出 requests)
  "project.create", // add a project by hand (an officer's is a 申报 until admitted)
  "project.admit", // 入库 review: admit or return entered projects
  "milestone.write",
  "report.write", // draft, edit, submit
  "report.review", // approve / return reports and annual plan proposals
  "annualPlan.set", // set an annual plan amount directly (下达)
  "export.run",
  "import.run",
  "user.manage",
  "audit.readAll",
  "apiToken.manage",
  "indicator.write", // monitoring values of 主要指标: the plan's (all) or a unit's (unit); a proposal until reviewed
  "indicator.review", // approve / return indicator values; judge qualitative targets
] as const;
export type Action = (typeof ACTIONS)[number];

// "unit" = allowed only on records of the user's own reporting units.
export type Grant = "all" | "unit";

export const ROLE_PERMISSIONS: Record<RoleName, Partial<Record<Action, Grant>>> = {
  ADMIN: {
    "account.password": "all",
    "plan.read": "all",
    "plan.manage": "all",
    "project.update": "all",
    "milestone.write": "all",
    "report.write": "all",
    "report.review": "all",
    "project.reviewChange": "all",
    "project.create": "all",
    "project.admit": "all",
    "annualPlan.set": "all",
    "export.run": "all",
    "import.run": "all",
    "user.manage": "all",
    "audit.readAll": "all",
    "apiToken.manage": "all",
    "indicator.write": "all",
    "indicator.review": "all",
  },
  FINANCE_REVIEWER: {
    "account.password": "all",
    "plan.read": "all",
    "report.review": "all",
    "project.reviewChange": "all",
    "annualPlan.set": "all",
    "export.run": "all",
    "indicator.review": "all",
  },
  COUNTY_OFFICER: {
    "account.password": "all",
    "plan.read": "all",
    "project.requestChange": "unit",
    "project.create": "unit",
    "milestone.write": "unit",
    "report.write": "unit",
    "export.run": "all",
    "indicator.write": "unit",
  },
  VIEWER: { "account.password": "all", "plan.read": "all" },
};

// Who decides what (README "Who reviews what"): reports (and the annual plan amounts that travel
// with them), corrections, standalone annual plan proposals and 调整申请 are decided by holders of
// report.review / project.reviewChange; nobody decides what they submitted themselves
// (lib/server/auth/not-own-submission.ts). Direct changes (project.update, annualPlan.set) need a
// reason and are audited as such.
export function grantOf(role: RoleName, action: Action): Grant | undefined {
  return ROLE_PERMISSIONS[role][action];
}

export const ROLE_LABEL: Record<RoleName, string> = {
  ADMIN: "规划办管理员",
  FINANCE_REVIEWER: "财务审核",
  COUNTY_OFFICER: "县级项目专干",
  VIEWER: "只读用户",
};
