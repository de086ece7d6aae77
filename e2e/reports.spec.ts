import { expect, test, type Page } from "@playwright/test";
import { shot, chooseMoneyUnit, signIn } from "./helpers";

// 2022-06 lies inside the build periods of all of 君山区's projects (2021–2022 … 2021–2024).
const PERIOD = "2022-06";

async function openGrid(page: Page) {
  await page.goto("/desk");
  await page.getByTestId("open-grid").first().click();
  await page.waitForURL(/\/desk\/grid/);
  const url = new URL(page.url());
  url.searchParams.set("period", PERIOD);
  await page.goto(url.pathname + url.search);
  await expect(page.getByTestId("report-grid")).toBeVisible();
}

async function cumulative(page: Page, projectName: string) {
  await page.goto("/desk");
  await page.getByTestId("desk-table").getByRole("link", { name: projectName, exact: true }).click();
  return page.getByTestId("project-figures");
}

test("an officer files two reports via the grid; a reviewer returns one and approves the other; totals move only on approval", async ({ page, browser }) => {
  await signIn(page, "yy-junshan");
  await chooseMoneyUnit(page, "wan");
  await openGrid(page);
  const rows = page.getByTestId("report-grid").locator("tbody tr");
  const nameOf = async (i: number) => (await rows.nth(i).locator("td").first().locator("div").first().innerText()).trim();
  const [first, second] = [await nameOf(0), await nameOf(1)];

  // A bad amount in one row: the good row is saved as a draft, the bad one says why on its cell.
  await page.getByLabel(`${first} 本期完成投资`).fill("120.5");
  await page.getByLabel(`${first} 年度计划投资`).fill("1000");
  await page.getByLabel(`${first} 形象进度%`, { exact: true }).fill("35");
  await page.getByLabel(`${second} 本期完成投资`).fill("八十");
  await page.getByRole("button", { name: /保存草稿/ }).click();
  await expect(page.getByTestId("grid-summary")).toContainText("已保存草稿 1 行、已提交 0 行、未通过 1 行");
  await expect(rows.nth(1).getByTestId("cell-error")).toContainText("本期完成投资：请输入不小于 0 的数字");
  await shot(page, "grid-half-good");
  // Fixed; 提交 is its own step: every valid draft at once.
  await page.getByLabel(`${second} 本期完成投资`).fill("80");
  page.once("dialog", (d) => void d.accept());
  await page.getByRole("button", { name: "提交全部有效行" }).click();
  await expect(page.getByTestId("grid-summary")).toContainText("已保存草稿 1 行、已提交 2 行、未通过 0 行");

  // Nothing counts before approval.
  await expect(await cumulative(page, first)).toContainText("累计完成（已审核）未知");

  // The reviewer returns the second and approves the first.
  const reviewerContext = await browser.newContext();
  const reviewer = await reviewerContext.newPage();
  await signIn(reviewer, "finance");
  await reviewer.goto("/review");
  await shot(reviewer, "review-desk");
  const desk = reviewer.getByTestId("review-table");
  await desk.getByLabel(`选择 ${second}`).check();
  await desk.getByRole("button", { name: /退回/ }).click();
  await expect(desk.getByTestId("review-message")).toContainText("退回时请填写退回意见");
  await desk.getByLabel(/审核意见/).fill("请附监理月报");
  await desk.getByRole("button", { name: /退回/ }).click();
  await expect(desk.getByTestId("review-message")).toContainText("已退回 1 项");
  await desk.getByLabel(`选择 ${first}`).check();
  await desk.getByRole("button", { name: /审核通过/ }).click();
  // Approval asks for confirmation, naming what it approves.
  await expect(desk.getByTestId("confirm-approve")).toContainText(first);
  await desk.getByRole("button", { name: "确认通过" }).click();
  await expect(desk.getByTestId("review-message")).toContainText("已审核通过 1 项");

  // The approved figure now counts (万元 display: 120.5).
  await page.getByRole("button", { name: "万元" }).click();
  await expect(await cumulative(page, first)).toContainText("累计完成（已审核）120.5");

  // The officer sees the return, fixes and resubmits; the reviewer approves.
  await page.goto("/desk");
  await expect(page.getByTestId("returned")).toContainText("请附监理月报");
  await shot(page, "desk-returned");
  await page.getByTestId("returned").getByRole("link").first().click();
  await page.getByLabel(/本期完成投资/).fill("82");
  await page.getByRole("button", { name: "保存并提交审核" }).click();
  await page.waitForURL(/\/projects\/\d+$/);
  await reviewer.goto("/review");
  // Marked as a resubmission; its page shows what changed since the return.
  await expect(desk.locator("tr", { hasText: second })).toContainText("重新提交");
  await desk.locator("tr", { hasText: second }).getByTestId("open-report").click();
  await expect(reviewer.getByTestId("report-diff")).toContainText("本期完成");
  await expect(reviewer.getByTestId("report-diff")).toContainText("82");
  await shot(reviewer, "report-resubmission-diff");
  await reviewer.getByTestId("report-decision").getByRole("button", { name: "审核通过" }).click();
  await expect(reviewer.getByTestId("review-message")).toContainText("已审核通过");
  await expect(await cumulative(page, second)).toContainText("累计完成（已审核）82");
  await shot(page, "project-with-reports");
  await reviewerContext.close();
});
