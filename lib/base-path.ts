// The path prefix the app was built for: APP_BASE_PATH at `next build` (next.config.js sets Next's
// basePath from it and inlines it here), "" when it is served at the root of its host. Next's <Link>,
// redirect() and router add it themselves; plain URLs (download links, GET forms, fetch, the manifest)
// go through withBase.
export const BASE_PATH: string = process.env.APP_BASE_PATH ?? "";

// "/api/v1/…" → "/ledger/api/v1/…" when built with APP_BASE_PATH=/ledger. Only for paths of this app.
export const withBase = (path: string): string => (BASE_PATH && path.startsWith("/") && !path.startsWith(`${BASE_PATH}/`) ? `${BASE_PATH}${path}` : path);

// A valid prefix: one or more "/segment"s, no trailing slash ("" = none).
export const BASE_PATH_PATTERN = /^(\/[A-Za-z0-9._~-]+)*$/;
