import { expect, test } from "@playwright/test";
import { DEMO_PASSWORD, signIn } from "./helpers";
import pg from "pg";

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

test("signing out ends the session on the server: a copied cookie no longer works (#13.5)", async ({ page, browser }) => {
  await signIn(page, "viewer");
  const copied = await page.context().cookies();
  await page.getByRole("button", { name: "退出" }).click();
  await expect(page).toHaveURL(/\/login/);
  // Someone who copied the cookie before the sign-out replays it.
  const other = await browser.newContext();
  await other.addCookies(copied);
  const api = await other.request.get("/api/v1/plans");
  expect(api.status()).toBe(401);
  const tab = await other.newPage();
  await tab.goto("/plans");
  await expect(tab).toHaveURL(/\/login/);
  await other.close();
});

test("退出 works before the page's script has loaded (a slow phone): a plain form post signs out on the server", async ({ page, browser }) => {
  await signIn(page, "viewer");
  const copied = await page.context().cookies();
  // The page as a browser shows it before any script runs: its HTML only.
  await page.route("**/_next/static/**/*.js", (route) => route.abort());
  await page.goto("/plans");
  await page.getByRole("button", { name: "退出" }).click();
  await expect(page).toHaveURL(/\/login$/);
  const other = await browser.newContext();
  await other.addCookies(copied);
  expect((await other.request.get("/api/v1/plans")).status()).toBe(401);
  await other.close();
});

test("before the page's script has loaded, 登录 waits and a form's fields never go into the URL", async ({ page }) => {
  // The pages as a browser shows them before any script runs: their HTML only.
  await page.route("**/_next/static/**/*.js", (route) => route.abort());
  await page.goto("/login");
  await page.getByLabel("用户名").fill("admin");
  await page.getByLabel("密码").fill(DEMO_PASSWORD);
  await expect(page.getByRole("button", { name: "登录" })).toBeDisabled();
  await page.getByLabel("密码").press("Enter");
  await expect(page).toHaveURL(/\/login$/);

  // Signed in (with script), a form submitted without it posts to its page and nothing goes into the URL.
  await page.unrouteAll();
  await signIn(page, "admin");
  await page.route("**/_next/static/**/*.js", (route) => route.abort());
  await page.goto("/projects/1/edit");
  await page.getByLabel("建设单位").fill("不应出现在地址里");
  await page.getByRole("button", { name: "保存" }).click();
  await expect(page).toHaveURL(/\/projects\/1\/edit$/);
});

test("the sign-in throttle counts the connection's address, not a forged X-Forwarded-For (#13.2)", async ({ page }) => {
  // Rotating the header used to dodge the per-address lock; now every attempt from this client counts
  // against its own address. 21 attempts with 21 forged addresses: the 21st is refused.
  const name = `ghost-${Date.now()}`;
  let last = "";
  for (let i = 0; i < 21; i++) {
    await page.goto("/login");
    await page.setExtraHTTPHeaders({ "X-Forwarded-For": `198.51.100.${i}` });
    await page.getByLabel("用户名").fill(`${name}-${i}`);
    await page.getByLabel("密码").fill("wrong-password");
    await page.getByRole("button", { name: "登录" }).click();
    await expect(page.getByTestId("login-error")).toBeVisible();
    last = (await page.getByTestId("login-error").textContent()) ?? "";
  }
  expect(last).toContain("登录失败次数过多");
});

// The address lock above would keep the next tests from signing in from this machine for 15 minutes.
test.afterAll(async () => {
  const client = new pg.Client({ connectionString: process.env.DATABASE_URL });
  await client.connect();
  await client.query(`DELETE FROM "LoginThrottle" WHERE key LIKE 'ip:%' OR key LIKE 'user:ghost-%'`);
  await client.end();
});
