import fs from "node:fs";
import { expect, test } from "@playwright/test";
import { shot, signIn } from "./helpers";

test("a reviewer downloads the 调度表 of the 岳阳 plan and the project list as CSV", async ({ page }) => {
  await signIn(page, "finance");
  await page.goto("/plans");
  await page.getByRole("link", { name: /健康岳阳/ }).click();
  const panel = page.getByTestId("export-panel");
  await expect(panel).toBeVisible();
  await panel.locator('select[name="unit"]').selectOption({ label: "平江县" });
  await shot(page, "export-panel");
  const [download] = await Promise.all([page.waitForEvent("download"), panel.getByTestId("export-schedule").click()]);
  expect(download.suggestedFilename()).toMatch(/^健康岳阳.*调度表-平江县-\d{4}-\d{2}\.xlsx$/);
  const file = fs.readFileSync((await download.path())!);
  expect(file.subarray(0, 2).toString()).toBe("PK");

  await page.getByRole("link", { name: /查看项目/ }).click();
  const [csv] = await Promise.all([page.waitForEvent("download"), page.getByTestId("csv-projects").click()]);
  expect(csv.suggestedFilename()).toMatch(/\.csv$/);
  const text = fs.readFileSync((await csv.path())!);
  expect([...text.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
  expect(text.toString("utf8")).toContain("项目编号,规划,单位");
});

test("an administrator uploads a project list: the preview shows a rejected row with its reason, then imports the rest", async ({ page }) => {
  await signIn(page, "admin");
  await page.getByRole("navigation").getByRole("link", { name: "导入" }).click();
  await expect(page.getByRole("heading", { level: 1 })).toHaveText("导入项目清单");
  const form = page.getByTestId("import-form");
  await form.locator('select[name="planId"]').selectOption({ label: "健康岳阳“十四五”发展规划" });
  const csv =
    "单位,项目类别,项目名称,建设周期,总投资（亿元）\r\n经开区,医院,经开区医院门诊楼（E2E）,2024-2026,1.25\r\n火星县,医院,火星县人民医院,2021-2025,3\r\n";
  await form.locator('input[name="file"]').setInputFiles({ name: "项目清单.csv", mimeType: "text/csv", buffer: Buffer.from(csv) });
  await form.getByRole("button", { name: "上传并预览" }).click();
  await page.waitForURL(/\/imports\/\d+/);
  await expect(page.getByTestId("import-counts")).toHaveText("新增 1 行 · 变更 0 行 · 未变 0 行 · 拒绝 1 行");
  const rejected = page.getByTestId("import-rows").locator('tr[data-state="rejected"]');
  await expect(rejected).toHaveCount(1);
  await expect(rejected).toContainText("火星县人民医院");
  await expect(rejected).toContainText("单位：未知单位“火星县”");
  await shot(page, "import-preview");

  await page.getByTestId("import-confirm").click();
  await expect(page.getByTestId("import-committed")).toContainText("新增 1 个项目");
  await page.goto(`/projects?q=${encodeURIComponent("E2E")}`);
  await expect(page.getByTestId("project-table")).toContainText("经开区医院门诊楼（E2E）");
});

test("a bad file gets a clear message and no preview", async ({ page }) => {
  await signIn(page, "admin");
  await page.goto("/imports");
  const form = page.getByTestId("import-form");
  await form
    .locator('input[name="file"]')
    .setInputFiles({ name: "图片.xlsx", mimeType: "application/octet-stream", buffer: Buffer.from("89504e470d0a1a0a0000000d49484452", "hex") });
  await form.getByRole("button", { name: "上传并预览" }).click();
  await expect(page.getByTestId("import-error")).toContainText("不是电子表格文件");
  await expect(page).toHaveURL(/\/imports$/);
});
