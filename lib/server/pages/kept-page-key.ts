import "server-only";
import { createHash } from "node:crypto";
import type { NextRequest } from "next/server";
import type { SessionToken } from "@/lib/auth/session-token";
import { chinaToday } from "@/lib/dates";
import { db } from "@/lib/db";
import { MONEY_COOKIE } from "@/lib/money-unit-choice";
import { keptPagesMaxBytes } from "@/lib/page-cache/kept-pages";
import { requestTimingStore, timed } from "@/lib/server-timing";
import { SESSION_USER_COLUMNS, sessionUserOf, type SessionUserRow } from "@/lib/server/auth/current-user";
import { STAMP_COLUMNS, type Stamps } from "@/lib/server/rollups/stamps";

// The pages kept rendered (lib/page-cache): the finance dashboard, the page a reporting week's readers
// open again and again while its figures change only with approvals (issue #17).
const KEPT_PAGES = [/^\/finance\/\d+$/];

// The key of a kept page: everything the page shows depends on, read in one statement —
//  - the reader: who they are, their role and units (the menu, what they may see), whether their
//    session still counts, their unread notices (the badge), their money-unit choice (a cookie);
//  - the data: the rollup stamp (every table the figures, lists and plan read, migration
//    rollup_stamp) and the indicator stamp (主要指标, migration indicator_stamp);
//  - the address (plan, period, view) and the day in China (the current period, what is overdue).
// Anything else the page reads is code, the same for the life of the process. Null when the request
// is not for a kept page, or its reader is not signed in as the page would see it (the page itself
// then answers: the login redirect, the password change, a refusal).
export async function keptPageKey(request: NextRequest, session: SessionToken): Promise<string | null> {
  const path = request.nextUrl.pathname;
  // Only a whole page opened in the browser, served by the production server (which keeps it):
  // Next's in-app navigations (RSC) render as ever.
  if (request.method !== "GET" || request.headers.has("rsc") || !requestTimingStore() || !KEPT_PAGES.some((p) => p.test(path)) || !keptPagesMaxBytes())
    return null;
  const { uid, sv, sid } = session;
  if (typeof uid !== "number" || !uid || typeof sid !== "string" || !sid) return null;
  const [row] = await timed(
    "user",
    () => db.$queryRaw<(SessionUserRow & Stamps & { revoked: boolean; indicators: string; unread: number })[]>`
      SELECT ${SESSION_USER_COLUMNS}, EXISTS (SELECT 1 FROM "RevokedSession" rs WHERE rs."sessionId" = ${sid}) AS revoked, ${STAMP_COLUMNS},
        COALESCE(s."indicatorVersion"::text, 'none') AS indicators,
        (SELECT count(*) FROM "Notice" n WHERE n."recipientId" = u.id AND n."readAt" IS NULL)::int AS unread
      FROM "User" u LEFT JOIN "RollupStamp" s ON s.id = 1 WHERE u.id = ${uid}`,
  );
  const user = row && !row.revoked ? sessionUserOf(row, typeof sv === "number" ? sv : 0) : null;
  if (!user || user.mustChangePassword) return null;
  const parts = [path, request.nextUrl.search, user, row.all, row.indicators, row.unread, request.cookies.get(MONEY_COOKIE)?.value ?? "", chinaToday()];
  return createHash("sha256").update(JSON.stringify(parts)).digest("base64url");
}
