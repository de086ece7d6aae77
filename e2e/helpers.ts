import { expect, test, type Page } from "@playwright/test";

export const DEMO_PASSWORD = "Demo-2025!";

export async function signIn(page: Page, username: string, password = DEMO_PASSWORD) {
  await page.goto("/login");
  await page.getByLabel("用户名").fill(username);
  await page.getByLabel("密码").fill(password);
  await page.getByRole("button", { name: "登录" }).click();
  await expect(page.getByTestId("current-user")).toBeVisible();
}

export async function shot(page: Page, name: string) {
  await page.screenshot({ path: `test-results/screens/${name}.png`, fullPage: true });
}

// The reader's money-unit choice (the cookie the page-wide 亿元/万元 switch sets). Journeys that type
// amounts in 万元 choose it first; without a choice, forms start in their plan's unit (mostly 亿元).
export async function chooseMoneyUnit(page: Page, unit: "wan" | "yi") {
  const baseURL = test.info().project.use.baseURL;
  if (!baseURL) throw new Error("baseURL is not configured");
  await page.context().addCookies([{ name: "money-unit", value: unit, url: new URL(baseURL).origin }]);
}
