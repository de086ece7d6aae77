import "server-only";
import { AppError } from "@/lib/errors";
import { ATTACHMENT_BODY_MAX_BYTES, ATTACHMENT_MAX_BYTES } from "@/lib/schemas/attachment";
import { requireApiUser } from "@/lib/server/auth/api-user";
import { grantOf } from "@/lib/permissions";
import type { Operation } from "@/lib/server/operation";
import { readCappedBody } from "@/lib/server/request-body";
import { jsonResponse } from "@/lib/server/run-action";
import type { AttachmentFile } from "./attachment-file";

type Ctx = { params: Promise<Record<string, string>> };

// POST …/{id}/attachments (multipart/form-data, one part "file"): the caller, then the operation's
// role permission before a byte of the body is read, then the body read no further than one file plus
// the envelope (a lying Content-Length or a chunked upload included), then the operation.
export function uploadRoute<R>(op: Operation<R>, idKey: "reportId" | "milestoneId") {
  return async (request: Request, ctx: Ctx) =>
    jsonResponse(async () => {
      const user = await requireApiUser(request);
      if (!grantOf(user.role, op.permission)) throw new AppError("FORBIDDEN", "您没有权限执行此操作。");
      if (!request.headers.get("content-type")?.startsWith("multipart/form-data"))
        throw new AppError("VALIDATION", "请以 multipart/form-data 上传文件（字段名 file）。");
      const tooLarge = `文件过大：每个不能超过 ${ATTACHMENT_MAX_BYTES / 1024 / 1024} MB。`;
      const bytes = await readCappedBody(request, ATTACHMENT_BODY_MAX_BYTES, tooLarge);
      const form = await new Response(bytes, { headers: { "content-type": request.headers.get("content-type")! } }).formData().catch(() => {
        throw new AppError("VALIDATION", "上传内容无法读取，请重新选择文件。");
      });
      const files = form.getAll("file");
      if (files.length !== 1 || !(files[0] instanceof File)) throw new AppError("VALIDATION", "请选择一个文件上传（字段名 file，每次一个）。");
      const file = files[0];
      return op(user, { [idKey]: (await ctx.params).id, fileName: file.name, bytes: new Uint8Array(await file.arrayBuffer()) });
    });
}

// GET /api/v1/attachments/{id}[?size=thumb]: the bytes with their own type, never sniffed by the
// browser, never a document that could run script in the app's origin.
export function attachmentResponse(op: Operation<AttachmentFile>) {
  return async (request: Request, ctx: Ctx): Promise<Response> => {
    let file: AttachmentFile;
    try {
      const user = await requireApiUser(request);
      const size = new URL(request.url).searchParams.get("size") ?? undefined;
      file = await op(user, { id: (await ctx.params).id, size });
    } catch (e) {
      return jsonResponse(async () => {
        throw e;
      });
    }
    const name = encodeURIComponent(file.fileName);
    const ascii = file.fileName.replace(/[^\x20-\x7e]/g, "_").replace(/["\\]/g, "_");
    return new Response(new Uint8Array(file.bytes), {
      headers: {
        "Content-Type": file.contentType,
        "Content-Length": String(file.bytes.byteLength),
        "Content-Disposition": `${file.inline ? "inline" : "attachment"}; filename="${ascii}"; filename*=UTF-8''${name}`,
        "X-Content-Type-Options": "nosniff",
        "Content-Security-Policy": "default-src 'none'; sandbox",
        "Cache-Control": "private, max-age=300",
      },
    });
  };
}
