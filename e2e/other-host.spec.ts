import fs from "node:fs";
import { chromium, expect, test, type Browser, type Page } from "@playwright/test";
import { DEMO_PASSWORD } from "./helpers";

// #16.1: the app reached by a host name other than localhost (as colleagues reach the server by its
// name or address). Chromium resolves ledger.test to the loopback the test server listens on; the
// server has no APP_URL (playwright.config.ts), so every redirect must be a path on the host the
// browser used, never http://localhost:<port>.
const port = Number(process.env.E2E_PORT ?? 3100);
const HOST = "ledger.test";
const base = `http://${HOST}:${port}`;
const USER = "yy-yueyanglou"; // an officer no other journey signs in as: its password changes here (and back)
const NEW_PASSWORD = "Other-host-2026!";

let browser: Browser;
test.beforeAll(async () => {
  const executablePath = process.env.CHROMIUM_PATH ?? (fs.existsSync("/usr/bin/chromium") ? "/usr/bin/chromium" : undefined);
  browser = await chromium.launch({
    executablePath,
    args: ["--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage", "--no-proxy-server", `--host-resolver-rules=MAP ${HOST} 127.0.0.1`],
  });
});
test.afterAll(async () => browser?.close());

// Every document the browser opened and every redirect it was sent, to check none left the host.
function watch(page: Page) {
  const seen: string[] = [];
  page.on("framenavigated", (f) => {
    if (f === page.mainFrame()) seen.push(f.url());
  });
  page.on("response", (r) => {
    const location = r.headers()["location"];
    if (location) seen.push(new URL(location, r.url()).href);
    seen.push(r.url());
  });
  return seen;
}

async function signIn(page: Page, password: string) {
  await page.getByLabel("用户名").fill(USER);
  await page.getByLabel("密码").fill(password);
  await page.getByRole("button", { name: "登录" }).click();
  await expect(page.getByTestId("current-user")).toBeVisible();
}

async function changePassword(page: Page, from: string, to: string) {
  await page.goto(`${base}/account/password`);
  await page.getByLabel(/^当前密码/).fill(from);
  await page.getByLabel(/^新密码/).fill(to);
  await page.getByLabel(/^再次输入新密码/).fill(to);
  await page.getByRole("button", { name: "保存新密码" }).click();
  await page.waitForURL(`${base}/login?changed=1`);
  await expect(page.getByText("密码已修改，请用新密码登录。")).toBeVisible();
}

test("on another host name: sign in, sign out and change the password without ever leaving that host", async () => {
  const context = await browser.newContext({ locale: "zh-CN" });
  const page = await context.newPage();
  const seen = watch(page);

  // Signed out: the page sends the browser to the login page on the same host, keeping where it was going.
  await page.goto(`${base}/plans`);
  await page.waitForURL(`${base}/login?callbackUrl=%2Fplans`);
  await signIn(page, DEMO_PASSWORD);
  await page.waitForURL(`${base}/plans`);

  // next-auth's own answer to a sign-out is a path (it was http://localhost:<port>/login).
  const answer = await page.evaluate(async () => {
    const { csrfToken } = await (await fetch("/api/auth/csrf")).json();
    const body = new URLSearchParams({ csrfToken, callbackUrl: "/login", json: "true" });
    const res = await fetch("/api/auth/signout", { method: "POST", headers: { "Content-Type": "application/x-www-form-urlencoded" }, body });
    return res.json();
  });
  expect(answer).toEqual({ url: "/login" });
  await page.goto(`${base}/plans`);
  await page.waitForURL(`${base}/login?callbackUrl=%2Fplans`);

  // Sign out with the menu's button.
  await signIn(page, DEMO_PASSWORD);
  await page.locator("button:visible", { hasText: "退出" }).click();
  await page.waitForURL(`${base}/login`);
  await page.goto(`${base}/plans`);
  await page.waitForURL(`${base}/login?callbackUrl=%2Fplans`);

  // Change the password: every session ends and the browser is on this host's login page.
  await signIn(page, DEMO_PASSWORD);
  await changePassword(page, DEMO_PASSWORD, NEW_PASSWORD);
  await page.goto(`${base}/desk`);
  await page.waitForURL(`${base}/login?callbackUrl=%2Fdesk`);
  await signIn(page, NEW_PASSWORD);
  await page.waitForURL(`${base}/desk`);
  // And back, so the demo account keeps its documented password.
  await changePassword(page, NEW_PASSWORD, DEMO_PASSWORD);

  const hosts = [...new Set(seen.filter((u) => u.startsWith("http")).map((u) => new URL(u).host))];
  expect(hosts).toEqual([`${HOST}:${port}`]);
  expect(seen.some((u) => u.includes("localhost"))).toBe(false);
  await context.close();
});
