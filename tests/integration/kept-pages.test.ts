import { NextRequest } from "next/server";
import { afterEach, describe, expect, it, vi } from "vitest";
import { db } from "@/lib/db";
import {
  forgetKeptPages,
  isInAppNavigation,
  joinRendering,
  keepPage,
  keptPage,
  keptPagesMaxBytes,
  keptPagesState,
  pageWithNonce,
  renderingDone,
} from "@/lib/page-cache/kept-pages";
import { newTimingStore, timingStorage } from "@/lib/server-timing";
import { keptPageKey } from "@/lib/server/pages/kept-page-key";
import { makeIndicator, makePlan, makeProject, makeUser } from "@/lib/server/seed/factories";

// The finance dashboard is kept rendered per reader and state of its data (issue #17): its key must
// change with everything the page shows, and a kept page must never go to a reader the page itself
// would not show it to.
type Session = { uid: number; sv: number; sid: string };
type Init = { method?: string; headers?: Record<string, string> };

// As proxy.ts asks, inside a request of the production server (which keeps pages).
const keyOf = (path: string, session: Session, init: Init & { navigation?: boolean } = {}) => {
  const store = { ...newTimingStore(init.method ?? "GET"), navigation: init.navigation };
  return timingStorage.run(store, async () => (await keptPageKey(new NextRequest(`http://localhost${path}`, init), session))?.key ?? null);
};

async function reader(role: "FINANCE_REVIEWER" | "ADMIN" = "FINANCE_REVIEWER") {
  const user = await makeUser(db, { role });
  return { user, session: { uid: user.id, sv: user.sessionVersion, sid: `sid-${user.id}` } };
}

afterEach(() => {
  vi.useRealTimers();
  forgetKeptPages();
});

describe("the key of a kept dashboard", () => {
  it("changes with everything the page shows, and with nothing else", async () => {
    const { plan, section, units } = await makePlan(db, { unitNames: ["甲县", "乙县"] });
    const project = await makeProject(db, { planId: plan.id, sectionId: section.id, unitId: units[0].id });
    const { user, session } = await reader();
    const path = `/finance/${plan.id}?period=2025-12`;
    const seen = new Set<string>();
    // A new key (never one seen before), the same on asking again.
    const expectNewKey = async (why: string, p = path, init: Init = {}) => {
      const key = await keyOf(p, session, init);
      expect(key, why).toBeTruthy();
      expect(seen.has(key!), why).toBe(false);
      expect(await keyOf(p, session, init), why).toBe(key);
      seen.add(key!);
      return key!;
    };
    const key = await expectNewKey("first view");

    // The address and the reader's own choices.
    await expectNewKey("another period", `/finance/${plan.id}?period=2025-11`);
    await expectNewKey("含已报送", `/finance/${plan.id}?period=2025-12&submitted=1`);
    await expectNewKey("another plan", `/finance/${plan.id + 1}?period=2025-12`);
    await expectNewKey("money unit chosen", path, { headers: { cookie: "money-unit=wan" } });
    const other = await reader();
    const otherKey = await keyOf(path, other.session);
    expect(otherKey).not.toBe(key);
    seen.add(otherKey!);

    // Writes the page does not show leave the key as it was: another reader's notice, an audit entry.
    await db.notice.create({ data: { recipientId: other.user.id, planId: plan.id, unitId: units[0].id, period: "2025-12", message: "请报送" } });
    await db.auditEvent.create({ data: { action: "test.kept-pages", entityType: "Plan", entityId: String(plan.id), actorId: user.id, changes: {} } });
    expect(await keyOf(path, session)).toBe(key);

    // The data: figures (any table the rollups read), the plan, a unit's name, 主要指标.
    await db.progressReport.create({ data: { projectId: project.id, period: "2025-12", year: 2025, status: "DRAFT", completedAmount: "1" } });
    await expectNewKey("a report");
    await db.plan.update({ where: { id: plan.id }, data: { title: `${plan.title}（修订）` } });
    await expectNewKey("the plan's title");
    await db.reportingUnit.update({ where: { id: units[1].id }, data: { name: "乙县（新）" } });
    await expectNewKey("a unit's name");
    const indicator = await makeIndicator(db, { planId: plan.id });
    await expectNewKey("an indicator added");
    await db.indicatorValue.create({ data: { indicatorId: indicator.id, year: 2024, value: "16", dataSource: "统计年鉴", status: "APPROVED" } });
    await expectNewKey("an indicator's value");

    // The reader: their notices (the badge), name, role, units, the day.
    const before = await keyOf(path, session);
    const notice = await db.notice.create({ data: { recipientId: user.id, planId: plan.id, unitId: units[0].id, period: "2025-12", message: "请报送" } });
    await expectNewKey("a notice for the reader");
    await db.notice.update({ where: { id: notice.id }, data: { readAt: new Date() } });
    expect(await keyOf(path, session)).toBe(before); // no badge again: the page is the one before
    await db.user.update({ where: { id: user.id }, data: { displayName: "改名后" } });
    await expectNewKey("the reader's name");
    await db.user.update({ where: { id: user.id }, data: { role: "ADMIN" } });
    await expectNewKey("the reader's role");
    await db.userUnit.create({ data: { userId: user.id, unitId: units[0].id } });
    await expectNewKey("the reader's units");
    vi.useFakeTimers({ toFake: ["Date"], now: new Date("2030-01-01T16:30:00Z") }); // 2030-01-02 00:30 in China
    await expectNewKey("the next day in China");
  });
});

