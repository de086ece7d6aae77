import "server-only";
import { AppError } from "@/lib/errors";

// JSON bodies of /api/v1: far above any real request (a 500-row grid save is ~300 KB).
export const JSON_BODY_MAX_BYTES = 1024 * 1024;

// A request's body, read chunk by chunk and abandoned as soon as it passes the cap: neither a
// Content-Length that lies nor chunked encoding makes the server hold more than `maxBytes` (#13.7).
export async function readCappedBody(request: Request, maxBytes: number, tooLarge: string): Promise<Uint8Array<ArrayBuffer>> {
  const declared = request.headers.get("content-length");
  if (declared !== null && Number(declared) > maxBytes) throw new AppError("TOO_LARGE", tooLarge);
  if (!request.body) return new Uint8Array(new ArrayBuffer(0));
  const reader = request.body.getReader();
  const chunks: Uint8Array[] = [];
  let total = 0;
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    total += value.byteLength;
    if (total > maxBytes) {
      await reader.cancel().catch(() => undefined);
      throw new AppError("TOO_LARGE", tooLarge);
    }
    chunks.push(value);
  }
  const body = new Uint8Array(new ArrayBuffer(total));
  let at = 0;
  for (const c of chunks) {
    body.set(c, at);
    at += c.byteLength;
  }
  return body;
}
