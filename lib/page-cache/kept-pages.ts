// Rendered pages kept per server process (issue #17): the finance dashboard, rendered once per reader
// and state of its data, is sent again as it was while nothing it shows has changed. What a page
// depends on, and so its key, is decided in lib/server/pages/kept-page-key.ts (proxy.ts looks pages up
// there); the production server (scripts/serve.ts) keeps what Next rendered. Loaded by both (the
// server script and Next's bundle each have their own copy of this module), so the store lives on
// globalThis.
//
// A kept page is sent with a fresh CSP nonce: the rendered HTML is kept cut at its nonce, so each
// response carries its own (a nonce is never reused across responses).

export type KeptPage = { headers: [string, string][]; parts: Buffer[]; nonce: string; bytes: number };
type Store = { pages: Map<string, KeptPage>; bytes: number; rendering: Map<string, Rendering> };

// Bounded by bytes (KEPT_PAGES_MB, checked at start: lib/env-schema.ts; a dashboard is ~190 KB): the
// least recently sent pages go first.
export const keptPagesMaxBytes = () => Number(process.env.KEPT_PAGES_MB ?? 32) * 1024 * 1024;

const KEY = Symbol.for("ledger.keptPages");
const g = globalThis as unknown as { [KEY]?: Store };
const store: Store = (g[KEY] ??= { pages: new Map(), bytes: 0, rendering: new Map() });

// Headers that belong to one response or one connection, never replayed.
const OWN_HEADERS = new Set(["date", "connection", "keep-alive", "transfer-encoding", "content-length", "content-encoding", "server-timing", "set-cookie"]);

export function keptPage(key: string): KeptPage | undefined {
  const page = store.pages.get(key);
  if (page) {
    store.pages.delete(key);
    store.pages.set(key, page);
  }
  return page;
}

export function keepPage(key: string, page: { nonce: string; headers: [string, string][]; body: Buffer }): KeptPage | undefined {
  const parts: Buffer[] = [];
  const marker = Buffer.from(page.nonce);
  let from = 0;
  for (let at = page.body.indexOf(marker); at >= 0; at = page.body.indexOf(marker, from)) {
    parts.push(page.body.subarray(from, at));
    from = at + marker.length;
  }
  parts.push(page.body.subarray(from));
  const headers = page.headers.filter(([name]) => !OWN_HEADERS.has(name.toLowerCase()));
  const kept: KeptPage = { headers, parts, nonce: page.nonce, bytes: page.body.length };
  const max = keptPagesMaxBytes();
  forget(key);
  if (kept.bytes > max) return undefined;
  store.pages.set(key, kept);
  store.bytes += kept.bytes;
  while (store.bytes > max) forget(store.pages.keys().next().value!);
  return kept;
}

// Views of one page at once share one rendering (as the rollup cache shares one computation): the first
// renders, the others wait for what it keeps — at most WAIT_MS, then they render themselves. A rendering
// that keeps nothing (a refusal, an error) lets each of them render its own answer.
const WAIT_MS = 10_000;
export type Rendering = { key: string; page: Promise<KeptPage | undefined>; done: (page?: KeptPage) => void };

// The page as another view of it is rendering it right now (undefined if it keeps none, or after
// WAIT_MS); or, when none is, this view's own rendering: renderingDone must follow, whatever happens.
export function joinRendering(key: string): { wait: Promise<KeptPage | undefined> } | { own: Rendering } {
  const now = store.rendering.get(key);
  if (now) {
    let timer: ReturnType<typeof setTimeout> | undefined;
    const waited = new Promise<undefined>(
      (resolve) =>
        (timer = setTimeout(() => {
          // A rendering this slow is not waited for again: the next view renders itself.
          if (store.rendering.get(key) === now) store.rendering.delete(key);
          resolve(undefined);
        }, WAIT_MS)),
    );
    return { wait: Promise.race([now.page, waited]).finally(() => clearTimeout(timer)) };
  }
  let done!: (page?: KeptPage) => void;
  const own: Rendering = { key, page: new Promise<KeptPage | undefined>((resolve) => (done = resolve)), done };
  store.rendering.set(key, own);
  return { own };
}

export function renderingDone(rendering: Rendering, page?: KeptPage) {
  rendering.done(page);
  if (store.rendering.get(rendering.key) === rendering) store.rendering.delete(rendering.key);
}

function forget(key: string) {
  const old = store.pages.get(key);
  if (!old) return;
  store.pages.delete(key);
  store.bytes -= old.bytes;
}

// The page's body and headers with `nonce` in place of the one it was rendered with.
export function pageWithNonce(page: KeptPage, nonce: string): { body: Buffer; headers: [string, string][] } {
  const fresh = Buffer.from(nonce);
  const pieces: Buffer[] = [];
  page.parts.forEach((part, i) => {
    if (i > 0) pieces.push(fresh);
    pieces.push(part);
  });
  return { body: Buffer.concat(pieces), headers: page.headers.map(([name, value]) => [name, value.replaceAll(page.nonce, nonce)]) };
}

// Next's in-app navigation or prefetch (an RSC request), as the production server receives it: never
// sent or kept as a whole page. Next removes these marks before proxy.ts sees the request.
const NAVIGATION_HEADERS = ["rsc", "next-router-state-tree", "next-router-prefetch", "next-router-segment-prefetch"];
export const isInAppNavigation = (headers: Record<string, unknown>, url = "") =>
  NAVIGATION_HEADERS.some((h) => headers[h] !== undefined) || /[?&]_rsc=/.test(url);

// For tests: what is kept now.
export const keptPagesState = () => ({ count: store.pages.size, bytes: store.bytes });
export function forgetKeptPages() {
  store.pages.clear();
  store.rendering.clear();
  store.bytes = 0;
}
