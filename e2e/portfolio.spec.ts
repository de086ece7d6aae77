import fs from "node:fs";
import { expect, test, type Browser, type Page } from "@playwright/test";
import { Decimal } from "decimal.js";
import { shot, chooseMoneyUnit, signIn } from "./helpers";

// Issue #12: a new plan (十五五) is set up, four unfinished 岳阳 projects are carried into it, an officer
// of the new plan adds a project that is admitted, reports on it, and finance sees the carried and the
// new projects together on the new plan's dashboard and in its 调度表.
const TITLE = "岳阳市卫生健康事业发展“十五五”规划";
const SOURCE = "健康岳阳“十四五”发展规划";
const UNITS = ["市本级", "平江县", "华容县"];
const CATEGORIES = ["医院", "公卫机构"];
// Unfinished 岳阳 projects without sub-projects, none of them touched by the other specs.
const CARRIED = [
  { name: "市中心医院建设", unit: "市本级" },
  { name: "中医医院整体搬迁及医养中心建设项目", unit: "平江县" },
  { name: "妇女儿童医院建设项目", unit: "平江县" },
  { name: "职业病防治中心建设", unit: "华容县" },
];
const REPORTED = CARRIED[1].name; // has an approved report under the old plan before the cut-over
const BEFORE_CUTOVER = "2025-12";
const CARRIED_DONE_WAN = "3000";
const NEW_PROJECT = "平江县人民医院发热门诊改造项目";
const NEW_DONE_WAN = "500";
const MOBILE = { width: 390, height: 844 };

async function signedIn(browser: Browser, username: string) {
  const context = await browser.newContext();
  const page = await context.newPage();
  await signIn(page, username);
  return page;
}

// The officer files a report for one period (amounts in 万元) and submits it for review.
async function fileReport(page: Page, projectId: number, period: string, doneWan: string) {
  await page.goto(`/projects/${projectId}/report?period=${period}`);
  const form = page.getByTestId("report-form");
  await expect(form.getByRole("combobox", { name: "金额单位" })).toHaveValue("wan");
  await form.getByLabel(/本期完成投资/).fill(doneWan);
  await form.getByLabel(/形象进度（%）/).fill("20");
  const outside = form.getByLabel(/不在项目建设期内/);
  if (await outside.count()) await outside.fill("跨期续建");
  await form.getByRole("button", { name: "保存并提交审核" }).click();
  await page.waitForURL(new RegExp(`/projects/${projectId}$`));
}

// Finance approves a submitted report from its page (opened from the review desk).
async function approveReport(finance: Page, projectName: string, period: string) {
  await finance.goto("/review");
  const row = finance
    .getByTestId("review-table")
    .locator("tr", { hasText: projectName })
    .filter({ hasText: periodText(period) });
  await row.getByTestId("open-report").click();
  await finance.getByTestId("report-decision").getByRole("button", { name: "审核通过" }).click();
  await expect(finance.getByTestId("review-message")).toContainText("已审核通过");
}

const periodText = (period: string) => `${period.slice(0, 4)}年${Number(period.slice(5))}月`;
const projectIdOf = (page: Page) => Number(new URL(page.url()).pathname.split("/").pop());

