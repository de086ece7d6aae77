import { expect, test, type Page } from "@playwright/test";
import { DEMO_PASSWORD, shot, signIn } from "./helpers";

test("sign-in refuses a wrong password with a Chinese message, then accepts the right one", async ({ page }) => {
  await page.goto("/plans");
  await expect(page).toHaveURL(/\/login/);
  await page.getByLabel("用户名").fill("yy-pingjiang");
  await page.getByLabel("密码").fill("wrong-password");
  await page.getByRole("button", { name: "登录" }).click();
  await expect(page.getByTestId("login-error")).toHaveText("用户名或密码错误。");
  await shot(page, "login-failed");
  await page.getByLabel("密码").fill(DEMO_PASSWORD);
  await page.getByRole("button", { name: "登录" }).click();
  await expect(page.getByTestId("current-user")).toContainText("平江县项目专干");
});

async function projectIdFor(page: Page, unitName: string) {
  await page.goto("/plans");
  await page.getByRole("link", { name: /健康岳阳/ }).click();
  await page.getByTestId("rollup-unit").getByRole("link", { name: unitName, exact: true }).click();
  await page.getByTestId("project-table").locator("tbody").getByRole("link").first().click();
  await page.waitForURL(/\/projects\/\d+$/);
  return Number(new URL(page.url()).pathname.split("/").pop());
}

test("a county officer requests changes to own-county projects only; other counties are refused, by URL and by forged request", async ({ page }) => {
  await signIn(page, "yy-pingjiang");

  // Own county: the control is there; a change becomes a 调整申请 shown on the project, not applied.
  const own = await projectIdFor(page, "平江县");
  await expect(page.getByTestId("edit-project")).toHaveText("申请调整");
  await page.getByTestId("edit-project").click();
  await page.getByLabel("建设单位").fill("平江县卫生健康局");
  await page.getByRole("button", { name: "提交调整申请" }).click();
  await expect(page.getByTestId("form-error")).toContainText("调整原因");
  await page.getByLabel(/调整原因/).fill("建设单位以可研批复为准");
  await shot(page, "project-edit");
  await page.getByRole("button", { name: "提交调整申请" }).click();
  await expect(page).toHaveURL(new RegExp(`/projects/${own}\\?requested=1$`));
  await expect(page.getByTestId("pending-change-request")).toContainText("平江县卫生健康局");
  await shot(page, "project-change-requested");

  // Another county: no edit control, the edit URL is refused.
  const other = await projectIdFor(page, "华容县");
  await expect(page.getByTestId("project-name")).toBeVisible();
  await expect(page.getByTestId("edit-project")).toHaveCount(0);
  await page.goto(`/projects/${other}/edit`);
  await expect(page.getByTestId("forbidden")).toContainText("您没有权限执行此操作");
  await expect(page.getByTestId("project-edit-form")).toHaveCount(0);

  // A forged request with this valid session is refused and changes nothing.
  const res = await page.request.patch(`/api/v1/projects/${other}`, {
    data: {
      version: 1,
      name: "篡改",
      owner: "",
      startYear: 2021,
      endYear: 2025,
      totalInvestment: "1",
      moneyUnit: "yi",
      sectionId: 1,
      unitId: null,
      status: "PREPARATION",
      reason: "x",
    },
  });
  expect(res.status()).toBe(403);
  expect((await res.json()).error.message).toBe("您没有权限执行此操作。");
  await page.goto(`/projects/${other}`);
  await expect(page.getByTestId("project-name")).not.toHaveText("篡改");
  await expect(page.getByTestId("audit-table")).toHaveCount(0);
});

test("an admin creates a county officer, who must change the password at first sign-in", async ({ page, browser }) => {
  await signIn(page, "admin");
  await page.goto("/admin/users/new");
  const username = `e2e-${Date.now()}`;
  await page.getByLabel("用户名").fill(username);
  await page.getByLabel("姓名").fill("新专干");
  await page.getByLabel("角色").selectOption("COUNTY_OFFICER");
  await page.getByRole("checkbox", { name: "泸溪县" }).check();
  await page.getByLabel(/初始密码/).fill("short");
  await page.getByRole("button", { name: "创建" }).click();
  await expect(page.getByText("密码至少 10 位，且须同时包含字母和数字").first()).toBeVisible();
  await page.getByLabel(/初始密码/).fill("Initial-pass-1");
  await page.getByRole("button", { name: "创建" }).click();
  await expect(page.getByRole("heading", { name: `用户 ${username}` })).toBeVisible();
  await shot(page, "admin-user");
  await page.goto("/admin/audit");
  await expect(page.getByTestId("audit-table")).toContainText(username);
  await shot(page, "admin-audit");

  const context = await browser.newContext();
  const fresh = await context.newPage();
  await fresh.goto("/login");
  await fresh.getByLabel("用户名").fill(username);
  await fresh.getByLabel("密码").fill("Initial-pass-1");
  await fresh.getByRole("button", { name: "登录" }).click();
  await expect(fresh.getByTestId("must-change")).toBeVisible();
  await fresh.goto("/plans");
  await expect(fresh).toHaveURL(/\/account\/password/);
  await context.close();
});
