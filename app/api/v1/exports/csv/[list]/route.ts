import { requireApiUser } from "@/lib/server/auth/api-user";
import { prepareCsv } from "@/lib/server/exports/export-csv";
import { fileResponse } from "@/lib/server/exports/file-response";

// GET /api/v1/exports/csv/{projects|plans|warnings|audit|users|imports}?<the list's filters>&money=wan|yi
export async function GET(request: Request, { params }: { params: Promise<{ list: string }> }) {
  const { list } = await params;
  const query = Object.fromEntries(new URL(request.url).searchParams);
  return fileResponse(async () => prepareCsv(await requireApiUser(request), list, query));
}
