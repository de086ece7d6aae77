import { expect, test, type Page } from "@playwright/test";
import sharp from "sharp";
import { shot, chooseMoneyUnit, signIn } from "./helpers";

// Issue #15 item 4: an officer on site photographs 形象进度 with a phone (390 × 844), attaches it to
// the period's report, sees it in the project's gallery, and the reviewer sees it with the report.

const noSideScroll = async (page: Page) =>
  expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(page.viewportSize()!.width);

// A save either stays on the form with its confirmation or returns to the project page.
const saved = (page: Page, message: RegExp) => Promise.race([page.waitForURL(/\/projects\/\d+$/), page.getByText(message).first().waitFor()]);

test("a photo uploaded from a phone on the report form reaches the gallery and the reviewer", async ({ browser }) => {
  const phone = await browser.newContext({ viewport: { width: 390, height: 844 }, isMobile: true, hasTouch: true, deviceScaleFactor: 2 });
  const page = await phone.newPage();
  await signIn(page, "yy-pingjiang");
  await chooseMoneyUnit(page, "wan");
  await page.goto("/desk");
  const link = page.getByTestId("desk-table").locator("tbody tr").first().getByRole("link").first();
  const projectName = (await link.innerText()).trim();
  await link.click();
  await page.waitForURL(/\/projects\/\d+$/);
  const projectUrl = page.url();
  const reportHref = (await page.getByTestId("file-report").getAttribute("href"))!;

  // The report form: until the report is saved there is nothing to attach to.
  await page.goto(reportHref);
  await expect(page.getByTestId("report-attachments")).toContainText("先保存本期报告");
  await page.getByLabel(/本期完成投资/).fill("35");
  const outside = page.getByLabel(/不在项目建设期内/);
  if (await outside.count()) await outside.fill("续建项目");
  await page.getByRole("button", { name: "保存草稿" }).click();
  await saved(page, /已保存草稿/);

  // Back on the form: the upload section, with the limits stated.
  await page.goto(reportHref);
  const section = page.getByTestId("report-attachments");
  await expect(section).toContainText("每个不超过 10 MB，每份报告或每个节点最多 20 个");
  // A phone photo: taken upright (EXIF orientation 6), with a GPS position.
  const photo = await sharp({ create: { width: 800, height: 600, channels: 3, background: "#8a6d3b" } })
    .composite([{ input: { create: { width: 400, height: 600, channels: 3, background: "#2e6da4" } }, left: 0, top: 0 }])
    .jpeg()
    .withMetadata({ orientation: 6 })
    .withExif({ IFD3: { GPSLatitudeRef: "N", GPSLatitude: "28/1 42/1 0/1", GPSLongitudeRef: "E", GPSLongitude: "113/1 36/1 0/1" } })
    .toBuffer();
  await page.getByTestId("attachment-input").setInputFiles([
    { name: "IMG_2041.jpg", mimeType: "image/jpeg", buffer: photo },
    { name: "说明.txt", mimeType: "text/plain", buffer: Buffer.from("不是照片") },
  ]);
  await expect(page.getByTestId("upload-results")).toContainText("IMG_2041.jpg：已上传");
  await expect(page.getByTestId("upload-results")).toContainText("说明.txt：不支持的文件类型");
  const thumb = section.getByTestId("photo-thumb");
  await expect(thumb).toHaveCount(1);
  await expect.poll(() => thumb.evaluate((img: HTMLImageElement) => img.naturalWidth)).toBeGreaterThan(0);
  // Stored upright: the thumbnail is portrait.
  expect(await thumb.evaluate((img: HTMLImageElement) => img.naturalHeight > img.naturalWidth)).toBe(true);
  await expect(section).toContainText("已上传 1 个");
  await noSideScroll(page);
  await shot(page, "attachments-report-form-390");

  // Submit the report; the project page shows the photo under its period.
  await page.getByRole("button", { name: "保存并提交审核" }).click();
  await saved(page, /已保存并提交审核/);
  await page.goto(projectUrl);
  const gallery = page.getByTestId("project-attachments");
  await expect(gallery.getByTestId("photo-thumb")).toHaveCount(1);
  await noSideScroll(page);
  await page.getByTestId("project-attachments-section").scrollIntoViewIfNeeded();
  await shot(page, "attachments-project-390");

  // The reviewer, at a desk (1440), opens the report and sees the photo before deciding.
  const desk = await browser.newContext({ viewport: { width: 1440, height: 900 } });
  const finance = await desk.newPage();
  await signIn(finance, "finance");
  await finance.goto("/review");
  await finance.getByTestId("review-table").locator("tr", { hasText: projectName }).first().getByTestId("open-report").click();
  await finance.waitForURL(/\/reports\/\d+/);
  const onReview = finance.getByTestId("report-attachments");
  await expect(onReview.getByTestId("photo-thumb")).toHaveCount(1);
  await expect.poll(() => onReview.getByTestId("photo-thumb").evaluate((img: HTMLImageElement) => img.naturalWidth)).toBeGreaterThan(0);
  await expect(onReview.getByTestId("attachment-uploader")).toHaveCount(0); // read-only for the reviewer
  await shot(finance, "attachments-review-1440");
  // The full photo opens inline as an image, with nosniff.
  const href = await onReview.locator("a").first().getAttribute("href");
  const res = await finance.request.get(href!);
  expect(res.headers()["content-type"]).toBe("image/jpeg");
  expect(res.headers()["x-content-type-options"]).toBe("nosniff");
  expect(res.headers()["content-disposition"]).toMatch(/^inline/);
  await phone.close();
  await desk.close();
});

