import { AppError } from "@/lib/errors";
import { requireApiUser } from "@/lib/server/auth/api-user";
import { saveReport } from "@/lib/server/reports/save-report";
import { jsonResponse } from "@/lib/server/run-action";

// POST /api/v1/reports — files or edits one project's report for one period: the same operation as
// the report form and the grid (validated, authorised by the project's unit, audited, versioned).
export async function POST(request: Request) {
  return jsonResponse(async () => {
    const user = await requireApiUser(request);
    if (!request.headers.get("content-type")?.startsWith("application/json")) throw new AppError("VALIDATION", "请求体须为 JSON（Content-Type: application/json）。");
    const body = await request.json().catch(() => {
      throw new AppError("VALIDATION", "请求体不是有效的 JSON。");
    });
    return saveReport(user, body);
  });
}
