import crypto from "node:crypto";
import fs from "node:fs";
import path from "node:path";
import { ROOT } from "./database";

// A per-checkout session secret for local runs; production sets NEXTAUTH_SECRET itself.
export function localSecret(): string {
  if (process.env.NEXTAUTH_SECRET) return process.env.NEXTAUTH_SECRET;
  const file = path.join(ROOT, ".data", "nextauth-secret");
  if (!fs.existsSync(file)) {
    fs.mkdirSync(path.dirname(file), { recursive: true });
    fs.writeFileSync(file, crypto.randomBytes(32).toString("base64url"), { mode: 0o600 });
  }
  return fs.readFileSync(file, "utf8").trim();
}
