import { prepareCsv } from "@/lib/server/exports/export-csv";
import { fileRoute, query } from "@/lib/server/route";

// GET /api/v1/exports/csv/{projects|plans|warnings|audit|users|imports}?<the list's filters>&money=wan|yi
// The list's name comes from the path (it wins over a query parameter of the same name).
export const GET = fileRoute(prepareCsv, async (request, params) => ({ ...((await query(request, params)) as object), ...params }));
