import { requireApiUser } from "@/lib/server/auth/api-user";
import { prepareRollupExport } from "@/lib/server/exports/export-rollup";
import { fileResponse } from "@/lib/server/exports/file-response";

// GET /api/v1/exports/rollup?plan=&money=wan|yi — the plan's rollup tables (.xlsx).
export async function GET(request: Request) {
  const params = Object.fromEntries(new URL(request.url).searchParams);
  return fileResponse(async () => prepareRollupExport(await requireApiUser(request), params));
}
