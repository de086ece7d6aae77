import "server-only";
import type { PrismaClient, Role } from "@/lib/generated/prisma/client";
import { hashPassword } from "@/lib/server/auth/password";
import { indicatorFromPrinted } from "@/lib/server/indicators/indicator-row";

// Small builders shared by the seed (demo accounts) and the tests.
let counter = 0;
const unique = (prefix: string) => `${prefix}-${process.pid}-${Date.now().toString(36)}-${++counter}`;

export async function makeUser(
  db: PrismaClient,
  opts: { username?: string; displayName?: string; role: Role; unitIds?: number[]; password?: string; mustChangePassword?: boolean },
) {
  const username = opts.username ?? unique("user");
  return db.user.create({
    data: {
      username,
      displayName: opts.displayName ?? username,
      role: opts.role,
      passwordHash: await hashPassword(opts.password ?? "Test-password-1"),
      mustChangePassword: opts.mustChangePassword ?? false,
      units: { create: (opts.unitIds ?? []).map((unitId) => ({ unitId })) },
    },
  });
}

export async function makeProject(
  db: PrismaClient,
  opts: {
    planId: number;
    sectionId: number;
    unitId: number | null;
    name?: string;
    totalWan?: string | null;
    parentId?: number;
    startYear?: number;
    endYear?: number;
  },
) {
  const key = unique("p");
  return db.project.create({
    data: {
      planId: opts.planId,
      sectionId: opts.sectionId,
      unitId: opts.unitId,
      parentId: opts.parentId ?? null,
      key,
      name: opts.name ?? `测试项目 ${key}`,
      totalInvestment: opts.totalWan === undefined ? "100" : opts.totalWan,
      startYear: opts.startYear ?? 2021,
      endYear: opts.endYear ?? 2025,
      sourceFile: "test",
      sourceLocator: "test",
      sourceText: "test",
    },
  });
}

// A plan with one section and the given units, for tests that need their own figures.
export async function makePlan(db: PrismaClient, opts: { unitNames: string[] }) {
  const region = await db.region.upsert({ where: { name: "测试市" }, update: {}, create: { name: "测试市", level: "CITY" } });
  const key = unique("plan");
  const plan = await db.plan.create({
    data: { key, title: `测试规划 ${key}`, level: "CITY", regionId: region.id, periodStart: 2021, periodEnd: 2025, sourceFile: "test" },
  });
  const section = await db.section.create({ data: { planId: plan.id, key: "s1", kind: "CATEGORY", title: "医院", locator: "test" } });
  const units = [];
  for (const [i, name] of opts.unitNames.entries()) units.push(await db.reportingUnit.create({ data: { planId: plan.id, name, sortOrder: i } }));
  return { plan, section, units };
}

// An indicator as a plan prints it (texts parsed the way the seed parses them).
export async function makeIndicator(
  db: PrismaClient,
  opts: { planId: number; name?: string; baselineText?: string | null; targetText?: string | null; attribute?: "EXPECTED" | "BINDING" | null },
) {
  const printed = { baselineText: opts.baselineText === undefined ? "18.19" : opts.baselineText, targetText: opts.targetText ?? "≤15", targetYear: 2025 };
  const name = opts.name ?? `${unique("指标")}（%）`;
  return db.indicator.create({
    data: {
      planId: opts.planId,
      name,
      shortName: name.replace(/（[^）]*）$/, ""),
      unit: "%",
      attribute: opts.attribute === undefined ? "BINDING" : opts.attribute,
      baselineYear: 2020,
      ...printed,
      ...indicatorFromPrinted(printed).data,
      sourceKind: "ENTERED",
    },
  });
}
