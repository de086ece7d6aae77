import { expect, test, type Page } from "@playwright/test";
import { signIn } from "./helpers";

// #16 item 3: at a 1366 px laptop and at 200 % zoom of it (a 683 px wide viewport at device scale 2, as
// Chromium lays out a zoomed page) no page is wider than the window: wide tables scroll inside their
// own box, grids of figures collapse. The dashboard was 1,409 px in 1,366 and 2,042 px at 200 %.
const SIZES = [
  { name: "1366", viewport: { width: 1366, height: 768 }, deviceScaleFactor: 1 },
  { name: "200pct", viewport: { width: 683, height: 384 }, deviceScaleFactor: 2 },
];

async function widthOf(page: Page, path: string, shotName: string) {
  await page.goto(path);
  await expect(page.locator("main h1").first()).toBeVisible();
  await page.screenshot({ path: `test-results/screens/zoom/${shotName}.png`, fullPage: true });
  return page.evaluate(() => ({ scrollWidth: document.documentElement.scrollWidth, innerWidth: window.innerWidth }));
}

test("the dashboard, plan pages, a project page and the plans list fit at 1366 px and at 200 % zoom", async ({ browser }) => {
  test.setTimeout(300_000);
  for (const size of SIZES) {
    const context = await browser.newContext({ viewport: size.viewport, deviceScaleFactor: size.deviceScaleFactor });
    const page = await context.newPage();
    await signIn(page, "finance");
    await page.goto("/plans");
    const plans = [
      ...new Set(
        (await page.locator('main a[href^="/plans/"]').evaluateAll((as) => as.map((a) => a.getAttribute("href")!)))
          .map((h) => /^\/plans\/\d+/.exec(h)?.[0])
          .filter(Boolean),
      ),
    ] as string[];
    expect(plans.length).toBeGreaterThanOrEqual(5);
    await page.goto(`${plans[0]}`);
    const project = (await page.goto(`/projects?plan=${plans[0].split("/")[2]}`),
    await page.getByTestId("project-table").locator('a[href^="/projects/"]').first().getAttribute("href"))!;
    const paths: [string, string][] = [
      ["/plans", "plans"],
      [project, "project"],
      ...plans.flatMap((p): [string, string][] => {
        const id = p.split("/")[2];
        return [
          [`/finance/${id}`, `dashboard-${id}`],
          [`/plans/${id}`, `plan-${id}`],
        ];
      }),
    ];
    for (const [path, name] of paths) {
      const { scrollWidth, innerWidth } = await widthOf(page, path, `${name}-${size.name}`);
      expect.soft(scrollWidth, `${path} at ${size.name}: ${scrollWidth} px in a ${innerWidth} px window`).toBeLessThanOrEqual(innerWidth);
    }
    await context.close();
  }
});

test("the skip link is the first thing the keyboard reaches and moves focus to the page's content", async ({ page }) => {
  await signIn(page, "yy-pingjiang");
  await page.goto("/projects");
  await page.keyboard.press("Tab");
  const skip = page.getByRole("link", { name: "跳到正文" });
  await expect(skip).toBeFocused();
  await expect(skip).toBeInViewport();
  await page.keyboard.press("Enter");
  await expect(page.locator("main#main")).toBeFocused();
  // The next Tab lands inside the page's content, past the menu.
  await page.keyboard.press("Tab");
  expect(await page.evaluate(() => !!document.activeElement?.closest("main"))).toBe(true);
});
