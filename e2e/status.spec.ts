import { expect, test, type Page } from "@playwright/test";
import { shot, signIn } from "./helpers";

// #16.5: a refused page answers 403 and a missing record 404, each with a message for the role that
// asked; the API refuses a role before it looks at the body, and says what is wrong in Chinese.

async function expectRefusal(page: Page, path: string, says: RegExp, never: RegExp[]) {
  const res = await page.goto(path);
  expect(res?.status(), path).toBe(403);
  const refusal = page.getByTestId("forbidden");
  await expect(refusal).toContainText("您没有权限执行此操作。");
  await expect(refusal).toContainText(says);
  for (const n of never) await expect(refusal).not.toContainText(n);
}

const OFFICER_TALK = [/县级项目专干/, /我的项目/];

test("a viewer is refused with 403 and told what a viewer may do, nothing about county officers", async ({ page }) => {
  await signIn(page, "viewer");
  await expectRefusal(page, "/admin/users", /只读用户：可以查看规划、项目和汇总/, OFFICER_TALK);
  // The batch entry page used to answer 200 with "请从“我的项目”进入批量填报" to everyone.
  await expectRefusal(page, "/desk/grid", /只读用户/, [...OFFICER_TALK, /批量填报/]);
  await expectRefusal(page, "/imports", /只读用户/, OFFICER_TALK);
  await expect(page.getByRole("link", { name: "返回规划列表" })).toBeVisible();
  await shot(page, "forbidden-viewer");
});

test("finance and county officers get their own refusal text", async ({ page }) => {
  await signIn(page, "finance");
  await expectRefusal(page, "/admin/audit", /财务审核：可以审核报告/, OFFICER_TALK);
  await page.context().clearCookies();
  await signIn(page, "yy-pingjiang");
  await expectRefusal(page, "/admin/users", /县级项目专干请在“我的项目”中填报本单位的项目/, [/只读用户/, /财务审核/]);
  await expect(page.getByRole("link", { name: "返回我的项目" })).toBeVisible();
});

test("a missing project answers 404 with the not-found message; a page the role may not open at all stays 403", async ({ page }) => {
  await signIn(page, "viewer");
  const res = await page.goto("/projects/2147483000");
  expect(res?.status()).toBe(404);
  await expect(page.getByText("找不到该记录。")).toBeVisible();
  // The role's permission comes first: a viewer files no reports, whichever project the path names.
  expect((await page.goto("/projects/2147483000/report"))?.status()).toBe(403);
  await page.context().clearCookies();
  await signIn(page, "admin");
  expect((await page.goto("/projects/2147483000/report"))?.status()).toBe(404);
  await expect(page.getByText("找不到该记录。")).toBeVisible();
});

test("API: a role without the permission gets 403 whatever the body; a permitted one gets 400 in Chinese", async ({ page }) => {
  await signIn(page, "viewer");
  for (const [data, type] of [
    ["garbage", "text/plain"],
    ["{broken", "application/json"],
    [JSON.stringify({ projectId: "x" }), "application/json"],
  ]) {
    const res = await page.request.post("/api/v1/reports", { data, headers: { "content-type": type } });
    expect(res.status()).toBe(403);
    expect((await res.json()).error).toMatchObject({ code: "FORBIDDEN", message: "您没有权限执行此操作。" });
  }
  await page.context().clearCookies();
  await signIn(page, "admin");
  const res = await page.request.post("/api/v1/reports", { data: { projectId: "x", period: 5, moneyUnit: "usd", completedAmount: [] } });
  expect(res.status()).toBe(400);
  const { error } = await res.json();
  const messages: string[] = [error.message, ...Object.values(error.fieldErrors as Record<string, string[]>).flat()];
  expect(messages.length).toBeGreaterThan(3);
  for (const m of messages) {
    expect(m).toMatch(/[\u4e00-\u9fff]/);
    expect(m).not.toMatch(/Invalid|expected|received/);
  }
});
