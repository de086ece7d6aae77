import { z } from "zod";
import { optionalDay, pageNumber } from "./fields";

// Filters of the audit log (page, CSV export, API).
const optionalText = z.string().trim().max(100).optional().catch(undefined);
export const auditFiltersSchema = z.object({
  entityType: optionalText,
  entityId: optionalText,
  actor: optionalText, // username
  action: optionalText,
  from: optionalDay("开始日期无效，应为 2026-03-15 形式").transform((d) => d ?? undefined),
  to: optionalDay("结束日期无效，应为 2026-03-15 形式").transform((d) => d ?? undefined),
  page: pageNumber,
});
