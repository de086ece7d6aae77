// Where `npm start` serves: loopback (127.0.0.1) unless HOST says otherwise, e.g. HOST=0.0.0.0 in a
// container or behind a reverse proxy on another machine; PORT as before (3000).
export function listenAddress(env: Record<string, string | undefined> = process.env): { host: string; port: string } {
  return { host: env.HOST?.trim() || "127.0.0.1", port: env.PORT?.trim() || "3000" };
}

// The production server, scripts/serve.ts (Next's handler behind Node's HTTP server, so that the
// client's address is known: lib/client-address.ts), as a command and its arguments. It reads HOST and
// PORT itself (listenAddress above); `next start` alone would listen on every interface.
export function serveCommand(root: string): [string, string[]] {
  return [`${root}/node_modules/.bin/tsx`, [`${root}/scripts/serve.ts`]];
}

// The address to open in a browser on this machine.
export function browseUrl(env: Record<string, string | undefined> = process.env): string {
  const { host, port } = listenAddress(env);
  const shown = ["0.0.0.0", "::", "127.0.0.1", "::1"].includes(host) ? "localhost" : host.includes(":") ? `[${host}]` : host;
  return `http://${shown}:${port}`;
}
