import crypto from "node:crypto";
import fs from "node:fs";
import path from "node:path";
import { ROOT } from "./database";

// A per-checkout session secret for local runs; production sets NEXTAUTH_SECRET itself.
export function localSecret(): string {
  if (process.env.NEXTAUTH_SECRET) return process.env.NEXTAUTH_SECRET;
  return localSecretFile("nextauth-secret");
}

// A random secret kept in .data/<name> (git-ignored, mode 600), generated on first use. Several
// processes may ask at once (parallel test runs): the first link wins and everyone reads it back.
export function localSecretFile(name: string): string {
  const file = path.join(ROOT, ".data", name);
  if (!fs.existsSync(file)) {
    fs.mkdirSync(path.dirname(file), { recursive: true });
    // Written whole under a temporary name, then linked into place: a reader never sees half a file.
    const tmp = `${file}.${process.pid}.tmp`;
    fs.writeFileSync(tmp, crypto.randomBytes(32).toString("base64url"), { mode: 0o600 });
    try {
      fs.linkSync(tmp, file);
    } catch (e) {
      if ((e as NodeJS.ErrnoException).code !== "EEXIST") throw e;
    } finally {
      fs.rmSync(tmp, { force: true });
    }
  }
  return fs.readFileSync(file, "utf8").trim();
}
