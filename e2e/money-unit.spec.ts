import { expect, test, type Page } from "@playwright/test";
import { signIn } from "./helpers";

// One money-unit choice (#15.7): until the reader chooses, a plan's pages and forms start in the plan's
// unit and the page-wide switch shows that unit; choosing on the switch or in the report form's own
// unit field is remembered, and every page and form follows it.
const UNIT_VALUE: Record<string, string> = { 亿元: "yi", 万元: "wan" };
const other = (label: string) => (label === "亿元" ? "万元" : "亿元");
const switchPressed = (page: Page) => page.getByRole("form", { name: "金额单位" }).getByRole("button", { pressed: true });

test("the page switch, the report form and the grid follow one money-unit choice", async ({ page }) => {
  await signIn(page, "yy-junshan");
  await page.goto("/desk");
  const hrefs = await page.locator('a[href^="/projects/"], a[href^="/desk/grid?plan="]').evaluateAll((links) => links.map((a) => a.getAttribute("href") ?? ""));
  const project = hrefs.map((h) => /^\/projects\/\d+/.exec(h)?.[0]).find(Boolean)!;
  const grid = hrefs.find((h) => h.startsWith("/desk/grid?plan="))!;

  // No choice yet: the form starts in the unit the switch shows (the plan's).
  await page.goto(`${project}/report`);
  const form = page.getByTestId("report-form");
  const unitField = form.getByRole("combobox", { name: "金额单位" });
  const first = (await switchPressed(page).textContent())!.trim();
  await expect(unitField).toHaveValue(UNIT_VALUE[first]);

  // The page switch: the form follows.
  await page
    .getByRole("form", { name: "金额单位" })
    .getByRole("button", { name: other(first), exact: true })
    .click();
  await expect(switchPressed(page)).toHaveText(other(first));
  await expect(unitField).toHaveValue(UNIT_VALUE[other(first)]);

  // The form's own unit field is a choice too: the grid and the switch follow it.
  await unitField.selectOption(UNIT_VALUE[first]);
  await page.goto(grid);
  await expect(page.getByRole("main").getByText(`金额单位：${first}`)).toBeVisible();
  await expect(switchPressed(page)).toHaveText(first);
});

test("the switch works before the page's script has loaded: the page comes back in the chosen unit", async ({ page }) => {
  await signIn(page, "finance");
  // The page as a browser shows it before any script runs: its HTML only.
  await page.route("**/_next/static/**/*.js", (route) => route.abort());
  await page.goto("/plans");
  const first = (await switchPressed(page).textContent())!.trim();
  await page
    .getByRole("form", { name: "金额单位" })
    .getByRole("button", { name: other(first), exact: true })
    .click();
  await expect(switchPressed(page)).toHaveText(other(first));
  expect((await page.context().cookies()).find((c) => c.name === "money-unit")?.value).toBe(UNIT_VALUE[other(first)]);
});
