import { expect, test } from "@playwright/test";
import { DEMO_PASSWORD, signIn } from "./helpers";

test("pages carry security headers, including a nonce-based CSP", async ({ page }) => {
  await signIn(page, "viewer");
  const res = await page.goto("/plans");
  const h = res!.headers();
  expect(h["content-security-policy"]).toMatch(/script-src 'self' 'nonce-[^']+' 'strict-dynamic'/);
  expect(h["content-security-policy"]).toContain("frame-ancestors 'none'");
  expect(h["x-content-type-options"]).toBe("nosniff");
  expect(h["x-frame-options"]).toBe("DENY");
  expect(h["referrer-policy"]).toBe("strict-origin-when-cross-origin");
  const cookies = await page.context().cookies();
  const session = cookies.find((c) => c.name.endsWith("next-auth.session-token"))!;
  expect(session.httpOnly).toBe(true);
  expect(session.sameSite).toBe("Lax");
});

test("script in a text field renders as text and never runs", async ({ page }) => {
  await signIn(page, "admin");
  await page.goto("/projects?q=" + encodeURIComponent("疾控中心改扩建"));
  await page.getByTestId("project-table").locator("tbody").getByRole("link").first().click();
  await page.getByTestId("edit-project").click();
  const payload = `<img src=x onerror="window.__xss=1"><script>window.__xss=2</script>`;
  await page.getByLabel("建设单位").fill(payload);
  await page.getByLabel(/修改原因/).fill(payload);
  await page.getByRole("button", { name: "保存" }).click();
  await page.waitForURL(/\/projects\/\d+$/);
  await expect(page.getByText(payload).first()).toBeVisible();
  expect(await page.evaluate(() => (window as unknown as { __xss?: number }).__xss)).toBeUndefined();
  await page.goto("/admin/audit");
  await expect(page.getByTestId("audit-table")).toContainText(payload);
  expect(await page.evaluate(() => (window as unknown as { __xss?: number }).__xss)).toBeUndefined();
});

test("sign-in without the CSRF token is refused", async ({ request }) => {
  const res = await request.post("/api/auth/callback/credentials", { form: { username: "admin", password: DEMO_PASSWORD, json: "true" }, maxRedirects: 0 });
  // next-auth answers with a redirect back to sign-in flagged csrf=true, and sets no session.
  expect(JSON.stringify(await res.json())).toContain("csrf=true");
  expect(res.headers()["set-cookie"] ?? "").not.toContain("next-auth.session-token");
});

test("a server action posted from another site is refused", async ({ page }) => {
  await signIn(page, "admin");
  // Next.js compares Origin with Host for server actions; a forged cross-site post gets no action run.
  const res = await page.request.post("/projects/1/edit", {
    headers: { Origin: "https://evil.example", "Next-Action": "0000000000000000000000000000000000000000", "Content-Type": "text/plain;charset=UTF-8" },
    data: "[]",
  });
  expect(res.status()).toBeGreaterThanOrEqual(400);
});
