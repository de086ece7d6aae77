import { z } from "zod";
import { optionalDay, optionalRecordId, pageNumber } from "./fields";

// Filters of the audit log (page, CSV export, API).
const optionalText = z.string().trim().max(100).optional().catch(undefined);
export const auditFiltersSchema = z.object({
  entityType: optionalText,
  entityId: optionalText,
  actor: optionalText, // username
  action: optionalText,
  // A project with everything filed under it: its reports, annual plans, milestones and 调整申请.
  project: optionalRecordId("项目编号无效"),
  from: optionalDay("开始日期无效，应为 2026-03-15 形式").transform((d) => d ?? undefined),
  to: optionalDay("结束日期无效，应为 2026-03-15 形式").transform((d) => d ?? undefined),
  page: pageNumber,
});
