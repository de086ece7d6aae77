// @ts-check
// A path prefix (APP_BASE_PATH=/ledger: the app at https://host/ledger/…) is fixed at build time: Next
// needs it in basePath, and lib/base-path.ts gets it inlined for the URLs Next does not prefix itself.
const basePath = (process.env.APP_BASE_PATH ?? "").trim();
if (!/^(\/[A-Za-z0-9._~-]+)*$/.test(basePath))
  throw new Error(`APP_BASE_PATH must be empty or a path such as "/ledger" (no trailing slash), not "${basePath}"`);

/** @type {import("next").NextConfig} */
const nextConfig = {
  poweredByHeader: false,
  // The production server compresses (scripts/serve.ts), after keeping rendered pages (lib/page-cache).
  compress: false,
  ...(basePath ? { basePath } : {}),
  env: { APP_BASE_PATH: basePath },
  // forbidden() (lib/ui/or-forbidden.tsx): refusals answer 403 with app/(app)/forbidden.tsx.
  experimental: { authInterrupts: true },
  // exceljs (and its zip/xml dependencies) run as plain Node modules on the server, not bundled.
  serverExternalPackages: ["exceljs"],
  typedRoutes: false,
  async headers() {
    return [
      {
        source: "/:path*",
        headers: [
          { key: "X-Content-Type-Options", value: "nosniff" },
          { key: "Referrer-Policy", value: "strict-origin-when-cross-origin" },
          { key: "X-Frame-Options", value: "DENY" },
          // Pages get a full nonce-based policy from proxy.ts; this covers everything else.
          { key: "Content-Security-Policy", value: "frame-ancestors 'none'; object-src 'none'; base-uri 'self'" },
        ],
      },
    ];
  },
};
module.exports = nextConfig;
