import { expect, test } from "@playwright/test";
import { Decimal } from "decimal.js";
import { shot, signIn } from "./helpers";

test("a reviewer opens the Yueyang dashboard, sorts units by total and drills into one unit", async ({ page }) => {
  await signIn(page, "finance");
  // The plan page's total (other specs may have imported projects into this plan): the dashboard
  // must show the same figure.
  await page.goto("/plans");
  await page.getByRole("link", { name: /健康岳阳/ }).click();
  const planTotal = (await page.locator("dd").nth(1).innerText()).trim();
  await page.getByRole("link", { name: "财务看板" }).click();
  await expect(page.getByTestId("finance-plans")).toBeVisible();
  await shot(page, "finance-plans");
  await page
    .getByTestId("finance-plans")
    .getByRole("link", { name: /健康岳阳/ })
    .click();
  await expect(page.getByTestId("dashboard-title")).toContainText("健康岳阳");

  // Totals as on the plan page; no annual plans yet, so 投资完成率 has a zero denominator: "—".
  await expect(page.getByTestId("total-investment")).toContainText(planTotal);
  await expect(page.getByTestId("rate-investmentRate")).toContainText("—");
  await expect(page.getByTestId("rate-investmentRate")).not.toContainText("NaN");
  // Each rate explains its formula on hover.
  await page.getByTestId("hint-startRate").hover();
  await expect(page.getByRole("tooltip").filter({ hasText: "开工率 = 已开工单体数" })).toBeVisible();
  await shot(page, "finance-dashboard");

  // Sort the units by total investment: largest first, unknown last.
  const table = page.getByTestId("units-table");
  await table.getByTestId("sort-totalWan").click();
  await expect(table.locator("th[aria-sort=descending]")).toContainText("总投资");
  const totals = await table.locator('tbody td[data-col="totalWan"] [data-wan]').evaluateAll((els) => els.map((e) => e.getAttribute("data-wan")!));
  const known = totals.filter((t) => t !== "");
  for (let i = 1; i < known.length; i++) expect(new Decimal(known[i - 1]).gte(known[i])).toBe(true);
  await expect(table.locator("tbody tr").first()).toHaveAttribute("data-name", "市本级");
  await shot(page, "finance-units-sorted");

  // The JSON API returns exactly the figures on the screen (same session cookie).
  const period = new URL(page.url()).searchParams.get("period") ?? (await page.locator('select[name="period"]').inputValue());
  const planId = new URL(page.url()).pathname.split("/")[2];
  const api = await (await page.request.get(`/api/v1/rollups?plan=${planId}&by=unit&period=${period}`)).json();
  expect(api.moneyUnit).toBe("万元");
  const rows = await table.locator("tbody tr").evaluateAll((trs) =>
    trs.map((tr) => ({
      name: tr.getAttribute("data-name"),
      total: tr.querySelector('td[data-col="totalWan"] [data-wan]')?.getAttribute("data-wan") ?? null,
      count: tr.querySelector('td[data-col="projectCount"]')?.textContent,
    })),
  );
  for (const r of rows) {
    const match = api.rows.find((a: { name: string }) => a.name === r.name);
    expect(match, r.name!).toBeTruthy();
    expect(String(match.projectCount)).toBe(r.count);
    if (match.totalWan !== null) expect(r.total).toBe(match.totalWan);
  }
  expect(rows).toHaveLength(api.rows.length);

  // Drill into 平江县: its projects, all of them in 平江县, as many as the table said.
  const pingjiang = rows.find((r) => r.name === "平江县")!;
  await table.locator('tbody tr[data-name="平江县"] td').first().getByRole("link").click();
  await expect(page.getByTestId("drill-title")).toContainText("平江县");
  await expect(page.getByTestId("drill-row")).toHaveCount(Number(pingjiang.count));
  await expect(page.getByTestId("drill-table").locator("tbody tr td:nth-child(2)").filter({ hasNotText: "平江县" })).toHaveCount(0);
  await expect(page.getByTestId("drill-table")).toContainText("第一人民医院整体搬迁建设项目");
  await shot(page, "finance-drill-pingjiang");

  // Its money: the bundle's total is on its parent, and the list adds up to the unit's 41.93 亿元.
  await page.getByTestId("drill-figures").getByRole("link", { name: "计投资的项目" }).click();
  await expect(page.getByTestId("drill-total")).toContainText("41.93");
});

test("the timeline shows build periods and filters by unit", async ({ page }) => {
  await signIn(page, "finance");
  await page.goto("/finance");
  await page
    .getByTestId("finance-plans")
    .getByRole("row", { name: /健康岳阳/ })
    .getByRole("link", { name: "建设周期时间轴" })
    .click();
  await expect(page.getByTestId("timeline-title")).toContainText("健康岳阳");
  await page.getByTestId("timeline-filters").getByLabel("单位").selectOption({ label: "平江县" });
  await page.getByTestId("timeline-filters").getByRole("button", { name: "筛选" }).click();
  await expect(page).toHaveURL(/unit=\d+/);
  await expect(page.getByTestId("timeline-row").first()).toContainText("平江县");
  await expect(page.getByTestId("timeline-row").filter({ hasNotText: "平江县" })).toHaveCount(0);
  await shot(page, "finance-timeline");
});

test("an admin issues an API token, the API accepts it, and refuses it once revoked", async ({ page, playwright }) => {
  await signIn(page, "admin");
  await page.getByRole("link", { name: "API 令牌" }).click();
  await page.getByTestId("issue-token-form").getByLabel("名称").fill("端到端测试");
  await page.getByRole("button", { name: "签发令牌" }).click();
  const token = (await page.getByTestId("issued-token").locator("code").textContent())!.trim();
  expect(token).toMatch(/^plt_/);
  await shot(page, "api-tokens");

  const baseURL = new URL(page.url()).origin;
  const anonymous = await playwright.request.newContext({ baseURL });
  const ok = await anonymous.get("/api/v1/plans", { headers: { authorization: `Bearer ${token}` } });
  expect(ok.status()).toBe(200);
  expect((await ok.json()).plans.length).toBeGreaterThanOrEqual(5);
  expect((await anonymous.get("/api/v1/plans")).status()).toBe(401);

  page.once("dialog", (d) => d.accept());
  await page
    .getByTestId("tokens-table")
    .getByRole("row", { name: /端到端测试/ })
    .getByRole("button", { name: "吊销" })
    .click();
  await expect(page.getByTestId("tokens-table").getByRole("row", { name: /端到端测试/ })).toContainText("已吊销");
  expect((await anonymous.get("/api/v1/plans", { headers: { authorization: `Bearer ${token}` } })).status()).toBe(401);
  expect((await anonymous.get("/api/v1/openapi.json")).status()).toBe(200);
  await anonymous.dispose();
});
