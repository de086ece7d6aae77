import { expect, test, type APIRequestContext } from "@playwright/test";
import { signIn } from "./helpers";

// #13.6 over HTTP: every route of the generated API description, and every page that takes a query
// string, with values that overflow the columns or are not what they claim. Nothing may answer 500:
// a bad value is a 4xx with a message (JSON for the API, a page that says what is wrong for pages).
const BAD = ["2147483648", "99999999999999999999", "-1", "1e3", "2025-02-30", "2025-13", "0000-01", "%00", "x".repeat(3000)];

type Spec = {
  paths: Record<string, Record<string, { parameters?: { name: string; in: "query" | "path" }[]; requestBody?: { content: Record<string, unknown> } }>>;
  components: { schemas: Record<string, { properties?: Record<string, unknown> }> };
};

// The API allows 600 requests a minute per user (lib/server/rate-limit.ts): past 550 in one window (leaving room for earlier tests) the
// fuzz waits for the next, so every request reaches its route.
const API_LIMIT = 550;
let requests = 0;
let window = { start: 0, count: 0 };
async function expectNo500(request: APIRequestContext, method: string, url: string, data?: unknown) {
  requests++;
  if (window.count === 0) window.start = Date.now();
  if (++window.count > API_LIMIT) {
    await new Promise((r) => setTimeout(r, Math.max(0, 61_000 - (Date.now() - window.start))));
    window = { start: Date.now(), count: 1 };
  }
  const res = await request.fetch(url, { method, ...(data !== undefined && { data }), maxRedirects: 0 });
  const status = res.status();
  expect.soft(status, `${method.toUpperCase()} ${url.slice(0, 160)} → ${status}`).toBeLessThan(500);
  expect.soft(status, "the fuzz stays under the API's rate limit, so every request reached its route").not.toBe(429);
  if (status >= 400 && res.headers()["content-type"]?.includes("json")) {
    const body = await res.json();
    expect.soft(body.error?.message, `${url.slice(0, 160)}: a message`).toMatch(/[\u4e00-\u9fa5]/);
  }
}

test("every API route answers bad values with a 4xx and a message, never a 500", async ({ page }) => {
  test.setTimeout(300_000);
  await signIn(page, "admin");
  const spec = (await (await page.request.get("/api/v1/openapi.json")).json()) as Spec;
  requests = 0;
  for (const [path, methods] of Object.entries(spec.paths)) {
    for (const [method, op] of Object.entries(methods)) {
      if (method === "post" && path === "/api/v1/imports") continue; // multipart: the upload fuzz is tests/integration/import-fuzz.test.ts
      const params = op.parameters ?? [];
      const pathWith = (value: string) => path.replace(/\{(\w+)\}/g, (_, name) => (name === "list" ? "projects" : encodeURIComponent(value)));
      // Path parameters, then each query parameter, one bad value at a time (the others valid where known).
      if (params.some((p) => p.in === "path")) for (const bad of BAD) await expectNo500(page.request, method, pathWith(bad), method === "get" ? undefined : {});
      for (const q of params.filter((p) => p.in === "query"))
        for (const bad of BAD) await expectNo500(page.request, method, `${pathWith("1")}?plan=1&period=2025-03&${q.name}=${encodeURIComponent(bad)}`);
      // JSON bodies: every property of the body's schema, one bad value at a time.
      const bodyRef = (op.requestBody?.content["application/json"] as { schema?: { $ref?: string } } | undefined)?.schema?.$ref;
      if (bodyRef) {
        const props = Object.keys(spec.components.schemas[bodyRef.split("/").pop()!].properties ?? {});
        for (const prop of props)
          for (const bad of [BAD[0], BAD[1], BAD[4], BAD[6], null, {}]) await expectNo500(page.request, method, pathWith("1"), { [prop]: bad });
      }
    }
  }
  expect(requests).toBeGreaterThan(150);
});

test("pages answer links with unusable values with 400 and the reason, never a 500", async ({ page }) => {
  await signIn(page, "admin");
  for (const url of [
    "/finance/1?period=2025-13",
    "/finance/1/projects?unit=99999999999&period=0000-01",
    "/finance/1/timeline?section=-1",
    "/admin/audit?from=2025-13-45",
    "/desk?period=9999-99",
    "/desk/grid?plan=2147483648",
    "/projects/1/report?period=2025-02-30",
    "/plans/1/reporting?period=x",
    "/imports/1?page=abc&state=zzz",
    "/projects?page=999999999999&unit=1e3",
  ]) {
    const res = await page.request.get(url, { maxRedirects: 0 });
    expect.soft(res.status(), url).toBeLessThan(500);
    if (res.status() === 400) expect.soft(await res.text(), url).toContain("链接中的参数有误");
  }
  for (const url of ["/projects/2147483648", "/projects/99999999999999999999", "/plans/-1", "/reports/1e3"]) {
    const res = await page.request.get(url, { maxRedirects: 0 });
    expect.soft(res.status(), url).toBe(404);
  }
  // What a user sees: the reason, and a way back.
  await page.goto("/finance/1?period=2025-13");
  await expect(page.getByRole("heading", { name: "链接中的参数有误" })).toBeVisible();
  await expect(page.getByText("期次格式不正确")).toBeVisible();
});
