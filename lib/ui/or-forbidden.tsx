import "server-only";
import { isAppError } from "@/lib/errors";
import { zh } from "@/lib/i18n/zh-CN";

// Renders the refusal in place when the domain call says FORBIDDEN (pages only; actions get the error).
export async function orForbidden<T>(promise: Promise<T>): Promise<{ ok: true; data: T } | { ok: false; page: React.ReactElement }> {
  try {
    return { ok: true, data: await promise };
  } catch (e) {
    if (isAppError(e) && e.code === "FORBIDDEN") {
      return {
        ok: false,
        page: (
          <div className="mt-8 rounded border border-red-200 bg-red-50 p-6 text-red-800" data-testid="forbidden">
            {zh.errors.forbidden}
          </div>
        ),
      };
    }
    throw e;
  }
}
