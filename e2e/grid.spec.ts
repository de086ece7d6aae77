import { expect, test, type Locator, type Page } from "@playwright/test";
import { shot, chooseMoneyUnit, signIn } from "./helpers";

// 批量填报 behaves like a spreadsheet (#15.1). 云溪区 (yy-yunxi, used by no other journey) has six
// projects built 2021–2025, so 2022 lies inside every build period.
const OFFICER = "yy-yunxi";
const PERIOD = "2022-09";

async function openGrid(page: Page, period = PERIOD) {
  await page.goto("/desk");
  const href = (await page.getByTestId("open-grid").first().getAttribute("href"))!;
  const url = new URL(href, "http://x");
  url.searchParams.set("period", period);
  await page.goto(url.pathname + url.search);
  await expect(page.getByTestId("report-grid")).toBeVisible();
}

const rowsOf = (page: Page) => page.getByTestId("report-grid").locator("tbody tr");
const nameOf = async (row: Locator) => (await row.getByTestId("grid-row-name").innerText()).trim();

// What Excel/WPS put on the clipboard for a 2 × 3 block (a quoted cell holding a line break), pasted
// into one cell as the browser would deliver it.
async function paste(cell: Locator, text: string) {
  await cell.focus();
  await cell.evaluate((el, t) => {
    const data = new DataTransfer();
    data.setData("text/plain", t);
    el.dispatchEvent(new ClipboardEvent("paste", { clipboardData: data, bubbles: true, cancelable: true }));
  }, text);
}

