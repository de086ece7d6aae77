import { expect, test } from "@playwright/test";
import { shot, signIn } from "./helpers";

// #15 item 5 (催报): the plan office sets the deadline (每月 5 日前报上月), finance sees 平江县 逾期 in 填报情况
// for a past month and reminds it; the county's officer sees the badge and the banner on 我的项目.
const PERIOD = "2025-06"; // due 2025-07-05: long past, and no other story files reports for it

test("finance sends 催报 to an overdue unit; its officer sees the badge and the banner, and marks it read", async ({ page, browser }) => {
  await signIn(page, "admin");
  await page.goto("/plans");
  await page.getByRole("link", { name: /健康岳阳/ }).click();
  await expect(page.getByRole("heading", { level: 1 })).toContainText("健康岳阳");
  const planPath = new URL(page.url()).pathname;
  await page.goto(`${planPath}/settings`);
  await page.getByTestId("report-due-day").fill("5");
  await page.getByTestId("plan-settings-form").getByRole("button", { name: "保存设置" }).click();
  await expect(page.getByTestId("plan-settings-form")).toContainText("已保存。");

  const financeContext = await browser.newContext();
  const finance = await financeContext.newPage();
  await signIn(finance, "finance");
  await finance.goto(`${planPath}/reporting?period=${PERIOD}`);
  await expect(finance.getByTestId("reporting-deadline")).toContainText("每月 5 日前报上月：本期截止 2025-07-05");
  const row = finance.locator('[data-testid="reporting-row"][data-name="平江县"]');
  await expect(row).toHaveAttribute("data-overdue", "true");
  await expect(row.getByTestId("overdue")).toHaveText("逾期");
  await expect(finance.getByTestId("reporting-total")).toContainText("合计");
  await row.getByTestId("remind-unit").click();
  await expect(row.getByTestId("remind-result")).toContainText(/已向 1 个单位的 \d+ 名项目专干发送催报。/);
  await expect(row).toContainText("已催报");
  await shot(finance, "reporting-reminded");
  // The count of 未报送 opens the unit's projects without a report.
  await row.getByTestId("outstanding-link").click();
  await expect(finance.getByTestId("drill-title")).toContainText("平江县");
  await financeContext.close();

  const officerContext = await browser.newContext();
  const officer = await officerContext.newPage();
  await signIn(officer, "yy-pingjiang");
  await expect(officer.getByTestId("notices-badge")).toHaveText("1");
  await officer.goto("/desk");
  const banner = officer.getByTestId("reminder-banner");
  await expect(banner).toContainText("您有 1 条催报");
  await expect(banner).toContainText("平江县尚有");
  await expect(banner).toContainText("截止日 2025-07-05 已过");
  await officer.setViewportSize({ width: 390, height: 844 });
  await shot(officer, "desk-reminder-390");
  await officer.getByTestId("reminder-banner-read").click();
  await expect(banner).toHaveCount(0);
  await expect(officer.getByTestId("notices-badge")).toHaveCount(0);
  await officerContext.close();
});
