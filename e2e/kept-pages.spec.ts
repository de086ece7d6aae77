import { expect, test, type Page } from "@playwright/test";
import { signIn } from "./helpers";

// The finance dashboard is kept rendered per reader and state of its data (lib/page-cache, issue #17).
// Opened again, it is sent as kept — with its own CSP nonce, so the page's scripts still run — and
// whatever changes what it shows is there on the next view.
async function yueyangDashboard(page: Page) {
  await page.goto("/finance");
  await page
    .getByTestId("finance-plans")
    .getByRole("link", { name: /健康岳阳/ })
    .click();
  await expect(page.getByTestId("dashboard-title")).toContainText("健康岳阳");
  return page.url();
}

const unitSwitch = (page: Page, unit: string) => page.getByRole("form", { name: "金额单位" }).getByRole("button", { name: unit, exact: true }).click();
const nonceOf = (csp: string | undefined) => /'nonce-([^']+)'/.exec(csp ?? "")?.[1];

test("the dashboard opened again is sent as kept, with a fresh nonce, and works as rendered", async ({ page }) => {
  const refused: string[] = [];
  page.on("console", (m) => {
    if (/Content Security Policy|Refused to/i.test(m.text())) refused.push(m.text());
  });
  await signIn(page, "finance");
  const url = await yueyangDashboard(page);
  const first = (await page.goto(url))!;
  const firstHtml = await first.text();
  const again = (await page.goto(url))!;
  expect(again.status()).toBe(200);
  // Kept: the second view read nothing but its reader (no operation ran: no "data" in Server-Timing).
  expect(again.headers()["server-timing"]).not.toContain("data");
  const [n1, n2] = [nonceOf(first.headers()["content-security-policy"]), nonceOf(again.headers()["content-security-policy"])];
  expect(n1 && n2 && n1 !== n2).toBeTruthy();
  const againHtml = await again.text();
  expect(againHtml).not.toContain(n1!);
  expect(againHtml.split(`nonce="${n2}"`).length).toBe(firstHtml.split(`nonce="${n1}"`).length);

  // The kept page's scripts run under its new nonce: the trend chart draws, the table sorts.
  await expect(page.getByTestId("trend-chart").locator("svg").first()).toBeVisible();
  const table = page.getByTestId("units-table");
  await table.getByTestId("sort-totalWan").click();
  await expect(table.locator("th[aria-sort=descending]")).toContainText("总投资");
  expect(refused).toEqual([]);

  // Next's in-app navigation to the kept page gets its RSC payload, not the kept HTML: no full reload.
  await page.goto("/finance");
  await page.evaluate(() => ((window as unknown as { stayed: boolean }).stayed = true));
  await page
    .getByTestId("finance-plans")
    .getByRole("link", { name: /健康岳阳/ })
    .click();
  await expect(page.getByTestId("dashboard-title")).toContainText("健康岳阳");
  expect(await page.evaluate(() => (window as unknown as { stayed?: boolean }).stayed)).toBe(true);
});

test("a kept dashboard follows the reader: their money unit, and no page once signed out", async ({ page, browser }) => {
  await signIn(page, "finance");
  const url = await yueyangDashboard(page);
  await page.goto(url);
  const caption = page.getByTestId("group-tables-caption");
  await unitSwitch(page, "万元");
  await expect(caption).toContainText("万元");
  await page.goto(url);
  await expect(caption).toContainText("万元");
  await unitSwitch(page, "亿元");
  await page.goto(url);
  await expect(caption).toContainText("亿元");

  // Signed out: the copied cookie of the kept page's reader gets the sign-in page, not the kept page.
  const copied = await page.context().cookies();
  await page.getByRole("button", { name: "退出" }).click();
  await expect(page).toHaveURL(/\/login/);
  const other = await browser.newContext();
  await other.addCookies(copied);
  const tab = await other.newPage();
  await tab.goto(url);
  await expect(tab).toHaveURL(/\/login/);
  await other.close();
});
