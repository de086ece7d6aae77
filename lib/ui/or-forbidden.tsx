import "server-only";
import { isAppError } from "@/lib/errors";
import { Forbidden } from "@/components/forbidden";

// Renders the refusal in place when the domain call says FORBIDDEN (pages only; actions get the error).
export async function orForbidden<T>(promise: Promise<T>): Promise<{ ok: true; data: T } | { ok: false; page: React.ReactElement }> {
  try {
    return { ok: true, data: await promise };
  } catch (e) {
    if (isAppError(e) && e.code === "FORBIDDEN") {
      return {
        ok: false,
        page: <Forbidden />,
      };
    }
    throw e;
  }
}
