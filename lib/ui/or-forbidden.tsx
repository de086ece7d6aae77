import "server-only";
import { isAppError } from "@/lib/errors";
import { Forbidden } from "@/components/forbidden";

// Renders the refusal in place when the domain call says FORBIDDEN (pages only; actions get the error).
// `projectId`: the refusal offers the way back to that project.
export async function orForbidden<T>(promise: Promise<T>, projectId?: number): Promise<{ ok: true; data: T } | { ok: false; page: React.ReactElement }> {
  try {
    return { ok: true, data: await promise };
  } catch (e) {
    if (isAppError(e) && e.code === "FORBIDDEN") {
      return {
        ok: false,
        page: <Forbidden projectId={projectId} />,
      };
    }
    throw e;
  }
}
