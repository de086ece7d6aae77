import { prepareRollupExport } from "@/lib/server/exports/export-rollup";
import { fileRoute, query } from "@/lib/server/route";

// GET /api/v1/exports/rollup?plan=&money=wan|yi — the plan's rollup tables (.xlsx).
export const GET = fileRoute(prepareRollupExport, query);
