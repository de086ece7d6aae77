import AxeBuilder from "@axe-core/playwright";
import { expect, test, type Browser, type Page } from "@playwright/test";
import { signIn } from "./helpers";

// GB/T 37668 follows WCAG 2.1 AA: axe runs those rules on every page of the app (`find app -name
// page.tsx`), signed in as each role, with real ids from the seeded data, and no violation of serious
// or critical impact may remain. Pages a role may not open are scanned too (their refusal is a page).
const WCAG_TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"];
// 岳阳楼区's officer and a period no other journey files (the grid journeys use 君山区 in 2022-06).
const OFFICER = "yy-yueyanglou";
const PERIOD = "2022-05";

type Ids = { plan: number; indicator: number; project: number; report: number; importId: number; user: number };

async function hrefId(page: Page, pattern: RegExp) {
  const hrefs = await page.locator("a[href]").evaluateAll((as) => as.map((a) => a.getAttribute("href") ?? ""));
  const match = hrefs.map((h) => pattern.exec(h)).find(Boolean);
  expect(match, `a link matching ${pattern} on ${page.url()}`).toBeTruthy();
  return Number(match![1]);
}

// Real records for every [id] page: an officer files a report (so the review desk and a report page
// have one), an administrator uploads a project list (an import preview).
async function prepare(browser: Browser): Promise<Ids> {
  const ctx = await browser.newContext();
  const page = await ctx.newPage();
  await signIn(page, OFFICER);
  await page.goto("/desk");
  const project = await hrefId(page, /^\/projects\/(\d+)(?:$|\?)/);
  await page.goto(`/projects/${project}/report?period=${PERIOD}`);
  // Once per run: a worker restarted after a failed test finds the report already filed.
  const submit = page.getByRole("button", { name: "保存并提交审核" });
  if (await submit.count()) {
    await page.getByLabel(/本期完成投资/).fill("0.5");
    await page.getByLabel(/形象进度（%）/).fill("40");
    const reason = page.getByLabel(/本期不在项目建设期内/);
    if (await reason.count()) await reason.fill("前期工作延续");
    await submit.click();
    // Saved: back on the project page, or still on the form when it warns (e.g. over the total).
    await expect(async () => {
      expect(/\/projects\/\d+$/.test(page.url()) || (await page.getByText("已保存并提交审核").count()) > 0).toBe(true);
    }).toPass();
  }
  await ctx.close();

  const admin = await browser.newContext();
  const a = await admin.newPage();
  await signIn(a, "admin");
  await a.goto("/plans");
  await a
    .getByRole("link", { name: /健康岳阳/ })
    .first()
    .click();
  await a.waitForURL(/\/plans\/\d+$/);
  const plan = Number(/\/plans\/(\d+)$/.exec(a.url())![1]);
  await a.goto(`/plans/${plan}/indicators`);
  const indicator = await hrefId(a, /^\/plans\/\d+\/indicators\/(\d+)/);
  await a.goto("/review");
  const report = await hrefId(a, /^\/reports\/(\d+)/);
  await a.goto("/admin/users");
  const user = await hrefId(a, /^\/admin\/users\/(\d+)/);
  await a.goto("/imports");
  const form = a.getByTestId("import-form");
  await form.locator('select[name="planId"]').selectOption({ label: "健康岳阳“十四五”发展规划" });
  const csv =
    "单位,项目类别,项目名称,建设周期,总投资（亿元）\r\n经开区,医院,经开区无障碍检查楼（A11Y）,2024-2026,1.25\r\n火星县,医院,火星县人民医院,2021-2025,3\r\n";
  await form.locator('input[name="file"]').setInputFiles({ name: "项目清单.csv", mimeType: "text/csv", buffer: Buffer.from(csv) });
  await form.getByRole("button", { name: "上传并预览" }).click();
  await a.waitForURL(/\/imports\/\d+/);
  const importId = Number(/\/imports\/(\d+)/.exec(a.url())![1]);
  await admin.close();
  return { plan, indicator, project, report, importId, user };
}

