// Server-Timing (issue #17): where a request's time goes — session decode, user lookup, data, and the
// rest (rendering) — sent with the response headers, so `npm run bench` (and a browser's network
// panel) can break a signed-in request down. Cheap: one AsyncLocalStorage store per request, opened by
// the production server (scripts/serve.ts); without one (tests, scripts) `timed` just runs the work.
// One storage for the whole process: the server script and Next's bundles each load their own copy of
// this module, so the instance lives on globalThis.
import { AsyncLocalStorage } from "node:async_hooks";
import type { Rendering } from "@/lib/page-cache/kept-pages";
import type { Stamps } from "@/lib/server/rollups/stamps";

export type TimingStore = {
  start: number;
  marks: Map<string, { dur: number; n: number }>;
  // A GET or HEAD request: it writes nothing, so what it reads once may be reused within it.
  readOnly: boolean;
  // The rollup stamps read once per read-only request (lib/server/rollups/rollup-cache.ts): route
  // handlers have no React render to memoise them in.
  rollupStamps?: Promise<Stamps>;
  // Set by proxy.ts when the page is one to keep rendered (lib/page-cache): its key, the nonce it is
  // rendered with, the reader the key was read for, and the rendering others wait for if this request
  // is it. The production server keeps the response under the key only if the rendering saw the same
  // reader (seen: noteRenderedFor) and reported no error (failed: keptPageFailed).
  keepPage?: { key: string; nonce: string; reader: ReaderSeen; seen: Partial<ReaderSeen>; rendering?: Rendering; failed?: boolean };
  // Set by the production server: Next's in-app navigation or prefetch (an RSC request; Next removes
  // the headers that say so before proxy.ts sees the request), and the connection's end.
  navigation?: boolean;
  closed?: boolean;
};

// What a kept page shows of its reader, as JSON: the user (name, role, units) and the unread notices.
export type ReaderSeen = { user: string; unread: string };

const KEY = Symbol.for("ledger.serverTiming");
const g = globalThis as unknown as { [KEY]?: AsyncLocalStorage<TimingStore> };
export const timingStorage: AsyncLocalStorage<TimingStore> = (g[KEY] ??= new AsyncLocalStorage<TimingStore>());

export const newTimingStore = (method = "GET"): TimingStore => ({
  start: performance.now(),
  marks: new Map(),
  readOnly: method === "GET" || method === "HEAD",
});

// Adds the duration of `fn` to the request's mark `name` (summed over calls; concurrent calls overlap).
export async function timed<T>(name: string, fn: () => Promise<T>): Promise<T> {
  const store = timingStorage.getStore();
  if (!store) return fn();
  const t = performance.now();
  try {
    return await fn();
  } finally {
    const m = store.marks.get(name) ?? { dur: 0, n: 0 };
    m.dur += performance.now() - t;
    m.n += 1;
    store.marks.set(name, m);
  }
}

// A kept page's rendering read its reader (lib/server/auth, the layout's notices): the page is kept only
// if that is the reader its key was read for (they could change in between, and change back).
export function noteRenderedFor(part: keyof ReaderSeen, value: unknown) {
  const keep = timingStorage.getStore()?.keepPage;
  if (keep) keep.seen[part] = JSON.stringify(value);
}

// A kept page's rendering went wrong (instrumentation.ts onRequestError, an error shown as a lesser
// page): never kept.
export function keptPageFailed() {
  const keep = timingStorage.getStore()?.keepPage;
  if (keep) keep.failed = true;
}

// The request's store, when the production server opened one.
export const requestTimingStore = (): TimingStore | undefined => timingStorage.getStore();

// The header value when the response headers go out: each mark, and `app` = time from the request's
// arrival to its headers (for a page without streaming boundaries: everything but sending the body).
export function serverTimingHeader(store: TimingStore): string {
  const parts = [...store.marks].map(([name, m]) => `${name};dur=${m.dur.toFixed(2)}${m.n > 1 ? `;desc="${m.n}x"` : ""}`);
  parts.push(`app;dur=${(performance.now() - store.start).toFixed(2)}`);
  return parts.join(", ");
}
