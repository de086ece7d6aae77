import { requireApiUser } from "@/lib/server/auth/api-user";
import { prepareScheduleExport } from "@/lib/server/exports/export-schedule";
import { fileResponse, XLSX_TYPE } from "@/lib/server/exports/file-response";

// GET /api/v1/exports/schedule?plan=&unit=&period=2025-03&money=wan|yi&includeSubmitted=1 — the 调度表 (.xlsx), streamed.
export async function GET(request: Request) {
  const params = Object.fromEntries(new URL(request.url).searchParams);
  return fileResponse(async () => {
    const job = await prepareScheduleExport(await requireApiUser(request), params);
    return { fileName: job.fileName, type: XLSX_TYPE, write: job.write, headers: { "X-Project-Count": String(job.projectCount) } };
  });
}
