import { expect, test } from "@playwright/test";
import { shot, signIn } from "./helpers";

test("a reviewer opens the Yueyang plan, filters to one county and sees its projects and total", async ({ page }) => {
  await signIn(page, "finance");
  await page.goto("/plans");
  await shot(page, "plans");
  await page.getByRole("link", { name: /健康岳阳/ }).click();
  await expect(page.getByRole("heading", { level: 1 })).toContainText("健康岳阳");
  await shot(page, "plan-yueyang");

  // Filter the project list to 平江县 with the filter form.
  await page.getByRole("link", { name: /查看项目/ }).click();
  await page.getByTestId("project-filters").getByLabel("单位").selectOption({ label: "平江县" });
  await page.getByRole("button", { name: "筛选" }).click();
  await expect(page).toHaveURL(/unit=\d+/);
  const table = page.getByTestId("project-table");
  await expect(table).toContainText("第一人民医院整体搬迁建设项目");
  await expect(table.locator("tbody tr td:nth-child(2)").filter({ hasNotText: "平江县" })).toHaveCount(0);
  // 平江县's appendix rows add up to 41.93 亿元 (computed from the document).
  await expect(page.getByTestId("list-summary")).toContainText("41.93");
  await shot(page, "projects-pingjiang");

  // Switch to 万元: the same total, in the other unit.
  await page.getByRole("button", { name: "万元" }).click();
  await expect(page.getByTestId("list-summary")).toContainText("419,300");

  // A project page shows its source sentence.
  await table.locator("tbody").getByRole("link").first().click();
  await expect(page.getByTestId("source-text")).not.toBeEmpty();
  await shot(page, "project-detail");
});
