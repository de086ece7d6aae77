import { execFileSync } from "node:child_process";
import fs from "node:fs";
import { expect, test, type Locator, type Page } from "@playwright/test";
import { signIn } from "./helpers";

// #16 item 4: printing. The project page prints on A4 portrait and the dashboard on A4 landscape,
// without the menu, forms or buttons; the money unit is printed as text (the 亿元/万元 switch is not
// printed); the printed figures are those on the screen. Checked on the PDF's text (poppler-utils).
const OUT = "test-results/print";

async function printed(page: Page, name: string) {
  fs.mkdirSync(OUT, { recursive: true });
  const pdf = `${OUT}/${name}.pdf`;
  await page.pdf({ path: pdf, preferCSSPageSize: true });
  // A picture of the first page, to look at.
  execFileSync("pdftoppm", ["-png", "-r", "50", "-f", "1", "-l", "1", pdf, `${OUT}/${name}`]);
  const text = execFileSync("pdftotext", ["-layout", pdf, "-"], { encoding: "utf8" });
  fs.writeFileSync(`${OUT}/${name}.txt`, text);
  const info = execFileSync("pdfinfo", [pdf], { encoding: "utf8" });
  const [, w, h] = /Page size:\s+([\d.]+) x ([\d.]+) pts/.exec(info)!;
  // Compare without the layout's spaces and line breaks.
  return { raw: text, text: text.replace(/\s+/g, ""), width: Number(w), height: Number(h), pages: Number(/Pages:\s+(\d+)/.exec(info)![1]) };
}

// The figure a money element shows (without its unit), e.g. "12.3456".
const figure = async (money: Locator) => /-?[\d,]+(\.\d+)?/.exec(await money.innerText())![0];

// What only the header, the menu and the controls say.
const CHROME = ["修改密码", "报告审核", "跳到正文", "菜单", "财务审核员"];

async function inYi(page: Page) {
  const yi = page.getByRole("button", { name: "亿元", exact: true });
  if ((await yi.getAttribute("aria-pressed")) !== "true") await yi.click();
  await expect(yi).toHaveAttribute("aria-pressed", "true");
}

test("the dashboard prints on A4 landscape with the unit as text and the totals on the screen, without menu or controls", async ({ page }) => {
  await signIn(page, "finance");
  await page.goto("/finance");
  await page
    .getByTestId("finance-plans")
    .getByRole("link", { name: /健康岳阳/ })
    .click();
  await expect(page.getByTestId("dashboard-title")).toBeVisible();
  await inYi(page);
  const total = await figure(page.getByTestId("total-investment").locator("[data-wan]"));
  const tableTotal = await figure(page.getByTestId("units-table").getByTestId("group-total").locator('td[data-col="totalWan"] [data-wan]'));
  const units = await page
    .getByTestId("units-table")
    .getByTestId("group-row")
    .evaluateAll((rows) => rows.map((r) => r.getAttribute("data-name")!));

  const pdf = await printed(page, "dashboard");
  expect(pdf.width, "landscape: wider than tall").toBeGreaterThan(pdf.height);
  expect(Math.round(pdf.width)).toBe(842); // A4: 297 mm
  expect(pdf.text).toContain("金额单位：亿元");
  expect(pdf.text).toContain(`${total}亿元`);
  expect(pdf.text).toContain(tableTotal);
  for (const unit of units) expect(pdf.text, `the row of ${unit}`).toContain(unit);
  // Every page the units table reaches starts with its whole header, the unit in each money column
  // and the last column (序时进度差) not cut off at the page's edge.
  const tablePages = pdf.raw.split("\f").filter((p) => /开工率\s+投资完成率\s+资金到位率/.test(p));
  expect(tablePages.length).toBeGreaterThanOrEqual(1);
  for (const p of tablePages) {
    expect(p.match(/（亿元）/g)?.length ?? 0).toBeGreaterThanOrEqual(5);
    expect(p).toMatch(/累计完成率\s+序时进度差/);
  }
  // Column headers wrap after a few characters at most, never one character a line: laid out for
  // print at the landscape page's width (297 − 2 × 12 mm), no header is more than 4 lines tall.
  await page.setViewportSize({ width: 1032, height: 700 });
  await page.emulateMedia({ media: "print" });
  const lines = await page
    .getByTestId("units-table")
    .locator("thead th")
    .evaluateAll((ths) => ths.map((th) => Math.round(th.getBoundingClientRect().height / parseFloat(getComputedStyle(th).lineHeight))));
  expect(Math.max(...lines), `header lines: ${lines.join(" ")}`).toBeLessThanOrEqual(4);
  // … and the table fits the page: its last column (序时进度差) is not cut off at the edge.
  const table = (await page.getByTestId("units-table").boundingBox())!;
  expect(table.x + table.width).toBeLessThanOrEqual(1032);
  for (const word of [...CHROME, "点击表头排序", "含已报送", "金额单位亿元万元"]) expect(pdf.text, word).not.toContain(word);
});

test("a project page prints on A4 portrait with the unit in its money tables' headings and its figures as on the screen", async ({ page }) => {
  await signIn(page, "finance");
  await page.goto("/plans");
  await page
    .getByRole("link", { name: /健康岳阳/ })
    .first()
    .click();
  await page.waitForURL(/\/plans\/\d+$/);
  const planId = new URL(page.url()).pathname.split("/")[2];
  await page.goto(`/projects?plan=${planId}`);
  await inYi(page);
  // A project with a known total investment.
  const row = page
    .getByTestId("project-table")
    .locator("tbody tr")
    .filter({ has: page.locator("[data-wan]") })
    .first();
  await row.getByRole("link").first().click();
  await expect(page.getByTestId("project-name")).toBeVisible();
  const name = (await page.getByTestId("project-name").innerText()).trim();
  const total = await figure(page.locator("dl dd [data-wan]").first());
  await expect(page.getByTestId("annual-plan-form")).toBeVisible(); // a form on the screen, not on paper

  const pdf = await printed(page, "project");
  expect(pdf.height, "portrait: taller than wide").toBeGreaterThan(pdf.width);
  expect(Math.round(pdf.width)).toBe(595); // A4: 210 mm
  expect(pdf.text).toContain(name.replace(/\s+/g, ""));
  expect(pdf.text).toContain(`总投资${total}亿元`);
  expect(pdf.text).toContain("调度报告金额单位：亿元");
  expect(pdf.text).toContain("年度计划投资金额单位：亿元");
  for (const word of [...CHROME, "下达依据", "金额单位亿元万元"]) expect(pdf.text, word).not.toContain(word);
});
