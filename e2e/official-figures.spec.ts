import { expect, test, type APIRequestContext, type Page } from "@playwright/test";
import { shot, chooseMoneyUnit, signIn } from "./helpers";

// Official figures move only when a reviewer approves: an officer proposes an annual plan, a 总投资
// change and files a report; the API (the dashboard's figures) shows none of it until finance decides.
const UNIT = "湘阴县";

type UnitRow = { name: string; totalWan: string | null; annualPlanWan: string | null; completedYearWan: string | null; completedToDateWan: string | null };
async function unitFigures(request: APIRequestContext, planId: string, period: string, submitted = false) {
  const res = await request.get(`/api/v1/rollups?plan=${planId}&by=unit&period=${period}${submitted ? "&submitted=1" : ""}`);
  expect(res.status()).toBe(200);
  const r: UnitRow = (await res.json()).rows.find((x: UnitRow) => x.name === UNIT);
  return { totalWan: r.totalWan, annualPlanWan: r.annualPlanWan, completedYearWan: r.completedYearWan, completedToDateWan: r.completedToDateWan };
}

async function firstProject(page: Page) {
  await page.goto("/desk");
  const link = page.getByTestId("desk-table").locator("tbody tr").first().getByRole("link").first();
  const name = (await link.innerText()).trim();
  await link.click();
  await page.waitForURL(/\/projects\/\d+$/);
  return { id: Number(new URL(page.url()).pathname.split("/").pop()), name };
}

test("an officer's annual plan, 总投资 change and report count only after finance approves each", async ({ page, browser }) => {
  await signIn(page, "yy-xiangyin");
  await chooseMoneyUnit(page, "wan");
  const project = await firstProject(page);
  const planId = new URL(
    (await page
      .getByRole("link", { name: /健康岳阳/ })
      .first()
      .getAttribute("href")) ?? "",
    "http://x",
  ).pathname.split("/")[2];
  // The current period, as the report button offers it.
  const period = new URL((await page.getByTestId("file-report").getAttribute("href"))!, "http://x").searchParams.get("period")!;
  const year = period.slice(0, 4);
  const before = await unitFigures(page.request, planId, period);

  // 1. An annual plan on its own, 2. a 总投资 change (调整申请), 3. a report with completed investment.
  await page.getByTestId("annual-plan-form").getByLabel("年度计划投资").fill("800");
  await page.getByTestId("annual-plan-form").getByRole("button", { name: "提交审核" }).click();
  await expect(page.getByTestId("annual-plan-form")).toContainText("已提交审核");
  await expect(page.getByTestId("annual-plans")).toContainText("已提交待审核");
  await page.getByTestId("edit-project").click();
  await page.getByRole("combobox", { name: "单位", exact: true }).selectOption("wan");
  await page.getByLabel("总投资").fill("99999");
  await page.getByLabel(/调整原因/).fill("初步设计批复调增");
  await page.getByLabel(/批复文号/).fill("湘发改〔2026〕18号");
  await page.getByRole("button", { name: "提交调整申请" }).click();
  await expect(page.getByTestId("pending-change-request")).toContainText("99999");
  await page.getByTestId("file-report").click();
  await page.getByLabel(/本期完成投资/).fill("123");
  const outside = page.getByLabel(/不在项目建设期内/);
  if (await outside.count()) await outside.fill("续建项目");
  await page.getByRole("button", { name: "保存并提交审核" }).click();
  await page.waitForURL(/\/projects\/\d+$/);
  await shot(page, "official-officer-proposals");

  // Nothing official moved; the 含已报送 view shows the report.
  const pending = await unitFigures(page.request, planId, period);
  expect(pending).toEqual(before);
  expect((await unitFigures(page.request, planId, period, true)).completedYearWan).not.toEqual(before.completedYearWan);

  // Finance decides each from the desk.
  const ctx = await browser.newContext();
  const finance = await ctx.newPage();
  await signIn(finance, "finance");
  // The dashboard, seen twice (so kept: lib/page-cache) before finance decides.
  const dashboard = `/finance/${planId}?period=${period}`;
  await finance.goto(dashboard);
  await finance.goto(dashboard);
  const yearBefore = await finance.getByTestId("total-year").innerText();
  await finance.goto("/review");
  const reports = finance.getByTestId("review-table");
  const row = reports.locator("tr", { hasText: project.name });
  await row.getByTestId("open-report").click();
  await expect(finance.getByTestId("report-fields")).toContainText("123");
  await expect(finance.getByTestId("report-context")).toContainText(`${year} 年度计划投资`);
  await shot(finance, "official-report-page");
  await finance.getByTestId("report-decision").getByRole("button", { name: "审核通过" }).click();
  await expect(finance.getByTestId("review-message")).toContainText("已审核通过");
  const afterReport = await unitFigures(page.request, planId, period);
  expect(afterReport.completedYearWan).not.toEqual(before.completedYearWan);
  expect(afterReport.annualPlanWan).toEqual(before.annualPlanWan);
  expect(afterReport.totalWan).toEqual(before.totalWan);
  // The kept dashboard is not sent again: the next view shows the approved report.
  await finance.goto(dashboard);
  await expect(finance.getByTestId("total-year")).not.toHaveText(yearBefore);

  await finance.goto("/review");
  const annual = finance.getByTestId("annual-plan-table");
  await annual.getByLabel(`选择 ${project.name}`).check();
  await annual.getByRole("button", { name: /审核通过/ }).click();
  await annual.getByRole("button", { name: "确认通过" }).click();
  await expect(annual.getByTestId("review-message")).toContainText("已审核通过 1 项");
  expect((await unitFigures(page.request, planId, period)).annualPlanWan).not.toEqual(before.annualPlanWan);

  const changes = finance.getByTestId("change-request-table");
  await expect(changes).toContainText("湘发改〔2026〕18号");
  await shot(finance, "official-review-desk");
  await changes.getByLabel(`选择 ${project.name}`).check();
  await changes.getByRole("button", { name: /审核通过/ }).click();
  await changes.getByRole("button", { name: "确认通过" }).click();
  await expect(changes.getByTestId("review-message")).toContainText("已审核通过 1 项");
  expect((await unitFigures(page.request, planId, period)).totalWan).not.toEqual(before.totalWan);
  await ctx.close();
});