describe("no kept page", () => {
  it("for a request other than a whole dashboard opened by a signed-in reader of the production server", async () => {
    const { plan } = await makePlan(db, { unitNames: ["甲县"] });
    const { session } = await reader();
    const path = `/finance/${plan.id}`;
    expect(await keyOf(path, session)).toBeTruthy();
    expect(await keyOf(path, session, { method: "POST" })).toBeNull();
    // Next's in-app navigation or prefetch, as the production server saw it (Next strips its headers).
    expect(await keyOf(path, session, { navigation: true })).toBeNull();
    // Parameters the page does not take, or one twice: rendered, never kept (no store full of variants).
    expect(await keyOf(`${path}?period=2025-12&x=1`, session)).toBeNull();
    expect(await keyOf(`${path}?period=2025-12&period=2025-11`, session)).toBeNull();
    expect(await keyOf(`${path}?period=2025-12&submitted=1`, session)).toBeTruthy();
    expect(await keyOf(`/finance/${plan.id}/projects`, session)).toBeNull();
    expect(await keyOf("/projects", session)).toBeNull();
    // Outside the production server's request (next dev, scripts): nothing keeps the page.
    expect(await keptPageKey(new NextRequest(`http://localhost${path}`), session)).toBeNull();
    expect(isInAppNavigation({ rsc: "1" })).toBe(true);
    expect(isInAppNavigation({ "next-router-prefetch": "1" })).toBe(true);
    expect(isInAppNavigation({}, `${path}?period=2025-12&_rsc=1x2y`)).toBe(true);
    expect(isInAppNavigation({ accept: "text/html" }, `${path}?period=2025-12`)).toBe(false);
  });

  it("for a reader signed out, disabled, reset or asked to change their password (the page itself answers them)", async () => {
    const { plan } = await makePlan(db, { unitNames: ["甲县"] });
    const path = `/finance/${plan.id}`;
    const a = await reader();
    await db.revokedSession.create({ data: { sessionId: a.session.sid, expiresAt: new Date(Date.now() + 3600_000) } });
    expect(await keyOf(path, a.session)).toBeNull();
    const b = await reader();
    await db.user.update({ where: { id: b.user.id }, data: { sessionVersion: { increment: 1 } } });
    expect(await keyOf(path, b.session)).toBeNull();
    const c = await reader();
    await db.user.update({ where: { id: c.user.id }, data: { disabledAt: new Date() } });
    expect(await keyOf(path, c.session)).toBeNull();
    const d = await reader();
    await db.user.update({ where: { id: d.user.id }, data: { mustChangePassword: true } });
    expect(await keyOf(path, d.session)).toBeNull();
    expect(await keyOf(path, { uid: 2_000_000_000, sv: 0, sid: "nobody" })).toBeNull();
  });
});