test("a milestone's 文号, 批复日期 and scanned approval, on a phone", async ({ browser }) => {
  const phone = await browser.newContext({ viewport: { width: 390, height: 844 }, isMobile: true, hasTouch: true, deviceScaleFactor: 2 });
  const page = await phone.newPage();
  await signIn(page, "yy-miluo");
  await chooseMoneyUnit(page, "wan");
  await page.goto("/desk");
  await page.getByTestId("desk-table").locator("tbody tr").first().getByRole("link").first().click();
  await page.waitForURL(/\/projects\/\d+$/);
  const projectUrl = page.url();
  await page.goto(`${projectUrl}/milestones`);
  await page.getByLabel("节点 1 文号").fill("汨发改投资〔2024〕7号");
  await page.getByLabel("节点 1 批复日期").fill("2024-03-15");
  await page.getByRole("button", { name: "保存节点" }).click();
  await Promise.race([
    page.waitForURL(/\/projects\/\d+$/),
    page
      .getByText(/已保存/)
      .first()
      .waitFor(),
  ]);
  await page.goto(`${projectUrl}/milestones`);
  const first = page.getByTestId("milestone-attachment-item").first();
  await expect(first).toContainText("文号：汨发改投资〔2024〕7号");
  await first
    .getByTestId("attachment-input")
    .setInputFiles({ name: "立项批复.pdf", mimeType: "application/pdf", buffer: Buffer.from("%PDF-1.4\n1 0 obj <<>> endobj\ntrailer <<>>\n%%EOF\n") });
  await expect(first.getByTestId("upload-results")).toContainText("立项批复.pdf：已上传");
  await expect(first.getByTestId("document-list")).toContainText("立项批复.pdf");
  await noSideScroll(page);
  await shot(page, "attachments-milestones-390");
  await page.goto(projectUrl);
  const docs = page.getByTestId("milestone-documents").first();
  await expect(docs).toContainText("文号：汨发改投资〔2024〕7号");
  await expect(docs).toContainText("批复日期：2024-03-15");
  await expect(docs.getByRole("link", { name: /立项批复\.pdf/ })).toBeVisible();
  await noSideScroll(page);
  await phone.close();
});
