import { expect, test, type Browser, type Page } from "@playwright/test";
import { signIn } from "./helpers";

// #15 item 3: every page a county officer uses (and the reviewer's desk) works on a phone from 320 to
// 414 px wide: nothing makes the page wider than the screen (wide tables scroll inside their own box
// or become one card per record), and the header leaves the screen to the page.
const PHONES = [
  { name: "390", viewport: { width: 390, height: 844 } },
  { name: "320", viewport: { width: 320, height: 640 } },
];

async function phonePage(browser: Browser, username: string, viewport: { width: number; height: number }) {
  const context = await browser.newContext({ viewport });
  const page = await context.newPage();
  await signIn(page, username);
  return page;
}

// The page as the phone shows it: a full-page screenshot to look at, and no sideways scrolling.
async function fits(page: Page, shotName: string) {
  await page.screenshot({ path: `test-results/screens/phones/${shotName}.png`, fullPage: true });
  const { scrollWidth, innerWidth } = await page.evaluate(() => ({ scrollWidth: document.documentElement.scrollWidth, innerWidth: window.innerWidth }));
  expect.soft(scrollWidth, `${shotName}: the page is ${scrollWidth} px wide in a ${innerWidth} px screen`).toBeLessThanOrEqual(innerWidth);
}

async function visit(page: Page, path: string, shotName: string) {
  const response = await page.goto(path);
  expect.soft(response?.status(), `${path} answers`).toBeLessThan(400);
  await expect(page.locator("main h1").first()).toBeVisible();
  await fits(page, shotName);
}

// One submitted report of the officer's first project (through the report API, as the form does), so
// the reviewer's desk and the report page have something to show.
async function submittedReport(page: Page) {
  await page.goto("/desk");
  const href = (await page.getByTestId("desk-table").locator('a[href^="/projects/"]').first().getAttribute("href"))!;
  const projectId = Number(/^\/projects\/(\d+)/.exec(href)![1]);
  const grid = (await page.getByTestId("open-grid").first().getAttribute("href"))!;
  const current = new URL(grid, "http://x").searchParams.get("period")!;
  const period = /Q/.test(current) ? "2023-Q3" : "2023-09";
  const response = await page.request.post("/api/v1/reports", {
    data: {
      projectId,
      period,
      moneyUnit: "wan",
      completedAmount: "12.5",
      progressPercent: "40",
      progressText: "主体结构施工中，三层楼面浇筑完成",
      problems: "雨季影响室外作业",
      outOfPeriodReason: "补报",
      submit: true,
    },
  });
  expect(response.status(), await response.text()).toBe(200);
  const saved = (await response.json()) as { id: number; status: string };
  expect(saved.status).toBe("SUBMITTED");
  return { projectId, reportId: saved.id, grid };
}

test("a county officer's pages and the reviewer's desk fit a phone at 390 and 320 px", async ({ browser }) => {
  test.setTimeout(300_000);
  const setup = await phonePage(browser, "yy-pingjiang", PHONES[0].viewport);
  const { projectId, reportId, grid } = await submittedReport(setup);
  await setup.goto("/plans");
  const planHref = (await setup.locator('main a[href^="/plans/"]').first().getAttribute("href"))!;
  const planId = /^\/plans\/(\d+)/.exec(planHref)![1];
  await setup.context().close();

  const officerPages: [string, string][] = [
    ["/desk", "desk"],
    [grid, "grid"],
    ["/projects", "projects"],
    [`/projects/${projectId}`, "project"],
    [`/projects/${projectId}/milestones`, "milestones"],
    [`/projects/${projectId}/report`, "report-form"],
    [`/projects/${projectId}/edit`, "project-edit"],
    ["/projects/new", "project-new"],
    ["/notices", "notices"],
    ["/plans", "plans"],
    [`/plans/${planId}`, "plan"],
    [`/finance/${planId}`, "dashboard"],
    [`/reports/${reportId}`, "report-officer"],
    ["/account/password", "password"],
  ];
  for (const phone of PHONES) {
    const officer = await phonePage(browser, "yy-pingjiang", phone.viewport);
    // The header is one line: at 320 × 640 it leaves the screen to the page (it took 136 px before).
    await officer.goto("/desk");
    const header = (await officer.locator("header").boundingBox())!;
    expect(header.height, `header height at ${phone.name}`).toBeLessThanOrEqual(56);
    await expect(officer.getByTestId("current-user")).toBeVisible();
    await expect(officer.getByTestId("notices-link")).toBeVisible();
    // The menu opens over the page with every link, 修改密码 and 退出; a link closes it again.
    const menu = officer.getByTestId("mobile-menu");
    await menu.getByText("菜单").click();
    await expect(menu.getByRole("link", { name: "项目", exact: true })).toBeInViewport();
    await expect(menu.getByRole("link", { name: "修改密码" })).toBeInViewport();
    await expect(menu.getByRole("button", { name: "退出" })).toBeInViewport();
    await fits(officer, `menu-${phone.name}`);
    await menu.getByRole("link", { name: "项目", exact: true }).click();
    await officer.waitForURL(/\/projects$/);
    await expect(menu.getByRole("link", { name: "项目", exact: true })).toBeHidden();

    for (const [path, name] of officerPages) await visit(officer, path, `${name}-${phone.name}`);
    // Project lists are one card per project on a phone: the status is on screen without scrolling.
    await officer.goto("/projects");
    const card = officer.getByTestId("project-table").locator("tbody tr").first();
    await card.scrollIntoViewIfNeeded();
    await expect(card.locator("td").last()).toBeInViewport();
    const [cardBox, statusBox] = [(await card.boundingBox())!, (await card.locator("td").last().boundingBox())!];
    expect(cardBox.width).toBeLessThanOrEqual(phone.viewport.width);
    expect(statusBox.x + statusBox.width).toBeLessThanOrEqual(phone.viewport.width);
    await officer.context().close();

    const reviewer = await phonePage(browser, "finance", phone.viewport);
    // The reviewer's queue keeps readable columns and scrolls inside its own box instead.
    await visit(reviewer, "/review", `review-${phone.name}`);
    const queue = reviewer.getByTestId("review-table");
    await expect(queue.getByRole("link", { name: "查看全部" }).first()).toBeAttached();
    const name = (await queue.locator("tbody tr").first().locator('a[href^="/projects/"]').boundingBox())!;
    expect(name.width, "the project name column is not squeezed to a character a line").toBeGreaterThanOrEqual(100);
    await visit(reviewer, `/reports/${reportId}`, `report-review-${phone.name}`);
    // The decision buttons are reachable on the phone.
    await expect(reviewer.getByRole("button", { name: /审核通过/ })).toBeVisible();
    await reviewer.context().close();
  }
});
