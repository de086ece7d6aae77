import { prepareIndicatorExport } from "@/lib/server/exports/export-indicators";
import { fileRoute, query } from "@/lib/server/route";

// GET /api/v1/exports/indicators?plan= — the plan's 主要指标 × years with the official values (.xlsx),
// the template the import reads back.
export const GET = fileRoute(prepareIndicatorExport, query);
