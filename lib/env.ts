import "server-only";
import { parseEnv, type Env } from "./env-schema";

export { parseEnv, type Env };
let cached: Env | undefined;

// Validated on first use and at server start (instrumentation.ts), not at build time. The variables
// and their rules: lib/env-schema.ts.
export function env(): Env {
  cached ??= parseEnv(process.env);
  return cached;
}
