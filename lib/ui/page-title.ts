import "server-only";
import type { Metadata } from "next";
import { isAppError } from "@/lib/errors";
import { keptPageFailed } from "@/lib/server-timing";
import { getCurrentUser } from "@/lib/server/auth/current-user";
import type { Operation } from "@/lib/server/operation";
import { planName } from "@/lib/server/plans/plan-name";
import { projectName } from "@/lib/server/projects/project-name";

// Each page's <title> (app/layout.tsx adds " · 规划项目投资台账"): what the page is, then the plan or
// project it belongs to, so tabs and history tell pages apart. A missing or refused record leaves
// just the page's own name (the page itself answers 404 / the refusal).
async function nameOf(op: Operation<string>, rawId: string) {
  const id = Number(rawId);
  const user = await getCurrentUser();
  if (!Number.isSafeInteger(id) || id <= 0 || !user) return null;
  try {
    return await op(user, { id });
  } catch (e) {
    // Anything but the record's absence or refusal (the page answers those) is a failure the page does
    // not show: such a page is not kept rendered (lib/page-cache).
    if (!isAppError(e) || (e.code !== "NOT_FOUND" && e.code !== "FORBIDDEN")) keptPageFailed();
    return null;
  }
}

const title = (...parts: (string | null | undefined)[]): Metadata => ({ title: parts.filter(Boolean).join(" · ") });

export async function planPageTitle(rawId: string, page?: string): Promise<Metadata> {
  return title(page, await nameOf(planName, rawId));
}

export async function projectPageTitle(rawId: string, page?: string): Promise<Metadata> {
  return title(page, await nameOf(projectName, rawId));
}
