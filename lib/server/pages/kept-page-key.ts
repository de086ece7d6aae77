import "server-only";
import { createHash } from "node:crypto";
import type { NextRequest } from "next/server";
import type { SessionToken } from "@/lib/auth/session-token";
import { chinaToday } from "@/lib/dates";
import { MONEY_COOKIE } from "@/lib/money-unit-choice";
import { keptPagesMaxBytes } from "@/lib/page-cache/kept-pages";
import { dashboardQuerySchema } from "@/lib/schemas/finance";
import { requestTimingStore, timed, type ReaderSeen } from "@/lib/server-timing";
import { Prisma } from "@/lib/generated/prisma/client";
import { readSession } from "@/lib/server/auth/current-user";

// The pages kept rendered (lib/page-cache), with the query parameters they take: the finance
// dashboard, the page a reporting week's readers open again and again while its figures change only
// with approvals (issue #17). A link with anything else (an unknown or repeated parameter) is rendered,
// not kept: no one can fill the store with variants of one page.
const KEPT_PAGES: [RegExp, Set<string>][] = [[/^\/finance\/\d+$/, new Set(Object.keys(dashboardQuerySchema.omit({ plan: true }).shape))]];

// The key of a kept page: everything the page shows depends on, read in one statement —
//  - the reader: who they are, their role and units (the menu, what they may see), whether their
//    session still counts, their unread notices (the badge), their money-unit choice (a cookie);
//  - the data: the rollup stamp (every table the figures, lists and plan read, migration
//    rollup_stamp) and the indicator stamp (主要指标, migration indicator_stamp);
//  - the address (plan, period, view) and the day in China (the current period, what is overdue).
// Anything else the page reads is code, the same for the life of the process. Null when the request
// is not for a kept page, or its reader is not signed in as the page would see it (the page itself
// then answers: the login redirect, the password change, a refusal).
export async function keptPageKey(request: NextRequest, session: SessionToken): Promise<{ key: string; reader: ReaderSeen } | null> {
  const path = request.nextUrl.pathname;
  const params = [...request.nextUrl.searchParams.keys()];
  const store = requestTimingStore();
  // Only a whole page opened in the browser, served by the production server (which keeps it):
  // Next's in-app navigations (RSC) render as ever.
  const kept = KEPT_PAGES.find(([pattern]) => pattern.test(path));
  if (request.method !== "GET" || !store || store.navigation || !kept || !keptPagesMaxBytes()) return null;
  if (params.some((p) => !kept[1].has(p)) || new Set(params).size !== params.length) return null;
  const { uid, sv, sid } = session;
  if (typeof uid !== "number" || !uid || typeof sid !== "string" || !sid) return null;
  const { user, row } = await timed("user", () =>
    readSession<{ unread: number }>(
      { id: uid, sessionVersion: typeof sv === "number" ? sv : 0, sessionId: sid },
      Prisma.sql`, (SELECT count(*) FROM "Notice" n WHERE n."recipientId" = u.id AND n."readAt" IS NULL)::int AS unread`,
    ),
  ).catch(() => ({ user: null, row: undefined })); // the database failing now: the page answers (503), as without keeping
  if (!user || !row || user.mustChangePassword) return null;
  const reader = { user: JSON.stringify(user), unread: JSON.stringify(row.unread) };
  // The indicators stamp: the rollup stamp with the indicator stamp (lib/server/rollups/stamps.ts).
  const parts = [path, request.nextUrl.search, reader, row.indicators, request.cookies.get(MONEY_COOKIE)?.value ?? "", chinaToday()];
  return { key: createHash("sha256").update(JSON.stringify(parts)).digest("base64url"), reader };
}
