import { requireApiUser } from "@/lib/server/auth/api-user";
import { editProject } from "@/lib/server/projects/edit-project";
import { AppError } from "@/lib/errors";
import { jsonResponse } from "@/lib/server/run-action";

// PATCH /api/v1/projects/:id — the same operation as the edit form (validated, authorised, audited):
// a direct change for the plan office, a 调整申请 (answer carries requestId) for county officers.
export async function PATCH(request: Request, { params }: { params: Promise<{ id: string }> }) {
  const { id } = await params;
  return jsonResponse(async () => {
    const user = await requireApiUser(request);
    if (!request.headers.get("content-type")?.startsWith("application/json")) throw new AppError("VALIDATION", "请求体须为 JSON（Content-Type: application/json）。");
    const body = await request.json().catch(() => {
      throw new AppError("VALIDATION", "请求体不是有效的 JSON。");
    });
    return editProject(user, { ...body, id });
  });
}
