import "server-only";
import { db } from "@/lib/db";
import type { Prisma, PrismaClient } from "@/lib/generated/prisma/client";
import { ensureRollupFacts, forgetKeptFacts, keptFactsFor } from "./rollup-facts";
import { currentStamps, stampsOf, type StampKind, type Stamps } from "./stamps";

export type { StampKind, Stamps } from "./stamps";

// Results of rollup SQL, kept per server process while the data they were computed from is
// unchanged. "Unchanged" is exact, not time-based: RollupStamp.version changes inside every
// transaction that writes a table the rollups read (deferred triggers, migration rollup_stamp), and a
// result is computed in a REPEATABLE READ snapshot together with the version it belongs to. A
// request reads the current version (one indexed row) and reuses the result only when it matches;
// otherwise it recomputes. Concurrent requests for the same stale entry share one computation.
export type QueryClient = { $queryRaw: PrismaClient["$queryRaw"] };

type Entry = { stamp: string; value: Promise<unknown> };
const MAX_ENTRIES = 500;
const cache = new Map<string, Entry>();

// dependsOn: which version the result follows ("portfolio" only for computations reading nothing but
// projects, milestones and plans). factsOf: the plan whose kept rollup facts (rollup-facts.ts) the
// computation reads; a miss makes sure a copy of the current portfolio version exists before its
// snapshot is taken.
export function cachedRollup<T>(
  key: string,
  compute: (client: Prisma.TransactionClient) => Promise<T>,
  opts: { factsOf?: number; dependsOn?: StampKind } = {},
): Promise<T> {
  const kind = opts.dependsOn ?? "all";
  return cached(key, kind, () =>
    (opts.factsOf === undefined ? Promise.resolve() : ensureRollupFacts(opts.factsOf)).then(() =>
      db.$transaction(async (tx) => ({ stamp: (await stampsOf(tx))[kind], value: await compute(tx) }), { isolationLevel: "RepeatableRead", timeout: 60_000 }),
    ),
  );
}

// A result computed by one statement that reads the stamps itself (group-rollup.ts stampedGroupRollup):
// a statement is its own snapshot, so a miss is one round trip, no transaction. It reads the plan's
// kept facts of the request's portfolio version (known in this process after the first miss); if its
// snapshot says they were not current after all, it runs again computing the facts itself.
export function cachedStatement<T>(
  key: string,
  compute: (client: QueryClient, factsVersion: string | undefined) => Promise<{ value: T; stamps: Stamps; factsCurrent: boolean }>,
  opts: { factsOf: number; dependsOn?: StampKind },
): Promise<T> {
  const kind = opts.dependsOn ?? "all";
  return cached(key, kind, async (stamps) => {
    let r = await compute(db, await keptFactsFor(opts.factsOf, stamps.portfolio));
    if (!r.factsCurrent) {
      forgetKeptFacts(opts.factsOf);
      r = await compute(db, undefined);
    }
    return { stamp: r.stamps[kind], value: r.value };
  });
}

async function cached<T>(key: string, kind: StampKind, produce: (stamps: Stamps) => Promise<{ stamp: string; value: T }>): Promise<T> {
  const stamps = await currentStamps();
  const stamp = stamps[kind];
  const hit = cache.get(key);
  if (hit && hit.stamp === stamp) return hit.value as Promise<T>;
  const value = produce(stamps).then((r) => {
    // Stored under the version of its own snapshot (possibly newer than the one read above).
    remember(key, { stamp: r.stamp, value: Promise.resolve(r.value) });
    return r.value;
  });
  // Until then, requests that saw the same version wait for this computation instead of starting one.
  remember(key, { stamp, value });
  value.catch(() => {
    if (cache.get(key)?.value === value) cache.delete(key);
  });
  return value;
}

function remember(key: string, entry: Entry) {
  cache.delete(key);
  cache.set(key, entry);
  while (cache.size > MAX_ENTRIES) cache.delete(cache.keys().next().value!);
}
