import { describe, expect, it } from "vitest";
import type { z } from "zod";
import { db } from "@/lib/db";
import { isAppError } from "@/lib/errors";
import type { Operation } from "@/lib/server/operation";
import { makePlan, makeProject } from "@/lib/server/seed/factories";
import { sessionFor } from "../support/users";

// #13.6: every operation (each server action, route handler and page calls one) is fed values that
// pass a loose check but not the columns: ids past 2³¹, money past NUMERIC(18,4), impossible days,
// periods like 0000-01, wrong types, huge strings. Each must answer with an AppError (a 4xx with a
// message) or succeed; a raw database or runtime error (a 500) fails the test.
const modules = import.meta.glob<Record<string, unknown>>("/lib/server/**/*.ts", { eager: true });
const isOperation = (v: unknown): v is Operation<unknown> => typeof v === "function" && "permission" in v && "input" in v;
const operations = Object.entries(modules).flatMap(([file, mod]) =>
  Object.entries(mod)
    .filter(([, v]) => isOperation(v))
    .map(([name, op]) => ({ name: `${file.replace("/lib/server/", "")}:${name}`, op: op as Operation<unknown> })),
);

const BAD_VALUES: unknown[] = [
  "2147483648",
  "99999999999999999999",
  "-1",
  "0",
  "1e400",
  "1e3",
  "NaN",
  "Infinity",
  1e308,
  2 ** 53 + 1,
  -0.5,
  "1.23456789",
  "99999999999999",
  "2025-02-30",
  "2025-13-45",
  "0000-01",
  "2025-Q5",
  "9999-12",
  "",
  " ",
  null,
  true,
  [],
  {},
  [{ id: "2147483648", version: "x" }],
  "x".repeat(100_000),
  "\u0000",
  '\'; DROP TABLE "Project"; --',
];

// The keys of an operation's input, through the wrappers zod puts around objects.
function keysOf(schema: z.ZodType): string[] {
  const def = (schema as unknown as { _zod: { def: { type: string; innerType?: z.ZodType; in?: z.ZodType; out?: z.ZodType; shape?: object } } })._zod.def;
  if (def.type === "object") return Object.keys((schema as unknown as { shape: object }).shape);
  for (const inner of [def.innerType, def.in, def.out]) if (inner) return keysOf(inner);
  return [];
}

function expectHandled(name: string, input: unknown, outcome: PromiseSettledResult<unknown>) {
  if (outcome.status === "fulfilled" || isAppError(outcome.reason)) return;
  const e = outcome.reason as Error;
  throw new Error(`${name} with ${JSON.stringify(input).slice(0, 200)} threw ${e?.name}: ${e?.message?.slice(0, 300)}`);
}

describe("fuzz: every operation answers bad values with a message, never a 500 (#13.6)", () => {
  it("discovers the operations (a new one is covered without editing this test)", () => {
    expect(operations.length).toBeGreaterThanOrEqual(70);
  });

  it("each field of each operation's input, one bad value at a time, on an otherwise valid record", async () => {
    const { plan, section, units } = await makePlan(db, { unitNames: ["模糊县"] });
    const project = await makeProject(db, { planId: plan.id, sectionId: section.id, unitId: units[0].id });
    // A base that reaches past the first missing field: real ids of records made for this test.
    const base: Record<string, unknown> = {
      id: project.id,
      projectId: project.id,
      planId: plan.id,
      plan: plan.id,
      unitId: units[0].id,
      sectionId: section.id,
      version: 1,
      listVersion: 1,
      period: "2025-03",
      year: 2025,
      moneyUnit: "wan",
      amount: "1",
      completedAmount: "1",
      reason: "模糊测试",
      milestones: [],
      items: [{ id: project.id, version: 1 }],
      decision: "RETURN",
      comment: "模糊测试",
    };
    const actors = [await sessionFor("ADMIN"), await sessionFor("COUNTY_OFFICER", [units[0].id])];
    let calls = 0;
    for (const { name, op } of operations) {
      const keys = keysOf(op.input);
      for (const key of keys.length ? keys : ["id"]) {
        for (const bad of BAD_VALUES) {
          const input = { ...Object.fromEntries(keys.filter((k) => k in base).map((k) => [k, base[k]])), [key]: bad };
          for (const actor of actors) {
            calls++;
            expectHandled(name, input, (await Promise.allSettled([op(actor, input)]))[0]);
          }
        }
      }
    }
    expect(calls).toBeGreaterThan(5000);
    // The record the fuzz aimed at is still a valid one.
    expect(await db.project.findUniqueOrThrow({ where: { id: project.id } })).toMatchObject({ deletedAt: null });
  }, 300_000);

  it("whole inputs of the wrong shape", async () => {
    const admin = await sessionFor("ADMIN");
    for (const { name, op } of operations)
      for (const input of [null, undefined, "x", 42, [], [1, 2], { __proto__: { id: 1 } }, { constructor: { prototype: {} } }])
        expectHandled(name, input, (await Promise.allSettled([op(admin, input)]))[0]);
  }, 120_000);
});
