import { beforeAll, describe, expect, it } from "vitest";
import { db } from "@/lib/db";
import { makePlan, makeProject } from "@/lib/server/seed/factories";
import { requestProjectChange } from "@/lib/server/projects/request-project-change";
import { updateProject } from "@/lib/server/projects/update-project";
import type { SessionUser } from "@/lib/server/auth/current-user";
import { expectAppError, sessionFor } from "../support/users";

// Direct edits by the plan office (county officers file 调整申请: official-figures.test.ts).
let ctx: { planId: number; sectionId: number; unitId: number; officer: SessionUser; admin: SessionUser };
beforeAll(async () => {
  const { plan, section, units } = await makePlan(db, { unitNames: ["丙县"] });
  ctx = {
    planId: plan.id,
    sectionId: section.id,
    unitId: units[0].id,
    officer: await sessionFor("COUNTY_OFFICER", [units[0].id]),
    admin: await sessionFor("ADMIN"),
  };
});

const base = (p: { id: number; version: number; name: string }) => ({
  id: p.id,
  version: p.version,
  name: p.name,
  owner: "",
  startYear: 2021,
  endYear: 2025,
  totalInvestment: "100",
  moneyUnit: "wan",
  unitId: ctx.unitId,
  sectionId: ctx.sectionId,
  status: "PREPARATION",
  reason: "按批复修改",
});

describe("updateProject", () => {
  it("stores 亿元 input exactly in 万元 and audits old → new per field", async () => {
    const p = await makeProject(db, { ...ctx, totalWan: "100" });
    await updateProject(ctx.admin, { ...base(p), totalInvestment: "1.23456789", moneyUnit: "yi", owner: "县人民医院", reason: "核对可研批复" });
    const after = await db.project.findUniqueOrThrow({ where: { id: p.id } });
    expect(after.totalInvestment!.toString()).toBe("12345.6789");
    expect(after.version).toBe(2);
    const [event] = await db.auditEvent.findMany({ where: { entityType: "Project", entityId: String(p.id) } });
    expect(event.actorId).toBe(ctx.admin.id);
    expect(event.reason).toBe("直接修改：核对可研批复");
    expect(event.changes).toEqual([
      { field: "owner", old: null, new: "县人民医院" },
      { field: "totalInvestment", old: "100", new: "12345.6789" },
    ]);
  });

  it("an empty amount means unknown (null), never 0", async () => {
    const p = await makeProject(db, { ...ctx, totalWan: "100" });
    await updateProject(ctx.admin, { ...base(p), totalInvestment: "" });
    expect((await db.project.findUniqueOrThrow({ where: { id: p.id } })).totalInvestment).toBeNull();
  });

  it("bad input gets field errors in Chinese and changes nothing", async () => {
    const p = await makeProject(db, { ...ctx });
    const err = await expectAppError(updateProject(ctx.admin, { ...base(p), name: " ", totalInvestment: "-5", startYear: 2026, endYear: 2022 }), "VALIDATION");
    expect(err.fieldErrors).toMatchObject({ name: ["请输入项目名称"], totalInvestment: [expect.stringContaining("不小于 0")] });
    const again = await expectAppError(updateProject(ctx.admin, { ...base(p), startYear: 2026, endYear: 2022 }), "VALIDATION");
    expect(again.fieldErrors).toEqual({ endYear: ["完工年份不能早于开工年份"] });
    expect(await db.project.findUniqueOrThrow({ where: { id: p.id } })).toMatchObject({ version: 1, totalInvestment: expect.anything() });
    expect(await db.auditEvent.count({ where: { entityType: "Project", entityId: String(p.id) } })).toBe(0);
  });

  it("a status set by hand by an officer applies directly but needs a reason; other facts need a reason from the plan office too", async () => {
    const p = await makeProject(db, { ...ctx });
    const err = await expectAppError(requestProjectChange(ctx.officer, { ...base(p), status: "CONSTRUCTION", reason: "" }), "VALIDATION");
    expect(err.fieldErrors).toEqual({ reason: ["请说明手动修改状态的原因"] });
    const direct = await expectAppError(updateProject(ctx.admin, { ...base(p), name: "新名称", reason: "" }), "VALIDATION");
    expect(direct.fieldErrors).toEqual({ reason: ["请说明修改原因"] });
    await requestProjectChange(ctx.officer, { ...base(p), status: "CONSTRUCTION", reason: "已开工" });
    expect(await db.project.findUniqueOrThrow({ where: { id: p.id } })).toMatchObject({ status: "CONSTRUCTION", statusManual: true, statusReason: "已开工" });
  });

  it("two saves from the same stale copy: one wins, the other gets the conflict with what changed; one audit row", async () => {
    const p = await makeProject(db, { ...ctx });
    const other = await sessionFor("ADMIN");
    const results = await Promise.allSettled([
      updateProject(ctx.admin, { ...base(p), name: "甲的名称" }),
      updateProject(other, { ...base(p), name: "乙的名称" }),
    ]);
    const won = results.filter((r) => r.status === "fulfilled");
    const lost = results.filter((r): r is PromiseRejectedResult => r.status === "rejected");
    expect(won).toHaveLength(1);
    expect(lost).toHaveLength(1);
    expect(lost[0].reason.code).toBe("CONFLICT");
    const after = await db.project.findUniqueOrThrow({ where: { id: p.id } });
    expect(["甲的名称", "乙的名称"]).toContain(after.name);
    expect(after.version).toBe(2);
    const events = await db.auditEvent.findMany({ where: { entityType: "Project", entityId: String(p.id) } });
    expect(events).toHaveLength(1);
    // The refused save is told what changed meanwhile.
    expect(lost[0].reason.details).toEqual([expect.objectContaining({ changes: [{ field: "name", old: p.name, new: after.name }] })]);
  });

  it("a sub-project cannot carry its own total (the bundle's total would count twice)", async () => {
    const parent = await makeProject(db, { ...ctx, totalWan: "500" });
    const child = await makeProject(db, { ...ctx, totalWan: null, parentId: parent.id });
    const err = await expectAppError(updateProject(ctx.admin, { ...base(child), totalInvestment: "10" }), "VALIDATION");
    expect(err.fieldErrors).toEqual({ totalInvestment: ["子项目不单独填写总投资"] });
  });

  it("the audit trail is append-only in the database itself", async () => {
    const p = await makeProject(db, { ...ctx });
    await updateProject(ctx.admin, { ...base(p), name: "审计测试" });
    const event = await db.auditEvent.findFirstOrThrow({ where: { entityId: String(p.id), entityType: "Project" } });
    // The app's role may not even try (permission denied); the trigger refuses the owner too
    // (tests/integration/database-roles.test.ts).
    await expect(db.auditEvent.update({ where: { id: event.id }, data: { reason: "改写" } })).rejects.toThrow(/append-only|permission denied/);
    await expect(db.auditEvent.delete({ where: { id: event.id } })).rejects.toThrow(/append-only|permission denied/);
  });
});
