import "server-only";
import { PassThrough, Readable, type Writable } from "node:stream";
import { jsonResponse } from "@/lib/server/run-action";
import { attachment } from "./xlsx-kit";

export const XLSX_TYPE = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet";
export const DOCX_TYPE = "application/vnd.openxmlformats-officedocument.wordprocessingml.document";
export const CSV_TYPE = "text/csv; charset=utf-8";

export type FileJob = { fileName: string; type: string; write: (out: Writable) => Promise<void>; headers?: Record<string, string> };

// A route handler's file download: validation and permission errors come back as JSON (before any
// byte is sent); the file itself is streamed as it is produced, never built whole in memory.
export async function fileResponse(prepare: () => Promise<FileJob>): Promise<Response> {
  let job: FileJob;
  try {
    job = await prepare();
  } catch (e) {
    return jsonResponse(async () => {
      throw e;
    });
  }
  const out = new PassThrough();
  job.write(out).then(
    () => {
      if (!out.writableEnded) out.end();
    },
    (e) => {
      console.error("[export] failed while streaming", e);
      out.destroy(e instanceof Error ? e : new Error(String(e)));
    },
  );
  return new Response(Readable.toWeb(out) as unknown as ReadableStream, {
    headers: { "Content-Type": job.type, "Content-Disposition": attachment(job.fileName), "Cache-Control": "no-store", ...job.headers },
  });
}
