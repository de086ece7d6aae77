import { expect, test, type Page } from "@playwright/test";
import { shot, signIn } from "./helpers";

// #15: officers on site. They land on their own projects; the milestone editor fits a phone.
const notWiderThanViewport = async (page: Page) =>
  expect(await page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth)).toBeLessThanOrEqual(0);

test("a county officer lands on 我的项目; the milestone editor is one card per milestone at 390 px, without sideways scrolling", async ({ page }) => {
  await page.setViewportSize({ width: 390, height: 844 });
  await signIn(page, "yy-pingjiang");
  await expect(page).toHaveURL(/\/desk$/);
  // The menu folds under 菜单 on a phone and opens on a tap.
  const menu = page.getByTestId("mobile-menu");
  await expect(menu.getByRole("link", { name: "项目", exact: true })).toBeHidden();
  await menu.getByText("菜单").click();
  await expect(menu.getByRole("link", { name: "项目", exact: true })).toBeVisible();
  await notWiderThanViewport(page);
  await shot(page, "desk-390");
  const hrefs = await page.locator('a[href^="/projects/"]').evaluateAll((links) => links.map((a) => a.getAttribute("href") ?? ""));
  const href = hrefs.map((h) => /^\/projects\/\d+/.exec(h)?.[0]).find(Boolean)!;
  await page.goto(`${href}/milestones`);
  const items = page.getByTestId("milestone-item");
  await expect(items.first()).toBeVisible();
  // Each card's name field spans the card, and the buttons are reachable.
  const card = (await items.first().boundingBox())!;
  const name = (await items.first().getByLabel("节点 1 名称").boundingBox())!;
  expect(name.width).toBeGreaterThan(card.width * 0.8);
  await expect(items.first().getByRole("button", { name: "删除节点 1" })).toBeInViewport();
  await notWiderThanViewport(page);
  await shot(page, "milestones-390");
});
