// The production server: Next's request handler behind Node's own HTTP server, so that every request
// carries the address it really came from (lib/client-address.ts) in a header no client can set.
// `npm start` runs it; so do the browser tests, the benchmark and the load test.
//   PORT (default 3000), HOST (default 127.0.0.1: reachable from this machine only; HOST=0.0.0.0 in a
//   container or behind a proxy on another machine), TRUSTED_PROXIES, APP_URL (docs/deploy.md).
// The forwarded headers (X-Forwarded-For, -Proto, -Host) count only from a trusted proxy: from anyone
// else they are replaced by what the socket says, so no client can choose its address or host.
import fs from "node:fs";
import http from "node:http";
import path from "node:path";
import compression from "compression";
import next from "next";
import { authUrlEnv } from "../lib/auth/public-url";
import { CLIENT_ADDRESS_HEADER, clientAddress, isTrustedProxy, parseTrustedProxies } from "../lib/client-address";
import { parseEnv } from "../lib/env-schema";
import { isInAppNavigation, keepPage, renderingDone } from "../lib/page-cache/kept-pages";
import { newTimingStore, serverTimingHeader, timingStorage, type TimingStore } from "../lib/server-timing";
import { browseUrl, listenAddress } from "./lib/listen";

const ROOT = path.resolve(__dirname, "..");
// Typed for Express, but needs only Node's own request and response.
const compress = compression() as unknown as (req: http.IncomingMessage, res: http.ServerResponse, next: () => void) => void;

// A page proxy.ts marked to keep (lib/page-cache): what Next writes is copied as it goes out, and kept
// once the whole page was sent with 200 (never a refusal, an error, a response cut short or one that
// sets a cookie); views waiting for this rendering get it, or render themselves.
function keepRendered(res: http.ServerResponse, timing: TimingStore) {
  const chunks: Buffer[] = [];
  const copy = (chunk: unknown, encoding: unknown) => {
    if (timing.keepPage && chunk && typeof chunk !== "function")
      chunks.push(
        typeof chunk === "string" ? Buffer.from(chunk, typeof encoding === "string" ? (encoding as BufferEncoding) : "utf8") : Buffer.from(chunk as Uint8Array),
      );
  };
  const write = res.write;
  const end = res.end;
  res.write = function (this: typeof res, chunk: unknown, ...rest: unknown[]) {
    copy(chunk, rest[0]);
    return (write as (...a: unknown[]) => boolean).call(this, chunk, ...rest);
  } as typeof res.write;
  res.end = function (this: typeof res, chunk?: unknown, ...rest: unknown[]) {
    copy(chunk, rest[0]);
    return (end as (...a: unknown[]) => typeof res).call(this, chunk, ...rest);
  } as typeof res.end;
  res.on("close", () => {
    timing.closed = true;
    const keep = timing.keepPage;
    if (!keep) return;
    const whole =
      res.writableFinished &&
      !keep.failed &&
      keep.seen.user === keep.reader.user &&
      keep.seen.unread === keep.reader.unread &&
      res.statusCode === 200 &&
      !res.hasHeader("set-cookie") &&
      String(res.getHeader("content-type")).startsWith("text/html");
    const headers = Object.entries(res.getHeaders()).flatMap(([name, v]) =>
      v === undefined ? [] : Array.isArray(v) ? v.map((one): [string, string] => [name, one]) : [[name, String(v)] as [string, string]],
    );
    const kept = whole ? keepPage(keep.key, { nonce: keep.nonce, headers, body: Buffer.concat(chunks) }) : undefined;
    if (keep.rendering) renderingDone(keep.rendering, kept);
  });
}

// The path prefix the build was made with (APP_BASE_PATH at `next build`).
const builtBasePath = (): string => {
  const manifest = path.join(ROOT, ".next", "routes-manifest.json");
  return fs.existsSync(manifest) ? ((JSON.parse(fs.readFileSync(manifest, "utf8")) as { basePath?: string }).basePath ?? "") : "";
};

async function main() {
  // Every setting checked before anything listens (Next's own check, instrumentation.ts, only logs).
  try {
    parseEnv(process.env, builtBasePath());
  } catch (e) {
    console.error(`[serve] ${(e as Error).message}`);
    process.exit(1);
  }
  const host = listenAddress().host;
  const port = Number(listenAddress().port);
  const proxies = parseTrustedProxies(process.env.TRUSTED_PROXIES);
  // next-auth's origin: from APP_URL, or the request's (trusted) host; never a NEXTAUTH_URL set elsewhere.
  delete process.env.NEXTAUTH_URL;
  delete process.env.AUTH_TRUST_HOST;
  Object.assign(process.env, authUrlEnv());
  const app = next({ dev: false, dir: ROOT, hostname: host, port });
  const handle = app.getRequestHandler();
  await app.prepare();
  const server = http.createServer((req, res) => {
    req.headers[CLIENT_ADDRESS_HEADER] = clientAddress(req.socket.remoteAddress, req.headers["x-forwarded-for"], proxies);
    if (!isTrustedProxy(proxies, req.socket.remoteAddress)) {
      delete req.headers["x-forwarded-host"];
      req.headers["x-forwarded-proto"] = "http"; // this server speaks plain HTTP; TLS ends at a proxy
    }
    // Server-Timing (lib/server-timing): the phases recorded while the request ran, added as the headers go out.
    const timing = newTimingStore(req.method);
    timing.navigation = isInAppNavigation(req.headers, req.url);
    const writeHead = res.writeHead;
    res.writeHead = function (this: typeof res, ...args: Parameters<typeof res.writeHead>) {
      if (!res.headersSent) res.setHeader("Server-Timing", serverTimingHeader(timing));
      return writeHead.apply(this, args);
    } as typeof res.writeHead;
    // Compressed here, not by Next (next.config.js compress: false), so that keepRendered sees the page
    // as rendered; compression is the package Next itself uses.
    compress(req, res, () => {
      keepRendered(res, timing);
      timingStorage.run(timing, () => void handle(req, res));
    });
  });
  server.listen(port, host, () => console.log(`[serve] listening on ${host}:${port}: ${browseUrl()}`));
  const stop = () => server.close(() => process.exit(0));
  process.on("SIGINT", stop);
  process.on("SIGTERM", stop);
}

if (require.main === module) void main();