test("a row filled in without 提交 is kept as a draft; blocks paste; Tab/Enter move; errors on the cell; 提交 is its own step", async ({ page }) => {
  await signIn(page, OFFICER);
  await chooseMoneyUnit(page, "wan");
  await openGrid(page);
  const rows = rowsOf(page);
  expect(await rows.count()).toBeGreaterThanOrEqual(3);
  const [first, second, third] = [await nameOf(rows.nth(0)), await nameOf(rows.nth(1)), await nameOf(rows.nth(2))];

  // Typed, not submitted: the row is marked unsaved, and leaving asks first.
  await page.getByLabel(`${first} 本期完成投资`).fill("55.5");
  await page.getByLabel(`${first} 形象进度说明`).fill("基础施工");
  await expect(rows.nth(0).getByTestId("row-unsaved")).toBeVisible();
  await expect(page.getByTestId("unsaved-mark")).toContainText("1 行有未保存的修改");
  const asked: string[] = [];
  page.once("dialog", (d) => {
    asked.push(d.message());
    void d.dismiss();
  });
  await page.locator("main").getByRole("link", { name: "我的项目" }).first().click();
  await expect.poll(() => asked.length).toBe(1);
  expect(asked[0]).toContain("尚未保存");
  await expect(page).toHaveURL(/\/desk\/grid/);
  await expect(page.getByLabel(`${first} 本期完成投资`)).toHaveValue("55.5");
  // A reload asks too (the browser's own dialog).
  page.once("dialog", (d) => {
    asked.push(d.type());
    void d.dismiss();
  });
  await page.evaluate(() => location.reload()).catch(() => undefined);
  await expect.poll(() => asked[1]).toBe("beforeunload");
  await expect(page.getByLabel(`${first} 本期完成投资`)).toHaveValue("55.5");

  await page.getByRole("button", { name: /保存草稿/ }).click();
  await expect(page.getByTestId("grid-summary")).toContainText("已保存草稿 1 行、已提交 0 行、未通过 0 行");
  await expect(page.getByTestId("grid-summary")).toContainText(first);
  await expect(rows.nth(0).getByTestId("row-unsaved")).toHaveCount(0);

  // After a reload the draft is still there.
  await page.reload();
  await expect(page.getByLabel(`${first} 本期完成投资`)).toHaveValue("55.5");
  await expect(page.getByLabel(`${first} 形象进度说明`)).toHaveValue("基础施工");
  await expect(rows.nth(0)).toContainText("草稿");

  // Tab moves right, Enter down (as in Excel).
  await page.getByLabel(`${first} 年度计划投资`).focus();
  await page.keyboard.press("Tab");
  await expect(page.getByLabel(`${first} 本期完成投资`)).toBeFocused();
  await page.keyboard.press("Enter");
  await expect(page.getByLabel(`${second} 本期完成投资`)).toBeFocused();
  await page.keyboard.press("Shift+Tab");
  await expect(page.getByLabel(`${second} 年度计划投资`)).toBeFocused();

  // A 2 × 3 block from Excel fills 本期完成投资, 形象进度%, 形象进度说明 of two rows from the cell pasted into.
  await paste(page.getByLabel(`${second} 本期完成投资`), '10\t20\t打桩\r\n1.23456\t40\t"主体封顶\n待验收"\r\n');
  await expect(page.getByLabel(`${second} 本期完成投资`)).toHaveValue("10");
  await expect(page.getByLabel(`${second} 形象进度%`, { exact: true })).toHaveValue("20");
  await expect(page.getByLabel(`${second} 形象进度说明`)).toHaveValue("打桩");
  await expect(page.getByLabel(`${third} 本期完成投资`)).toHaveValue("1.23456");
  await expect(page.getByLabel(`${third} 形象进度说明`)).toHaveValue("主体封顶\n待验收");
  await page.getByLabel(`${third} 形象进度%`, { exact: true }).fill("140");
  await shot(page, "grid-pasted");

  // One save: the good row is saved, the bad one keeps its input and says on each cell what is wrong.
  await page.getByRole("button", { name: /保存草稿/ }).click();
  const summary = page.getByTestId("grid-summary");
  await expect(summary).toContainText("已保存草稿 1 行、已提交 0 行、未通过 1 行");
  await expect(summary).toContainText(third);
  const bad = page.getByLabel(`${third} 本期完成投资`);
  await expect(bad).toHaveAttribute("aria-invalid", "true");
  await expect(rows.nth(2).getByTestId("cell-error").first()).toContainText("本期完成投资：超出可保存的范围（以万元填写最多 4 位小数）");
  await expect(rows.nth(2).getByTestId("cell-error").nth(1)).toContainText("形象进度%：");
  await expect(bad).toHaveValue("1.23456");
  await expect(rows.nth(2).getByTestId("row-unsaved")).toBeVisible();
  await shot(page, "grid-cell-errors");

  // 提交 is a separate step: one row.
  await page.getByRole("button", { name: `${first} 提交` }).click();
  await expect(summary).toContainText("已保存草稿 0 行、已提交 1 行、未通过 0 行");
  await expect(rows.nth(0)).toContainText("已提交");
  await expect(page.getByLabel(`${first} 本期完成投资`)).toBeDisabled();

  // Fix the bad row; 提交全部有效行 saves it and submits every valid draft.
  await bad.fill("1.2345");
  await page.getByLabel(`${third} 形象进度%`, { exact: true }).fill("40");
  page.once("dialog", (d) => void d.accept());
  await page.getByRole("button", { name: "提交全部有效行" }).click();
  await expect(summary).toContainText("已保存草稿 1 行、已提交 2 行、未通过 0 行");
  await expect(rows.nth(1)).toContainText("已提交");
  await expect(rows.nth(2)).toContainText("已提交");
  await shot(page, "grid-submitted");
});

test("on a phone the grid is one card per project, no sideways scrolling", async ({ browser }) => {
  const context = await browser.newContext({ viewport: { width: 390, height: 844 } });
  const page = await context.newPage();
  await signIn(page, OFFICER);
  await chooseMoneyUnit(page, "wan");
  await openGrid(page, "2022-08");
  await expect(page.getByTestId("report-grid").locator("thead")).toBeHidden();
  const row = rowsOf(page).first();
  const name = await nameOf(row);
  await page.getByLabel(`${name} 存在问题`).fill("雨季停工\n材料进场慢");
  await page.screenshot({ path: "test-results/screens/grid-phone-390.png", fullPage: true });
  const { scrollWidth, innerWidth } = await page.evaluate(() => ({ scrollWidth: document.documentElement.scrollWidth, innerWidth: window.innerWidth }));
  expect(scrollWidth).toBeLessThanOrEqual(innerWidth);
  // The card's cells are as wide as the card (not a 60 px column).
  const box = (await page.getByLabel(`${name} 存在问题`).boundingBox())!;
  expect(box.width).toBeGreaterThan(250);
  await context.close();
});
