import { z } from "zod";
import { isCalendarDay } from "@/lib/dates";

const date = z.preprocess(
  (v) => (v === "" || v === undefined ? null : v),
  z
    .string()
    .regex(/^\d{4}-\d{2}-\d{2}$/, "请输入日期（年-月-日）")
    .refine(isCalendarDay, "日期无效")
    .nullable(),
);

// The whole milestone list of one project, in display order (save-milestones.ts and its form).
export const milestonesSaveSchema = z.object({
  projectId: z.coerce.number().int().positive(),
  milestones: z
    .array(
      z.object({
        id: z.coerce.number().int().positive().optional(),
        version: z.coerce.number().int().positive().optional(),
        code: z.string().nullable().optional(),
        name: z.string().trim().min(1, "请输入节点名称").max(100, "节点名称不能超过 100 字"),
        plannedDate: date,
        actualDate: date,
      }),
    )
    .max(50, "节点不能超过 50 个"),
  reason: z.string().trim().max(500).default(""),
});

export type MilestonesSaveInput = z.input<typeof milestonesSaveSchema>;
