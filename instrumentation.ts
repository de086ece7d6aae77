export async function register() {
  if (process.env.NEXT_RUNTIME === "nodejs") {
    const { env } = await import("@/lib/env");
    env();
  }
}

// A page whose rendering reported an error is never kept rendered (lib/page-cache), even where it still
// went out with 200 (an error inside a part streamed after the first bytes).
export async function onRequestError() {
  if (process.env.NEXT_RUNTIME !== "nodejs") return;
  const { keptPageFailed } = await import("@/lib/server-timing");
  keptPageFailed();
}