test("a new 十五五 plan: units and categories, four 岳阳 projects carried over, an officer's project admitted and reported, finance sees all five", async ({
  page,
  browser,
}) => {
  test.setTimeout(180_000);
  const officer = await signedIn(browser, "yy-pingjiang");
  await chooseMoneyUnit(officer, "wan"); // the officer types 万元
  const finance = await signedIn(browser, "finance");

  // 0. Under the old plan, before the cut-over: an approved report of one project to be carried.
  await officer.goto("/desk");
  await officer.getByTestId("desk-table").getByRole("link", { name: REPORTED, exact: true }).click();
  await officer.waitForURL(/\/projects\/\d+$/);
  await fileReport(officer, projectIdOf(officer), BEFORE_CUTOVER, CARRIED_DONE_WAN);
  await approveReport(finance, REPORTED, BEFORE_CUTOVER);

  // 1. The admin creates the plan: 规划 → 新建规划.
  await signIn(page, "admin");
  await page.goto("/plans");
  await page.getByTestId("new-plan").click();
  await page.waitForURL(/\/plans\/new$/);
  const create = page.getByTestId("plan-create-form");
  await create.getByLabel("规划名称").fill(TITLE);
  await create.getByLabel("层级").selectOption({ label: "市级" });
  await create.getByRole("combobox", { name: "地区", exact: true }).selectOption({ label: "岳阳市（市）" });
  await create.getByLabel("规划期起始年").fill("2026");
  await create.getByLabel("规划期结束年").fill("2030");
  await create.getByLabel("填报周期").selectOption({ label: "按月" });
  await create.getByLabel("默认金额单位").selectOption({ label: "万元" });
  await shot(page, "portfolio-plan-new");
  await create.getByRole("button", { name: "创建规划" }).click();

  // 2. Its settings page: three units, the two categories the carried projects need.
  await page.waitForURL(/\/plans\/\d+\/settings$/);
  const planId = Number(new URL(page.url()).pathname.split("/")[2]);
  await expect(page.getByRole("heading", { level: 1 })).toContainText(TITLE);
  const unitForm = page.getByTestId("unit-create-form");
  for (const name of UNITS) {
    await unitForm.getByLabel("单位名称").fill(name);
    await unitForm.getByRole("button", { name: "新增单位" }).click();
    await expect(page.getByTestId("units-table").locator(`tr[data-name="${name}"]`)).toBeVisible();
  }
  const sectionForm = page.getByTestId("section-create-form");
  for (const title of CATEGORIES) {
    await sectionForm.getByLabel("类型").selectOption("CATEGORY");
    await sectionForm.getByLabel("名称", { exact: true }).fill(title);
    await sectionForm.getByRole("button", { name: "新增专栏/类别" }).click();
    await expect(page.getByTestId("sections-table").locator(`tr[data-title="${title}"]`)).toBeVisible();
  }
  await expect(page.getByTestId("units-table").locator("tbody tr")).toHaveCount(UNITS.length);
  await shot(page, "portfolio-plan-settings");

  // 3. Plan page → 结转续建项目: four unfinished 岳阳 projects, same-name units and categories preselected.
  await page.goto(`/plans/${planId}`);
  await page.getByTestId("plan-carry-over-link").click();
  await page.waitForURL(new RegExp(`/plans/${planId}/carry-over`));
  const filter = page.getByTestId("carry-over-filter");
  await filter.getByLabel("来源规划").selectOption({ label: `${SOURCE}（2021–2025）` });
  await filter.getByRole("button", { name: "筛选" }).click();
  await page.waitForURL(/from=\d+/);
  const candidates = page.getByTestId("carry-over-projects");
  for (const p of CARRIED) await candidates.getByLabel(`选择 ${p.name}`, { exact: true }).check();
  const carry = page.getByTestId("carry-over-form");
  for (const name of UNITS) await expect(carry.getByLabel(`${name} 对应`, { exact: true }).locator("option:checked")).toHaveText(name);
  for (const title of CATEGORIES) await expect(carry.getByLabel(`${title} 对应`, { exact: true }).locator("option:checked")).toHaveText(title);
  await carry.getByLabel("切换期次").fill("2026-01");
  await shot(page, "portfolio-carry-over");
  await carry.getByRole("button", { name: `结转（${CARRIED.length}）` }).click();
  await expect(page.getByTestId("confirm-carry-over")).toContainText(`确认将以下 ${CARRIED.length} 个项目自 2026-01 起转入「${TITLE}」续建`);
  await page.getByTestId("confirm-carry-over").getByRole("button", { name: "确认结转" }).click();
  await expect(page.getByTestId("carry-over-message")).toContainText(`已结转 ${CARRIED.length} 个项目`);
  // Carried projects leave the candidate list.
  await expect(candidates.getByLabel(`选择 ${REPORTED}`, { exact: true })).toHaveCount(0);

  // 4. 用户 → yy-pingjiang → the new plan's 平江县 (besides the old plan's).
  await page.getByRole("navigation").getByRole("link", { name: "用户" }).click();
  await page.getByTestId("users-table").getByRole("link", { name: "yy-pingjiang", exact: true }).click();
  await page.getByRole("group", { name: TITLE }).getByRole("checkbox", { name: "平江县", exact: true }).check();
  await page.getByLabel("修改说明（可选）").fill("负责“十五五”规划平江县项目");
  await page.getByTestId("user-form").getByRole("button", { name: "保存" }).click();
  await expect(page.getByTestId("user-form")).toContainText("已保存。");

  // 5. The officer (signed in again: a change of units ends sessions) adds a project: it enters as 申报.
  await signIn(officer, "yy-pingjiang");
  await officer.goto("/projects/new");
  await officer.getByTestId("entry-plan").getByLabel("规划").selectOption({ label: TITLE });
  await officer.getByTestId("entry-plan").getByRole("button", { name: "选择" }).click();
  const entry = officer.getByTestId("project-entry-form");
  await expect(entry.getByLabel("填报单位").locator("option:checked")).toHaveText("平江县");
  await shot(officer, "portfolio-project-new");
  await officer.setViewportSize(MOBILE);
  await entry.getByLabel("专栏/类别").selectOption({ label: "医院" });
  await entry.getByLabel("项目名称").fill(NEW_PROJECT);
  await entry.getByLabel("建设单位").fill("平江县人民医院");
  await entry.getByLabel("建设性质").selectOption({ label: "新建" });
  await entry.getByLabel("开工年份").fill("2026");
  await entry.getByLabel("完工年份").fill("2027");
  await entry.getByLabel("金额单位").selectOption({ label: "万元" });
  await entry.getByLabel("总投资", { exact: true }).fill("5000");
  await entry.getByLabel("中央", { exact: true }).fill("2000");
  await entry.getByLabel("市县", { exact: true }).fill("1000");
  await entry.getByLabel("专项债", { exact: true }).fill("2000");
  await entry.getByLabel("建设内容及规模").fill("改造发热门诊 1200 平方米，购置负压救护及检验设备 60 台（套）。");
  await expect(entry.getByTestId("funding-warning")).toHaveCount(0);
  await shot(officer, "portfolio-project-new-mobile");
  await entry.getByRole("button", { name: "提交申报" }).click();
  await officer.waitForURL(/\/projects\/\d+$/);
  const newId = projectIdOf(officer);
  await expect(officer.getByTestId("admission-banner")).toContainText("申报中");
  await expect(officer.getByTestId("source-entered")).toContainText("平江县项目专干");
  // Not admitted yet: no report to file, and the page says so.
  await expect(officer.getByTestId("file-report")).toHaveCount(0);
  await expect(officer.getByTestId("report-after-admission")).toBeVisible();
  await shot(officer, "portfolio-project-proposed-mobile");

  // 6. The admin admits it on the review desk (入库申报).
  await page.goto("/review");
  const admission = page.getByTestId("admission-table");
  await admission.getByLabel(`选择 ${NEW_PROJECT}（平江县）`).check();
  await shot(page, "portfolio-review-admission");
  await admission.getByRole("button", { name: /审核通过/ }).click();
  await expect(admission.getByTestId("confirm-approve")).toContainText(NEW_PROJECT);
  await admission.getByRole("button", { name: "确认通过" }).click();
  await expect(admission.getByTestId("review-message")).toContainText("已审核通过 1 项");

  // 7. The officer (still on a phone) files the current period's report for it from the project page.
  await officer.goto(`/projects/${newId}`);
  await expect(officer.getByTestId("admission-banner")).toHaveCount(0);
  const period = new URL((await officer.getByTestId("file-report").getAttribute("href"))!, "http://x").searchParams.get("period")!;
  await officer.getByTestId("file-report").click();
  await officer.waitForURL(/\/report\?period=/);
  await officer
    .getByTestId("report-form")
    .getByLabel(/本期完成投资/)
    .fill(NEW_DONE_WAN);
  const outside = officer.getByLabel(/不在项目建设期内/);
  if (await outside.count()) await outside.fill("提前开工");
  await shot(officer, "portfolio-report-mobile");
  await officer.getByRole("button", { name: "保存并提交审核" }).click();
  await officer.waitForURL(new RegExp(`/projects/${newId}$`));
  await expect(officer.getByTestId("report-history")).toContainText("已提交");
  await shot(officer, "portfolio-project-reported-mobile");

  // 8. Finance approves it and opens the new plan's dashboard: five projects, 累计完成 carried on.
  await approveReport(finance, NEW_PROJECT, period);
  await finance.goto(`/finance/${planId}?period=${period}`);
  await expect(finance.getByTestId("dashboard-title")).toContainText(TITLE);
  await expect(finance.getByTestId("total-projects")).toContainText(String(CARRIED.length + 1));
  const toDate = new Decimal(CARRIED_DONE_WAN).plus(NEW_DONE_WAN);
  const shownToDate = await finance.getByTestId("total-to-date").locator("[data-wan]").getAttribute("data-wan");
  expect(new Decimal(shownToDate!).eq(toDate)).toBe(true);
  await shot(finance, "portfolio-dashboard");

  // The API's unit rows: the same figures; 平江县's 累计完成 = the old plan's 2025-12 amount + the new report.
  const api = await (await finance.request.get(`/api/v1/rollups?plan=${planId}&by=unit&period=${period}`)).json();
  type UnitRow = { name: string; projectCount: number; completedToDateWan: string | null };
  const rows: UnitRow[] = api.rows;
  expect(rows.map((r) => r.name).sort()).toEqual([...UNITS].sort());
  const row = (name: string) => rows.find((r) => r.name === name)!;
  for (const name of UNITS) expect(row(name).projectCount, name).toBe(CARRIED.filter((p) => p.unit === name).length + (name === "平江县" ? 1 : 0));
  expect(new Decimal(row("平江县").completedToDateWan!).eq(toDate)).toBe(true);
  const sum = rows.reduce((s, r) => s.plus(r.completedToDateWan ?? 0), new Decimal(0));
  expect(sum.eq(toDate)).toBe(true);
  const units = finance.getByTestId("units-table");
  for (const r of rows) await expect(units.locator(`tbody tr[data-name="${r.name}"] td[data-col="projectCount"]`)).toHaveText(String(r.projectCount));

  // The carried project's page in the new plan: its 累计完成 continues from the old plan.
  await finance.goto(`/projects?plan=${planId}`);
  await finance.getByTestId("project-table").getByRole("link", { name: REPORTED, exact: true }).click();
  await expect(finance.getByTestId("source-carried")).toContainText(SOURCE);
  const cumulative = await finance.getByTestId("project-figures").locator("[data-wan]").first().getAttribute("data-wan");
  expect(new Decimal(cumulative!).eq(CARRIED_DONE_WAN)).toBe(true);

  // 9. The new plan's 调度表: plan page → export panel; five projects counted.
  await finance.goto(`/plans/${planId}`);
  const panel = finance.getByTestId("export-panel");
  await panel.locator('select[name="period"]').selectOption(period);
  await shot(finance, "portfolio-plan-export");
  const [response, download] = await Promise.all([
    finance.waitForResponse((r) => r.url().includes("/api/v1/exports/schedule")),
    finance.waitForEvent("download"),
    panel.getByTestId("export-schedule").click(),
  ]);
  expect(response.headers()["x-project-count"]).toBe(String(CARRIED.length + 1));
  expect(download.suggestedFilename()).toBe(`${TITLE}-调度表-全部单位-${period}.xlsx`);
  expect(
    fs
      .readFileSync((await download.path())!)
      .subarray(0, 2)
      .toString(),
  ).toBe("PK");

  await officer.context().close();
  await finance.context().close();
});
