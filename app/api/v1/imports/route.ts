import { AppError } from "@/lib/errors";
import { IMPORT_MAX_BYTES } from "@/lib/excel/limits";
import { zhExcel } from "@/lib/i18n/zh-CN-excel";
import { requireApiUser } from "@/lib/server/auth/api-user";
import { authorize } from "@/lib/server/auth/authorize";
import { previewImport } from "@/lib/server/imports/preview-import";
import { readCappedBody } from "@/lib/server/request-body";
import { jsonResponse, runAction } from "@/lib/server/run-action";

// POST /api/v1/imports (multipart: planId, file) — upload step of an import. Answers with
// newline-delimited JSON: progress lines ({stage:"read",rows} / {stage:"check"}) while the file is
// read and checked, then {done:true,batchId} or {error:{code,message}}. The preview is /imports/{batchId}.
export async function POST(request: Request) {
  let form: FormData;
  let user: Awaited<ReturnType<typeof requireApiUser>>;
  try {
    user = await requireApiUser(request);
    // The operation's own permission, checked before the upload is read: a refusal is a plain JSON 403.
    await authorize(user, previewImport.permission);
    // The file plus multipart overhead, read no further than that whatever the headers say.
    const bytes = await readCappedBody(request, IMPORT_MAX_BYTES + 64 * 1024, zhExcel.importErrors.tooLarge);
    form = await new Response(bytes, { headers: { "content-type": request.headers.get("content-type") ?? "" } }).formData().catch(() => {
      throw new AppError("VALIDATION", zhExcel.importErrors.noFile);
    });
  } catch (e) {
    return jsonResponse(async () => {
      throw e;
    });
  }
  const file = form.get("file");
  const encoder = new TextEncoder();
  const body = new ReadableStream({
    async start(controller) {
      const send = (o: unknown) => controller.enqueue(encoder.encode(`${JSON.stringify(o)}\n`));
      const result = await runAction(async () =>
        previewImport(user, {
          planId: form.get("planId"),
          fileName: file instanceof File ? file.name : "",
          bytes: file instanceof File && file.size > 0 ? Buffer.from(await file.arrayBuffer()) : file instanceof File ? Buffer.alloc(0) : null,
          onProgress: send,
        }),
      );
      send(result.ok ? { done: true, batchId: result.data.batchId, counts: result.data.counts } : { error: { code: result.code, message: result.message } });
      controller.close();
    },
  });
  return new Response(body, { headers: { "Content-Type": "application/x-ndjson; charset=utf-8", "Cache-Control": "no-store" } });
}
