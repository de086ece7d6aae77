import { prepareScheduleExport } from "@/lib/server/exports/export-schedule";
import { fileRoute, query } from "@/lib/server/route";

// GET /api/v1/exports/schedule?plan=&unit=&period=2025-03&money=wan|yi&includeSubmitted=1 — the 调度表
// (.xlsx), streamed; the X-Project-Count header says how many projects it counts.
export const GET = fileRoute(prepareScheduleExport, query);
