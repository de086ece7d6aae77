import { saveReport } from "@/lib/server/reports/save-report";
import { jsonBody, jsonRoute } from "@/lib/server/route";

// POST /api/v1/reports — files or edits one project's report for one period: the same operation as
// the report form and the grid (validated, authorised by the project's unit, audited, versioned).
export const POST = jsonRoute(saveReport, jsonBody);
