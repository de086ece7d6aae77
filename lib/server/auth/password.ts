import "server-only";
import { hash, verify } from "@node-rs/argon2";

// argon2id with the library defaults (m=19 MiB, t=2, p=1: OWASP's minimum recommendation).
export const hashPassword = (plain: string) => hash(plain);
export const verifyPassword = (stored: string, plain: string) => verify(stored, plain).catch(() => false);