describe("a kept page", () => {
  const nonce = "bm9uY2Utb25l";
  const html = (n: string) => `<html><script nonce="${n}">a()</script><p>数据</p><script nonce="${n}">b()</script></html>`;
  const headers: [string, string][] = [
    ["content-type", "text/html; charset=utf-8"],
    ["content-security-policy", `script-src 'self' 'nonce-${nonce}' 'strict-dynamic'`],
    ["link", `</a.css>; rel=preload; as="style"; nonce="${nonce}"`],
    ["date", "Wed, 02 Dec 2026 09:00:00 GMT"],
    ["server-timing", "app;dur=1"],
    ["content-encoding", "gzip"],
  ];

  it("is sent with a fresh nonce everywhere the rendered one was, and without the first response's own headers", () => {
    keepPage("k", { nonce, headers, body: Buffer.from(html(nonce)) });
    const sent = pageWithNonce(keptPage("k")!, "ZnJlc2g");
    expect(sent.body.toString()).toBe(html("ZnJlc2g"));
    expect(sent.headers).toEqual([
      ["content-type", "text/html; charset=utf-8"],
      ["content-security-policy", "script-src 'self' 'nonce-ZnJlc2g' 'strict-dynamic'"],
      ["link", '</a.css>; rel=preload; as="style"; nonce="ZnJlc2g"'],
    ]);
    expect(JSON.stringify(sent)).not.toContain(nonce);
  });

  it("is forgotten, least recently sent first, beyond the bytes kept", () => {
    const size = Math.floor(keptPagesMaxBytes() / 3);
    const body = Buffer.alloc(size, "x");
    keepPage("a", { nonce, headers, body });
    keepPage("b", { nonce, headers, body });
    keepPage("c", { nonce, headers, body });
    expect(keptPage("a")).toBeTruthy(); // now the most recently sent
    keepPage("d", { nonce, headers, body });
    expect(keptPage("b")).toBeUndefined();
    expect(keptPage("a") && keptPage("c") && keptPage("d")).toBeTruthy();
    expect(keptPagesState()).toEqual({ count: 3, bytes: 3 * size });
    keepPage("huge", { nonce, headers, body: Buffer.alloc(keptPagesMaxBytes() + 1) });
    expect(keptPage("huge")).toBeUndefined();
    expect(keptPagesState().bytes).toBe(3 * size);
  });

  it("is rendered once for views of it at once: the others get what it keeps, or render themselves", async () => {
    const first = joinRendering("r");
    if (!("own" in first)) throw new Error("the first view renders");
    const second = joinRendering("r");
    if (!("wait" in second)) throw new Error("the second view waits");
    const page = keepPage("r", { nonce, headers, body: Buffer.from(html(nonce)) });
    renderingDone(first.own, page);
    expect(await second.wait).toBe(page);
    // Done: the next view (of a changed page, say) renders again; a rendering that kept nothing (a
    // refusal, an error) sends its waiters to render their own answers.
    const third = joinRendering("r");
    if (!("own" in third)) throw new Error("no rendering left");
    const fourth = joinRendering("r");
    renderingDone(third.own, undefined);
    expect("wait" in fourth && (await fourth.wait)).toBeUndefined();
    // A rendering that never ends lets its waiters go after 10 s; its late end does not touch a newer one.
    const stuck = joinRendering("s");
    vi.useFakeTimers();
    const waiting = joinRendering("s");
    vi.advanceTimersByTime(10_000);
    expect("wait" in waiting && (await waiting.wait)).toBeUndefined();
    vi.useRealTimers();
    if (!("own" in stuck)) throw new Error("the first view renders");
    renderingDone(stuck.own, undefined);
    const next = joinRendering("s");
    const after = joinRendering("s");
    if (!("own" in next)) throw new Error("a new rendering");
    renderingDone(stuck.own, undefined); // twice, late: the newer rendering stays
    expect("wait" in after).toBe(true);
    expect("wait" in joinRendering("s")).toBe(true);
    renderingDone(next.own, undefined);
  });
});
