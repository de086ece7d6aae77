import { expect, test, type Locator, type Page } from "@playwright/test";
import { chooseMoneyUnit, DEMO_PASSWORD } from "./helpers";

// Keyboard only (GB/T 37668 / WCAG 2.1.1): signing in, filing a report and approving it with Tab,
// Enter, Space and typing — no clicks. Pages are opened by address, as a user types it.
// 汨罗市's officer and a period no other journey files, so the report is this test's own.
const OFFICER = "yy-miluo";
const PERIOD = "2022-09";

// Presses Tab until the target has the focus (and fails if it never gets it).
async function tabTo(page: Page, target: Locator, max = 250) {
  await expect(target).toBeAttached();
  for (let i = 0; i < max; i++) {
    await page.keyboard.press("Tab");
    if (await target.evaluate((el) => el === document.activeElement)) return;
  }
  throw new Error(`Tab never reached ${target}`);
}

async function typeInto(page: Page, target: Locator, text: string) {
  await tabTo(page, target);
  await page.keyboard.press("ControlOrMeta+A");
  await page.keyboard.type(text);
}

async function signInByKeyboard(page: Page, username: string) {
  await page.goto("/login");
  await typeInto(page, page.getByLabel("用户名"), username);
  await typeInto(page, page.getByLabel("密码"), DEMO_PASSWORD);
  // Enter in a field submits the form.
  await page.keyboard.press("Enter");
  await expect(page.getByTestId("current-user")).toBeVisible();
}

test("an officer signs in and files a report, a reviewer approves it, all by keyboard; focus stays on the result, which is announced", async ({
  page,
  browser,
}) => {
  await signInByKeyboard(page, OFFICER);
  await chooseMoneyUnit(page, "wan");
  await page.goto("/desk");
  const href = await page.getByTestId("desk-table").locator('a[href^="/projects/"]').first().getAttribute("href");
  const projectId = Number(/\/projects\/(\d+)/.exec(href!)![1]);
  await page.goto(`/projects/${projectId}`);
  const projectName = (await page.getByTestId("project-name").innerText()).trim();

  await page.goto(`/projects/${projectId}/report?period=${PERIOD}`);
  await typeInto(page, page.getByLabel(/本期完成投资/), "8.5");
  await typeInto(page, page.getByLabel(/形象进度（%）/), "30");
  const reason = page.getByLabel(/本期不在项目建设期内/);
  if (await reason.count()) await typeInto(page, reason, "前期工作延续");
  await tabTo(page, page.getByRole("button", { name: "保存并提交审核" }));
  await page.keyboard.press("Enter");
  await page.waitForURL(new RegExp(`/projects/${projectId}$`));

  const reviewerContext = await browser.newContext();
  const reviewer = await reviewerContext.newPage();
  await signInByKeyboard(reviewer, "finance");
  await reviewer.goto("/review");
  const pick = reviewer.getByLabel(new RegExp(`^选择 ${projectName.replace(/[.*+?^${}()|[\]\\]/g, "\\$&")} · `));
  await tabTo(reviewer, pick);
  await reviewer.keyboard.press("Space");
  await expect(pick).toBeChecked();
  const desk = reviewer.getByTestId("review-table");
  await tabTo(reviewer, desk.getByRole("button", { name: /审核通过（1）/ }));
  await reviewer.keyboard.press("Enter");
  // The confirmation takes the focus; Enter confirms.
  const confirm = desk.getByRole("button", { name: "确认通过" });
  await expect(confirm).toBeFocused();
  await reviewer.keyboard.press("Enter");
  // Focus lands on the result (not <body>), inside a live region.
  const message = desk.getByTestId("review-message");
  await expect(message).toContainText("已审核通过 1 项");
  await expect(message).toBeFocused();
  await expect(message.locator("xpath=..")).toHaveAttribute("role", "status");
  await expect(message.locator("xpath=..")).toHaveAttribute("aria-live", "polite");
  await expect(pick).toHaveCount(0);
  await reviewerContext.close();
});

test("form errors are linked to their fields and announced; required fields are marked; each page has its own title", async ({ page }) => {
  await page.goto("/login");
  await expect(page).toHaveTitle("登录 · 规划项目投资台账");
  const username = page.getByLabel("用户名");
  const password = page.getByLabel("密码");
  await expect(username).toHaveAttribute("aria-required", "true");
  await expect(page.locator("label", { hasText: "用户名" }).locator("xpath=..")).toContainText("用户名*");
  // Enter on an empty form: both fields invalid, each described by its own message (outside the
  // label), and the focus on the first one.
  await tabTo(page, username);
  await page.keyboard.press("Enter");
  await expect(username).toHaveAttribute("aria-invalid", "true");
  await expect(username).toHaveAccessibleDescription("请输入用户名");
  await expect(password).toHaveAccessibleDescription("请输入密码");
  await expect(username).toHaveAccessibleName("用户名");
  await expect(username).toBeFocused();
  // A refused sign-in is said in a live region.
  await page.keyboard.type("viewer");
  await tabTo(page, password);
  await page.keyboard.type("not-the-password");
  await page.keyboard.press("Enter");
  await expect(page.getByRole("status").filter({ has: page.getByTestId("login-error") })).toContainText("用户名或密码错误");
  await expect(username).not.toHaveAttribute("aria-invalid", "true");

  // Titles name the page and its plan or project.
  await signInByKeyboard(page, "viewer");
  await page.goto("/plans");
  await expect(page).toHaveTitle("规划列表 · 规划项目投资台账");
  await page
    .getByRole("link", { name: /健康岳阳/ })
    .first()
    .focus();
  await page.keyboard.press("Enter");
  await page.waitForURL(/\/plans\/\d+$/);
  await expect(page).toHaveTitle(/^健康岳阳.* · 规划项目投资台账$/);
  const planId = /\/plans\/(\d+)$/.exec(page.url())![1];
  await page.goto(`/plans/${planId}/indicators`);
  await expect(page).toHaveTitle(/^主要指标 · 健康岳阳.* · 规划项目投资台账$/);
});
