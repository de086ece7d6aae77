import { createServer, type IncomingHttpHeaders, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { daysPastDue, deadlineRule, isPastDue, periodDueDate } from "@/lib/deadline";
import { db } from "@/lib/db";
import { zhReminders } from "@/lib/i18n/zh-CN-reminders";
import { currentPeriod } from "@/lib/periods";
import type { SessionUser } from "@/lib/server/auth/current-user";
import { drillDown } from "@/lib/server/finance/drill-down";
import { countUnreadNotices, listNotices } from "@/lib/server/notices/list-notices";
import { markNoticesRead } from "@/lib/server/notices/mark-notices-read";
import { getPlan } from "@/lib/server/plans/get-plan";
import { listPlans } from "@/lib/server/plans/list-plans";
import { updatePlanSettings } from "@/lib/server/plans/update-plan-settings";
import { sendReminders } from "@/lib/server/reminders/send-reminders";
import { postReminderWebhook } from "@/lib/server/reminders/webhook";
import { markOverdue, reportingOverview } from "@/lib/server/reports/reporting-overview";
import { makePlan, makeProject, makeUser } from "@/lib/server/seed/factories";
import { makeReport } from "@/lib/server/seed/report-factories";
import { expectAppError, sessionFor } from "../support/users";

// 催报 (#15 item 5): the reporting deadline per plan in China time, 逾期 per unit, the 合计 row and the
// drill-down of 填报情况; reminders to the officers of the units with reports outstanding (in-app,
// audited, once per unit, period and day, 20 concurrent clicks = one set), and the plan's webhook.

const PAST = "2025-03"; // due 2025-04-05 with day 5: long past
const at = (iso: string) => new Date(iso);

describe("the deadline, in China time whatever the server's zone", () => {
  const zones = ["UTC", "America/Los_Angeles", "Asia/Shanghai", "Pacific/Kiritimati"];
  const saved = process.env.TZ;
  afterAll(() => {
    process.env.TZ = saved;
  });

  for (const tz of zones)
    it(`TZ=${tz}: due dates of months and quarters, and 逾期 from the day after the due day (China)`, () => {
      process.env.TZ = tz;
      expect(periodDueDate("2025-03", 5)).toBe("2025-04-05"); // 每月 5 日前报上月
      expect(periodDueDate("2025-12", 5)).toBe("2026-01-05"); // over the year end
      expect(periodDueDate("2025-Q1", 5)).toBe("2025-04-05"); // the month after the quarter
      expect(periodDueDate("2025-Q4", 10)).toBe("2026-01-10");
      expect(periodDueDate("2025-03", 31)).toBe("2025-04-30"); // past the month's end: its last day
      expect(periodDueDate("2024-01", 31)).toBe("2024-02-29");
      expect(periodDueDate("2025-03", null)).toBeNull(); // no deadline
      expect(deadlineRule(5, "MONTHLY")).toBe("每月 5 日前报上月");
      expect(deadlineRule(5, "QUARTERLY")).toBe("每季度结束后次月 5 日前报上季度");

      // 2025-04-05 ends at 16:00 UTC (midnight in China).
      expect(isPastDue("2025-04-05", at("2025-04-04T17:00:00Z"))).toBe(false); // 5 Apr 01:00 China: the due day
      expect(isPastDue("2025-04-05", at("2025-04-05T15:59:59Z"))).toBe(false); // 5 Apr 23:59:59 China
      expect(isPastDue("2025-04-05", at("2025-04-05T16:00:00Z"))).toBe(true); // 6 Apr 00:00 China (still the 5th in UTC)
      expect(daysPastDue("2025-04-05", at("2025-04-08T01:00:00Z"))).toBe(3);
      expect(isPastDue(null, at("2030-01-01T00:00:00Z"))).toBe(false);

      const row = (o: Partial<Record<"missing" | "draft" | "returned" | "submitted" | "approved", number>>) => ({
        projects: 2,
        completed: 0,
        due: 2,
        approved: 0,
        submitted: 0,
        returned: 0,
        draft: 0,
        missing: 0,
        ...o,
      });
      const rows = [row({ missing: 2 }), row({ draft: 1, submitted: 1 }), row({ returned: 1, approved: 1 }), row({ submitted: 1, approved: 1 })];
      const after = markOverdue(rows, "2025-04-05", at("2025-04-05T16:00:00Z"));
      expect(after.map((r) => [r.outstanding, r.overdue])).toEqual([
        [2, true],
        [1, true], // a draft is not a report
        [1, true], // nor is a returned one
        [0, false], // submitted or approved: in time
      ]);
      expect(markOverdue(rows, "2025-04-05", at("2025-04-05T15:59:59Z")).some((r) => r.overdue)).toBe(false);
      expect(markOverdue(rows, null, at("2030-01-01T00:00:00Z")).some((r) => r.overdue)).toBe(false);
    });
});

// A plan of three units (+ a line without a unit): 甲 nothing filed, 乙 one submitted and one draft,
// 丙 everything approved; officers on each; one officer disabled; another plan's officer.
async function scene(names = ["甲县", "乙县", "丙县"]) {
  const { plan, section, units } = await makePlan(db, { unitNames: names });
  const [a, b, c] = units;
  const line = (unitId: number | null) => makeProject(db, { planId: plan.id, sectionId: section.id, unitId });
  const a1 = await line(a.id);
  const a2 = await line(a.id);
  const b1 = await line(b.id);
  const b2 = await line(b.id);
  const c1 = await line(c.id);
  await line(null);
  const period = currentPeriod("MONTHLY");
  for (const p of [PAST, period]) {
    await makeReport(db, { projectId: b1.id, period: p, status: "SUBMITTED" });
    await makeReport(db, { projectId: b2.id, period: p, status: "DRAFT" });
    await makeReport(db, { projectId: c1.id, period: p, status: "APPROVED" });
  }
  const officer = async (unitId: number, name: string) => makeUser(db, { role: "COUNTY_OFFICER", unitIds: [unitId], displayName: name });
  const officers = {
    a1: await officer(a.id, "甲一"),
    a2: await officer(a.id, "甲二"),
    b1: await officer(b.id, "乙一"),
    c1: await officer(c.id, "丙一"),
  };
  const gone = await officer(a.id, "甲离职");
  await db.user.update({ where: { id: gone.id }, data: { disabledAt: new Date() } });
  const admin = await sessionFor("ADMIN");
  await updatePlanSettings(admin, { id: plan.id, version: plan.version, reportDueDay: 5 });
  return { plan, section, units: { a, b, c }, lines: { a1, a2 }, officers, gone, admin, period };
}
type Scene = Awaited<ReturnType<typeof scene>>;

const noticesOf = (planId: number) => db.notice.findMany({ where: { planId }, orderBy: { id: "asc" } });
const auditOf = (planId: number, action: string) => db.auditEvent.findMany({ where: { planId, action }, orderBy: { id: "asc" } });
const userSession = async (userId: number) => {
  const { loadActiveUser } = await import("@/lib/server/auth/current-user");
  const u = await db.user.findUniqueOrThrow({ where: { id: userId } });
  return (await loadActiveUser(u.id, u.sessionVersion))!;
};

describe("填报情况: 合计, 逾期, drill-down", () => {
  let s: Scene;
  let viewer: SessionUser;
  beforeAll(async () => {
    s = await scene();
    viewer = await sessionFor("VIEWER");
  });

  it("a past period: 逾期 for the units with reports outstanding; 合计 counted over the plan equals the sum of the rows", async () => {
    const o = await reportingOverview(viewer, { planId: s.plan.id, period: PAST });
    expect(o.dueDate).toBe("2025-04-05");
    expect(o.rule).toBe("每月 5 日前报上月");
    expect(o.rows.map((r) => [r.unitName, r.outstanding, r.overdue])).toEqual([
      ["甲县", 2, true],
      ["乙县", 1, true],
      ["丙县", 0, false],
      ["未分配单位", 1, true],
    ]);
    for (const key of ["projects", "completed", "due", "approved", "submitted", "returned", "draft", "missing", "outstanding"] as const)
      expect(o.total[key], key).toBe(o.rows.reduce((n, r) => n + r[key], 0));
    expect([o.total.projects, o.total.outstanding, o.total.overdueUnits]).toEqual([6, 4, 3]);
  });

  it("the drill-down of each unit lists exactly its outstanding projects", async () => {
    const o = await reportingOverview(viewer, { planId: s.plan.id, period: PAST });
    for (const r of o.rows) {
      const d = await drillDown(viewer, { plan: s.plan.id, period: PAST, unit: r.unitId === null ? "none" : String(r.unitId), figure: "notReported" });
      expect(d.count, r.unitName).toBe(r.outstanding);
    }
    const a = await drillDown(viewer, { plan: s.plan.id, period: PAST, unit: String(s.units.a.id), figure: "notReported" });
    expect(a.rows.map((p) => p.id).sort()).toEqual([s.lines.a1.id, s.lines.a2.id].sort());
  });

  it("the current period is not yet due: nothing 逾期; without a deadline nothing ever is", async () => {
    const now = await reportingOverview(viewer, { planId: s.plan.id, period: s.period });
    expect(now.rows.find((r) => r.unitName === "甲县")!.outstanding).toBe(2);
    expect(now.rows.some((r) => r.overdue)).toBe(false);
    const { plan: other } = await makePlan(db, { unitNames: ["丁县"] });
    const none = await reportingOverview(viewer, { planId: other.id, period: PAST });
    expect([none.dueDate, none.rule, none.total.overdueUnits]).toEqual([null, "未设填报截止日", 0]);
  });
});

describe("sendReminders", () => {
  let s: Scene;
  let finance: SessionUser;
  beforeAll(async () => {
    s = await scene();
    finance = await sessionFor("FINANCE_REVIEWER");
  });

  it("officers and viewers are refused, and nothing is written", async () => {
    for (const actor of [await userSession(s.officers.a1.id), await sessionFor("VIEWER")]) {
      const e = await expectAppError(sendReminders(actor, { planId: s.plan.id, period: PAST }), "FORBIDDEN");
      expect(e.message).toBe("您没有权限执行此操作。");
    }
    expect(await db.reminder.count({ where: { planId: s.plan.id } })).toBe(0);
    expect(await db.notice.count({ where: { planId: s.plan.id } })).toBe(0);
  });

  it("bad requests get a Chinese message and change nothing", async () => {
    const { plan: other, units } = await makePlan(db, { unitNames: ["外县"] });
    const cases: [unknown, string, string][] = [
      [{ planId: s.plan.id, period: "2025-Q1" }, "VALIDATION", "该规划按月填报，期次格式不符"],
      [{ planId: s.plan.id, period: "2099-01" }, "VALIDATION", "不能对尚未开始的期次催报。"],
      [{ planId: s.plan.id, period: PAST, unitIds: [units[0].id] }, "VALIDATION", "所选单位不属于该规划。"],
      [{ planId: s.plan.id, period: "2025-13" }, "VALIDATION", "期次格式不正确，应为 2025-03（月报）或 2025-Q1（季报）"],
      [{ planId: 2147483647, period: PAST }, "NOT_FOUND", "找不到该规划。"],
    ];
    for (const [input, code, message] of cases) {
      const e = await expectAppError(sendReminders(finance, input), code);
      expect([e.message, ...Object.values(e.fieldErrors ?? {}).flat()], JSON.stringify(input)).toContain(message);
    }
    await db.plan.update({ where: { id: other.id }, data: { archivedAt: new Date() } });
    expect((await expectAppError(sendReminders(finance, { planId: other.id, period: PAST }), "FORBIDDEN")).message).toBe("该规划已归档，不能催报。");
    expect(await db.reminder.count({ where: { planId: { in: [s.plan.id, other.id] } } })).toBe(0);
  });

  it("notifies each active officer of each unit with reports outstanding, and nobody else; one audit row per unit", async () => {
    const r = await sendReminders(finance, { planId: s.plan.id, period: PAST });
    expect(r.sent.map((u) => [u.name, u.outstanding, u.officers])).toEqual([
      ["甲县", 2, ["甲一", "甲二"]],
      ["乙县", 1, ["乙一"]],
    ]);
    expect([r.people, r.already, r.webhook]).toEqual([3, [], null]);
    const notices = await noticesOf(s.plan.id);
    expect(notices.map((n) => n.recipientId).sort()).toEqual([s.officers.a1.id, s.officers.a2.id, s.officers.b1.id].sort());
    expect(notices.every((n) => n.period === PAST && n.readAt === null)).toBe(true);
    const toA = notices.find((n) => n.recipientId === s.officers.a1.id)!;
    expect(toA.unitId).toBe(s.units.a.id);
    expect(toA.message).toMatch(/甲县尚有 2 个项目未报送，截止日 2025-04-05 已过 \d+ 天/);
    const audit = await auditOf(s.plan.id, "reminder.send");
    expect(audit.map((e) => [e.unitId, e.actorId])).toEqual([
      [s.units.a.id, finance.id],
      [s.units.b.id, finance.id],
    ]);
    expect(audit[0].changes).toContainEqual({ field: "recipients", old: null, new: "甲一、甲二" });
  });

  it("a second send the same day is a no-op: no notice, no audit row", async () => {
    const before = [(await noticesOf(s.plan.id)).length, (await auditOf(s.plan.id, "reminder.send")).length];
    const again = await sendReminders(finance, { planId: s.plan.id, period: PAST });
    expect([again.sent, again.people, again.already]).toEqual([[], 0, ["甲县", "乙县"]]);
    const admin = await sessionFor("ADMIN"); // another reviewer, one unit picked: still once per day
    expect((await sendReminders(admin, { planId: s.plan.id, period: PAST, unitIds: [s.units.a.id] })).already).toEqual(["甲县"]);
    expect([(await noticesOf(s.plan.id)).length, (await auditOf(s.plan.id, "reminder.send")).length]).toEqual(before);
  });

  it("a unit picked with nothing outstanding is said so and not reminded", async () => {
    const r = await sendReminders(finance, { planId: s.plan.id, period: PAST, unitIds: [s.units.c.id] });
    expect([r.sent, r.nothingOutstanding]).toEqual([[], ["丙县"]]);
    expect(await db.notice.count({ where: { recipientId: s.officers.c1.id } })).toBe(0);
  });

  it("the recipient sees the badge count and the notice, and marks it read; another user's ids change nothing", async () => {
    const a1 = await userSession(s.officers.a1.id);
    const b1 = await userSession(s.officers.b1.id);
    expect(await countUnreadNotices(a1, {})).toBe(1);
    const { notices, unread } = await listNotices(a1, { unreadOnly: true });
    expect(unread).toBe(1);
    expect(notices.map((n) => [n.plan.id, n.unit.name, n.period])).toEqual([[s.plan.id, "甲县", PAST]]);
    expect(await markNoticesRead(b1, { ids: [notices[0].id] })).toEqual({ count: 0 });
    expect(await countUnreadNotices(a1, {})).toBe(1);
    expect(await markNoticesRead(a1, { ids: [notices[0].id] })).toEqual({ count: 1 });
    expect(await countUnreadNotices(a1, {})).toBe(0);
    expect(await countUnreadNotices(b1, {})).toBe(1);
    expect(await markNoticesRead(b1, {})).toEqual({ count: 1 });
  });

  it("20 concurrent sends: one set of notices, one audit row per unit", async () => {
    const t = await scene(["子县", "丑县", "寅县"]);
    const results = await Promise.all(Array.from({ length: 20 }, () => sendReminders(finance, { planId: t.plan.id, period: PAST })));
    expect(results.flatMap((r) => r.sent.map((u) => u.name)).sort()).toEqual(["丑县", "子县"]);
    expect((await noticesOf(t.plan.id)).length).toBe(3);
    expect(await db.reminder.count({ where: { planId: t.plan.id } })).toBe(2);
    expect((await auditOf(t.plan.id, "reminder.send")).length).toBe(2);
  });
});

// A receiver on loopback, started by the test: records what it is sent, answers as told.
type Received = { method: string; url: string; headers: IncomingHttpHeaders; body: string };
async function receiver(answer: (req: Received) => number | "hang" = () => 200) {
  const got: Received[] = [];
  const server: Server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on("data", (c: Buffer) => chunks.push(c));
    req.on("end", () => {
      const r = { method: req.method!, url: req.url!, headers: req.headers, body: Buffer.concat(chunks).toString("utf8") };
      got.push(r);
      const status = answer(r);
      if (status === "hang") return; // never answers
      res.writeHead(status, status >= 300 && status < 400 ? { location: "http://127.0.0.1:9/elsewhere" } : {}).end("ok");
    });
  });
  await new Promise<void>((done) => server.listen(0, "127.0.0.1", done));
  const port = (server.address() as AddressInfo).port;
  const close = () =>
    new Promise<void>((done) => {
      server.closeAllConnections();
      server.close(() => done());
    });
  return { got, port, close };
}

