import { prepareTemplateExport } from "@/lib/server/exports/export-template";
import { fileRoute, query } from "@/lib/server/route";

// GET /api/v1/exports/template?plan= — the blank appendix-layout project list (.xlsx) the import reads.
export const GET = fileRoute(prepareTemplateExport, query);
