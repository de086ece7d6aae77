import { expect, test, type Page } from "@playwright/test";
import { shot, chooseMoneyUnit, signIn } from "./helpers";

// Forms keep what was typed (#15.2): leaving asks, a failed save keeps the input, a save says 已保存,
// a period that cannot be reported is refused on opening, a bad amount gets its precise reason.
// 屈原区 (yy-quyuan, used by no other journey): nine projects built 2021–2025.
const OFFICER = "yy-quyuan";
const PERIOD = "2022-10";

async function firstProject(page: Page) {
  await page.goto("/desk");
  const href = (await page.getByTestId("desk-table").locator('a[href^="/projects/"]').first().getAttribute("href"))!;
  return Number(/^\/projects\/(\d+)/.exec(href)![1]);
}

async function fillOutside(page: Page) {
  const outside = page.getByLabel(/不在项目建设期内/);
  if (await outside.count()) await outside.fill("续建");
}

test("report form: period checked on opening; leaving asks; a conflict keeps the input; saves say 已保存; precise amount messages", async ({
  page,
  browser,
}) => {
  await signIn(page, OFFICER);
  await chooseMoneyUnit(page, "wan");
  const id = await firstProject(page);

  // A future period is refused when the page opens, instead of the form.
  await page.goto(`/projects/${id}/report?period=2027-03`);
  await expect(page.getByTestId("period-problem")).toContainText("不能填报未来的期次（2027年3月）");
  await expect(page.getByTestId("report-form")).toHaveCount(0);
  await page.goto(`/projects/${id}/report?period=2000-01`);
  await expect(page.getByTestId("period-problem")).toContainText("早于本规划的起始年份");

  // Half-filled, then a link away: asked first; staying keeps the input.
  await page.goto(`/projects/${id}/report?period=${PERIOD}`);
  const form = page.getByTestId("report-form");
  await form.getByLabel(/本期完成投资/).fill("12");
  await form.getByLabel("存在问题").fill("征地协调中");
  await fillOutside(page);
  await expect(page.getByTestId("unsaved-mark")).toContainText("有未保存的修改");
  const asked: string[] = [];
  page.once("dialog", (d) => {
    asked.push(d.message());
    void d.dismiss();
  });
  await page.locator(`main a[href="/projects/${id}"]`).first().click();
  await expect.poll(() => asked.length).toBe(1);
  expect(asked[0]).toContain("尚未保存");
  await expect(page).toHaveURL(/\/report\?period=/);
  await expect(form.getByLabel(/本期完成投资/)).toHaveValue("12");
  // 退出 asks too (it does not unload the page); staying keeps the input and the session (saved below).
  page.once("dialog", (d) => {
    asked.push(d.message());
    void d.dismiss();
  });
  await page.getByRole("button", { name: "退出" }).click();
  await expect.poll(() => asked.length).toBe(2);
  expect(asked[1]).toContain("尚未保存");
  await expect(page).toHaveURL(/\/report\?period=/);
  await expect(form.getByLabel(/本期完成投资/)).toHaveValue("12");

  // Someone saves the same period meanwhile (a second tab): this save is refused as a conflict, and
  // nothing typed is lost.
  const other = await page.context().newPage();
  await other.goto(`/projects/${id}/report?period=${PERIOD}`);
  await other
    .getByTestId("report-form")
    .getByLabel(/本期完成投资/)
    .fill("20");
  await fillOutside(other);
  await other.getByRole("button", { name: "保存草稿" }).click();
  await expect(other.getByTestId("form-saved")).toContainText("已保存草稿");
  await other.close();
  await form.getByRole("button", { name: "保存草稿" }).click();
  await expect(page.getByTestId("conflict")).toBeVisible();
  await expect(page.getByTestId("conflict")).toContainText("您填写的内容仍在表单中");
  await expect(form.getByLabel(/本期完成投资/)).toHaveValue("12");
  await expect(form.getByLabel("存在问题")).toHaveValue("征地协调中");
  await shot(page, "form-conflict-kept");

  // Enter saves (on the version whose changes were shown), and says so.
  await form.getByLabel(/本期完成投资/).press("Enter");
  await expect(page.getByTestId("form-saved")).toContainText("已保存草稿");
  await expect(page.getByTestId("unsaved-mark")).not.toContainText("未保存");
  await page.reload();
  await expect(form.getByLabel(/本期完成投资/)).toHaveValue("12");

  // An oversized 亿元 amount: the precise reason on the field, marked invalid and described.
  await form.getByLabel("金额单位").selectOption("yi");
  const done = form.getByLabel(/本期完成投资/);
  await done.fill("123456789012");
  await form.getByLabel(/中央/).fill("-3");
  await form.getByRole("button", { name: "保存草稿" }).click();
  await expect(done).toHaveAttribute("aria-invalid", "true");
  const describedBy = (await done.getAttribute("aria-describedby"))!;
  await expect(page.locator(`[id="${describedBy.split(" ").pop()}"]`)).toHaveText("超出可保存的范围（金额过大，最多 9,999,999,999.99999999 亿元）");
  await expect(form.getByTestId("field-error").filter({ hasText: "金额不能为负数" })).toBeVisible();
  await expect(page.getByText("操作失败")).toHaveCount(0);
  await shot(page, "form-amount-messages");

  // Too many decimals for 亿元 vs 万元.
  await done.fill("1.123456789");
  await form.getByLabel(/中央/).fill("");
  await form.getByRole("button", { name: "保存草稿" }).click();
  await expect(form.getByTestId("field-error").first()).toHaveText("超出可保存的范围（以亿元填写最多 8 位小数）");

  // Submitting leaves for the project page, which confirms.
  await done.fill("0.0012");
  await form.getByRole("button", { name: "保存并提交审核" }).click();
  await page.waitForURL(/\/projects\/\d+$/);
  await expect(page.getByTestId("flash-notice")).toContainText("已保存并提交审核");
  await shot(page, "form-submitted-flash");

  // On phones the report form fits the screen.
  for (const width of [320, 390, 414]) {
    const phone = await browser.newContext({ viewport: { width, height: 844 } });
    const p = await phone.newPage();
    await signIn(p, OFFICER);
    await chooseMoneyUnit(p, "wan");
    await p.goto(`/projects/${id}/report?period=2022-11`);
    await expect(p.getByTestId("report-form")).toBeVisible();
    await p.screenshot({ path: `test-results/screens/report-form-${width}.png`, fullPage: true });
    const { scrollWidth, innerWidth } = await p.evaluate(() => ({ scrollWidth: document.documentElement.scrollWidth, innerWidth: window.innerWidth }));
    expect(scrollWidth, `report form at ${width} px`).toBeLessThanOrEqual(innerWidth);
    await phone.close();
  }
});
