import "server-only";
import fs from "node:fs";
import path from "node:path";
import { z } from "zod";
import type { PrismaClient } from "@/lib/generated/prisma/client";
import { makeUser } from "./factories";
import { SEED_DIR } from "./read-seed-files";

const demoSchema = z.object({
  password: z.string(),
  users: z.array(
    z.object({
      username: z.string(),
      displayName: z.string(),
      role: z.enum(["ADMIN", "FINANCE_REVIEWER", "COUNTY_OFFICER", "VIEWER"]),
      units: z.array(z.object({ plan: z.string(), unit: z.string() })),
    }),
  ),
});

export function readDemoUsers() {
  return demoSchema.parse(JSON.parse(fs.readFileSync(path.join(SEED_DIR, "demo-users.json"), "utf8")));
}

// Demo accounts for the demo data (listed in the README). Existing usernames are left alone.
export async function loadDemoUsers(db: PrismaClient) {
  const demo = readDemoUsers();
  let created = 0;
  for (const u of demo.users) {
    if (await db.user.findUnique({ where: { username: u.username } })) continue;
    const unitIds: number[] = [];
    for (const ref of u.units) {
      const unit = await db.reportingUnit.findFirst({ where: { name: ref.unit, plan: { key: ref.plan } } });
      if (!unit) throw new Error(`demo-users.json: unknown unit ${ref.plan}/${ref.unit}`);
      unitIds.push(unit.id);
    }
    await makeUser(db, { username: u.username, displayName: u.displayName, role: u.role, unitIds, password: demo.password });
    created++;
  }
  return created;
}
