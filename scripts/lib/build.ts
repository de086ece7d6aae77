import crypto from "node:crypto";
import fs from "node:fs";
import path from "node:path";
import { ROOT } from "./database";
import { mustRun } from "./run";

const INPUTS = [
  "app",
  "lib",
  "components",
  "public",
  "proxy.ts",
  "instrumentation.ts",
  "next.config.js",
  "postcss.config.mjs",
  "tsconfig.json",
  "package-lock.json",
  "prisma/schema.prisma",
];
const STAMP = path.join(ROOT, ".next", "source-hash");

// Hash of everything `next build` reads, so `npm start` rebuilds only when the sources changed.
function sourceHash(): string {
  const hash = crypto.createHash("sha256");
  const visit = (p: string) => {
    if (!fs.existsSync(p)) return;
    const stat = fs.statSync(p);
    if (stat.isDirectory()) {
      if (p.endsWith(`${path.sep}generated`)) return;
      for (const name of fs.readdirSync(p).sort()) visit(path.join(p, name));
    } else {
      hash.update(path.relative(ROOT, p));
      hash.update(fs.readFileSync(p));
    }
  };
  for (const input of INPUTS) visit(path.join(ROOT, input));
  // The path prefix is compiled in (next.config.js): another prefix is another build.
  hash.update(`APP_BASE_PATH=${process.env.APP_BASE_PATH ?? ""}`);
  return hash.digest("hex");
}

export async function buildIfNeeded(env: Record<string, string>) {
  const hash = sourceHash();
  const built = fs.existsSync(path.join(ROOT, ".next", "BUILD_ID")) && fs.existsSync(STAMP) && fs.readFileSync(STAMP, "utf8") === hash;
  if (built) return;
  console.log("[build] building the app (next build)…");
  await mustRun("next", ["build"], { ...env, NEXT_TELEMETRY_DISABLED: "1" });
  fs.writeFileSync(STAMP, hash);
}