function pagesOf(ids: Ids) {
  const { plan, indicator, project, report, importId, user } = ids;
  return [
    "/plans",
    "/plans/new",
    `/plans/${plan}`,
    `/plans/${plan}/indicators`,
    `/plans/${plan}/indicators/${indicator}`,
    `/plans/${plan}/reporting`,
    `/plans/${plan}/settings`,
    `/plans/${plan}/warnings`,
    `/plans/${plan}/document`,
    `/plans/${plan}/carry-over`,
    "/finance",
    `/finance/${plan}`,
    `/finance/${plan}/projects`,
    `/finance/${plan}/timeline`,
    "/projects",
    "/projects/new",
    `/projects/${project}`,
    `/projects/${project}/edit`,
    `/projects/${project}/entry`,
    `/projects/${project}/milestones`,
    `/projects/${project}/report?period=${PERIOD}`,
    `/projects/${project}/withdraw`,
    `/reports/${report}`,
    "/review",
    "/desk",
    `/desk/grid?plan=${plan}&period=${PERIOD}`,
    "/imports",
    `/imports/${importId}`,
    "/notices",
    "/admin/users",
    "/admin/users/new",
    `/admin/users/${user}`,
    "/admin/tokens",
    "/admin/audit",
    "/account/password",
  ];
}

type Found = { url: string; id: string; impact: string; help: string; nodes: string[] };

async function scan(page: Page, url: string): Promise<Found[]> {
  const response = await page.goto(url);
  expect(response?.status(), `${url} answers`).toBeLessThan(500);
  // The dashboard's charts load their code after the page: wait for them to be drawn.
  if (url.startsWith("/finance/")) await page.waitForLoadState("networkidle");
  const result = await new AxeBuilder({ page }).withTags(WCAG_TAGS).analyze();
  return result.violations
    .filter((v) => v.impact === "serious" || v.impact === "critical")
    .map((v) => ({
      url,
      id: v.id,
      impact: v.impact!,
      help: v.help,
      nodes: v.nodes.map((n) => `${n.target.join(" ")}\n        ${(n.failureSummary ?? "").replace(/\n/g, "\n        ")}`),
    }));
}

function readable(found: Found[]) {
  return found.map((f) => `${f.url} — ${f.id} (${f.impact}): ${f.help}\n${f.nodes.map((n) => `    • ${n}`).join("\n")}`).join("\n\n");
}

let ids: Ids;

test.beforeAll(async ({ browser }) => {
  test.setTimeout(180_000);
  ids = await prepare(browser);
});

test("the sign-in page has no serious or critical accessibility violations", async ({ page }) => {
  const found = await scan(page, "/login");
  expect(found, readable(found)).toEqual([]);
});

for (const username of ["admin", "finance", OFFICER, "viewer"]) {
  test(`every page, signed in as ${username}, has no serious or critical accessibility violations (WCAG 2.1 A/AA)`, async ({ page }) => {
    test.setTimeout(900_000);
    await signIn(page, username);
    const found: Found[] = [];
    for (const url of pagesOf(ids)) found.push(...(await scan(page, url)));
    expect(found, readable(found)).toEqual([]);
  });
}

test("the dashboard's charts are named images, drawn with textures besides hue, each with a 数据表 of the same figures", async ({ page }) => {
  await signIn(page, "finance");
  await page.goto(`/finance/${ids.plan}`);
  const chart = page.getByTestId("unit-chart");
  await expect(chart.getByRole("img", { name: /各单位投资（按类别堆叠）/ })).toBeVisible();
  // Stacked categories are filled with patterns (colour + texture), not flat colours.
  const fills = await chart.locator(".recharts-bar-rectangle path").evaluateAll((ps) => [...new Set(ps.map((p) => p.getAttribute("fill")))]);
  expect(fills.length).toBeGreaterThan(1);
  for (const f of fills) expect(f).toMatch(/^url\(#/);
  await chart.getByText(/^数据表/).click();
  const chartTotals = await chart
    .getByTestId("unit-chart-table")
    .locator("tbody tr")
    .evaluateAll((rows) =>
      rows.map((r) => [r.querySelector("th")!.textContent!.trim(), r.querySelector("td:last-child [data-wan]")?.getAttribute("data-wan") ?? ""]),
    );
  // The same total per unit as the units table (unknown: "" on both sides).
  const tableTotals = new Map(
    await page
      .getByTestId("units-table")
      .getByTestId("group-row")
      .evaluateAll((rows) =>
        rows.map((r) => [r.getAttribute("data-name"), r.querySelector('td[data-col="totalWan"] [data-wan]')?.getAttribute("data-wan") ?? ""]),
      ),
  );
  expect(chartTotals.length).toBeGreaterThan(1);
  for (const [name, wan] of chartTotals) expect(tableTotals.get(name), name!).toBe(wan);
  await expect(page.getByTestId("trend-chart").getByRole("img", { name: /完成投资/ })).toBeVisible();
  await page
    .getByTestId("trend-chart")
    .getByText(/^数据表/)
    .click();
  await expect(page.getByTestId("trend-table").locator("tbody tr")).not.toHaveCount(0);
  await page.screenshot({ path: "test-results/screens/a11y-dashboard-charts.png", fullPage: true });
});
