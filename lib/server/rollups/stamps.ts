import "server-only";
import { cache as perRequest } from "react";
import { db } from "@/lib/db";
import { Prisma } from "@/lib/generated/prisma/client";
import { requestTimingStore } from "@/lib/server-timing";
import type { QueryClient } from "./rollup-cache";

// The rollup stamps (RollupStamp, one row; migrations rollup_stamp, rollup_facts, figure_group_keys):
// the versions a cached rollup result is checked against (rollup-cache.ts).
// - all: every table the rollups read;
// - portfolio: projects, milestones and plans only (results reading nothing else survive approvals
//   and annual plans);
// - base: everything but the reports (results that survive approvals);
// - indicators: everything `all` follows and the 主要指标 (indicatorVersion, migration indicator_stamp).
export type StampKind = "all" | "portfolio" | "base" | "indicators";
export type Stamps = Record<StampKind, string>;

// The columns, for any statement that joins the row as `s` (LEFT JOIN "RollupStamp" s ON s.id = 1):
// 'none' without a stamp row.
export const STAMP_COLUMNS = Prisma.sql`COALESCE(s.version::text, 'none') AS "all", COALESCE(s."portfolioVersion"::text, 'none') AS portfolio,
  COALESCE(s."baseVersion"::text, 'none') AS base, COALESCE(s.version::text || ':' || s."indicatorVersion"::text, 'none') AS indicators`;

// The stamps of a row that carries STAMP_COLUMNS among others.
export const stampsFrom = (row: Stamps): Stamps => ({ all: row.all, portfolio: row.portfolio, base: row.base, indicators: row.indicators });

export async function stampsOf(client: QueryClient): Promise<Stamps> {
  const [row] = await client.$queryRaw<Stamps[]>`SELECT ${STAMP_COLUMNS} FROM (SELECT 1) one LEFT JOIN "RollupStamp" s ON s.id = 1`;
  return row;
}

// Read once per request: in a page render React's cache() memoises it; a GET request keeps it in the
// request's store (lib/server-timing, opened by the production server), where the statement that
// looks up the request's user already put it (rememberRequestStamps). A request that writes (server
// action, POST) reads it again, so what it shows after its write is never the cached result of
// before; so do tests and scripts.
const stampsOfRender = perRequest(() => stampsOf(db));
export function currentStamps(): Promise<Stamps> {
  const store = requestTimingStore();
  if (!store?.readOnly) return stampsOfRender();
  return (store.rollupStamps ??= stampsOf(db));
}

// The stamps read with the request's first statement (its user: lib/server/auth), for a GET request.
export function rememberRequestStamps(row: Stamps) {
  const store = requestTimingStore();
  if (store?.readOnly && !store.rollupStamps) store.rollupStamps = Promise.resolve(stampsFrom(row));
}
