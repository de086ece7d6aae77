import { z } from "zod";
import { optionalDay, optionalRecordId, recordId } from "./fields";

const date = optionalDay();

// The whole milestone list of one project, in display order (save-milestones.ts and its form).
export const milestonesSaveSchema = z.object({
  projectId: recordId(),
  // The version of the whole list the form was loaded with (Project.milestonesVersion).
  listVersion: recordId(),
  milestones: z
    .array(
      z.object({
        id: optionalRecordId(),
        version: optionalRecordId(),
        code: z.string().nullable().optional(),
        name: z.string().trim().min(1, "请输入节点名称").max(100, "节点名称不能超过 100 字"),
        plannedDate: date,
        actualDate: date,
        // The approval behind the milestone (立项 / 可研 / 初设 / 施工许可); blank = not known.
        docNumber: z.string().trim().max(100, "文号不能超过 100 字").default(""),
        docDate: date.optional().default(null),
      }),
    )
    .max(50, "节点不能超过 50 个"),
  reason: z.string().trim().max(500).default(""),
});

export type MilestonesSaveInput = z.input<typeof milestonesSaveSchema>;