describe("the plan's webhook", () => {
  let finance: SessionUser;
  beforeAll(async () => {
    finance = await sessionFor("FINANCE_REVIEWER");
  });
  const setUrl = async (s: Scene, url: string | null) => {
    const { version } = await db.plan.findUniqueOrThrow({ where: { id: s.plan.id } });
    return updatePlanSettings(s.admin, { id: s.plan.id, version, reminderWebhookUrl: url });
  };

  it("posts the reminder as JSON to a loopback receiver, after the notices; the key stays out of the audit trail and of plan reads", async () => {
    const hook = await receiver();
    try {
      const s = await scene();
      await setUrl(s, `http://127.0.0.1:${hook.port}/hook?key=secret-key-123`);
      const r = await sendReminders(finance, { planId: s.plan.id, period: PAST });
      expect(r.webhook).toEqual({ ok: true, status: 200 });
      expect(hook.got).toHaveLength(1);
      const [req] = hook.got;
      expect([req.method, req.url, req.headers["content-type"]]).toEqual(["POST", "/hook?key=secret-key-123", "application/json; charset=utf-8"]);
      const body = JSON.parse(req.body);
      expect(body).toMatchObject({
        plan: { id: s.plan.id, title: s.plan.title },
        period: PAST,
        periodLabel: "2025年3月",
        dueDate: "2025-04-05",
        units: [
          { name: "甲县", missing: 2, officers: ["甲一", "甲二"] },
          { name: "乙县", missing: 1, officers: ["乙一"] },
        ],
      });
      expect(body.overdueDays).toBeGreaterThan(0);
      expect(body.message).toBe(`【催报】${s.plan.title} · 2025年3月调度报告：2 个单位共 3 个项目未报送，请尽快填报。`);
      const [outcome] = await auditOf(s.plan.id, "reminder.webhook");
      expect(outcome.changes).toContainEqual({ field: "webhook", old: null, new: "成功（HTTP 200）" });
      // The key: not in any audit row, not in what every role reads of the plan.
      const trail = JSON.stringify(await db.auditEvent.findMany({ where: { planId: s.plan.id }, select: { changes: true, reason: true } }));
      expect(trail).not.toContain("secret-key-123");
      expect(trail).toContain(`http://127.0.0.1:${hook.port}/…?…`);
      const officer = await userSession(s.officers.a1.id);
      expect(JSON.stringify((await getPlan(officer, { id: s.plan.id })).plan)).not.toContain("secret-key-123");
      expect(JSON.stringify(await listPlans(officer, {}))).not.toContain("secret-key-123");
      // A second click the same day: nothing new to say, nothing posted.
      expect((await sendReminders(finance, { planId: s.plan.id, period: PAST })).webhook).toBeNull();
      expect(hook.got).toHaveLength(1);
    } finally {
      await hook.close();
    }
  });

  it("a closed port: the notices stand, the failure is reported to the sender and audited", async () => {
    const closed = await receiver();
    await closed.close(); // nothing listens there now
    const s = await scene();
    await setUrl(s, `http://127.0.0.1:${closed.port}/hook`);
    const r = await sendReminders(finance, { planId: s.plan.id, period: PAST });
    expect(r.webhook).toEqual({ ok: false, reason: "连接被拒绝" });
    expect(zhReminders.send.webhookFailed(r.webhook!.ok ? "" : r.webhook!.reason)).toBe("已在系统内通知；外部推送失败：连接被拒绝");
    expect(r.sent.map((u) => u.name)).toEqual(["甲县", "乙县"]);
    expect((await noticesOf(s.plan.id)).length).toBe(3);
    expect((await auditOf(s.plan.id, "reminder.send")).length).toBe(2);
    const [outcome] = await auditOf(s.plan.id, "reminder.webhook");
    expect(outcome.changes).toContainEqual({ field: "webhook", old: null, new: "失败：连接被拒绝" });
  });

  it("an error status, a redirect (not followed) and a receiver that never answers (timeout) are failures with their reason", async () => {
    const payload = { plan: { id: 1, title: "t" }, period: PAST, periodLabel: "", dueDate: null, overdueDays: 0, units: [], message: "m", sentAt: "" };
    const target = await receiver();
    const failing = await receiver(() => 500);
    const redirecting = await receiver(() => 302);
    const hanging = await receiver(() => "hang");
    try {
      expect(await postReminderWebhook(`http://127.0.0.1:${failing.port}/`, payload)).toEqual({ ok: false, status: 500, reason: "对方返回 HTTP 500" });
      expect(await postReminderWebhook(`http://127.0.0.1:${redirecting.port}/`, payload)).toEqual({
        ok: false,
        status: 302,
        reason: "对方返回重定向（HTTP 302），未跟随",
      });
      expect(target.got).toHaveLength(0);
      const started = Date.now();
      expect(await postReminderWebhook(`http://127.0.0.1:${hanging.port}/`, payload, 300)).toEqual({ ok: false, reason: "0.3 秒内无响应" });
      expect(Date.now() - started).toBeLessThan(3000);
    } finally {
      await Promise.all([target, failing, redirecting, hanging].map((x) => x.close()));
    }
  });

  it("plan settings: the deadline and the address are checked (Chinese message, nothing changed); the database refuses what the form would", async () => {
    const s = await scene();
    const before = await db.plan.findUniqueOrThrow({ where: { id: s.plan.id } });
    const bad: [Record<string, unknown>, string, string][] = [
      [{ reportDueDay: 0 }, "reportDueDay", "填报截止日须为 1–31 的整数，或留空"],
      [{ reportDueDay: "32" }, "reportDueDay", "填报截止日须为 1–31 的整数，或留空"],
      [{ reportDueDay: "五" }, "reportDueDay", "填报截止日须为 1–31 的整数，或留空"],
      [{ reminderWebhookUrl: "ftp://example.com/x" }, "reminderWebhookUrl", "请填写以 http:// 或 https:// 开头的完整地址"],
      [{ reminderWebhookUrl: "file:///etc/passwd" }, "reminderWebhookUrl", "请填写以 http:// 或 https:// 开头的完整地址"],
      [{ reminderWebhookUrl: "https://user:pw@example.com/x" }, "reminderWebhookUrl", "地址中不能包含用户名或密码"],
      [{ reminderWebhookUrl: `https://example.com/${"x".repeat(500)}` }, "reminderWebhookUrl", "地址不能超过 500 个字符"],
    ];
    for (const [fields, field, message] of bad) {
      const e = await expectAppError(updatePlanSettings(s.admin, { id: s.plan.id, version: before.version, ...fields }), "VALIDATION");
      expect(e.fieldErrors?.[field], JSON.stringify(fields)).toEqual([message]);
    }
    expect(await db.plan.findUniqueOrThrow({ where: { id: s.plan.id } })).toEqual(before);
    await expect(db.plan.update({ where: { id: s.plan.id }, data: { reportDueDay: 40 } })).rejects.toThrow();
    await expect(db.plan.update({ where: { id: s.plan.id }, data: { reminderWebhookUrl: "gopher://x/" } })).rejects.toThrow();
    // Cleared with a blank field: no deadline any more.
    await updatePlanSettings(s.admin, { id: s.plan.id, version: before.version, reportDueDay: "" });
    expect((await db.plan.findUniqueOrThrow({ where: { id: s.plan.id } })).reportDueDay).toBeNull();
  });
});
