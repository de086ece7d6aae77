import { describe, expect, it } from "vitest";
import { z } from "zod";
import { POST as postReport } from "@/app/api/v1/reports/route";
import { db } from "@/lib/db";
import { isAppError } from "@/lib/errors";
import { loginSchema } from "@/lib/schemas/login";
import { validate } from "@/lib/schemas/validate";
import { issueToken } from "@/lib/server/api-tokens/issue-token";
import { loadActiveUser } from "@/lib/server/auth/current-user";
import type { Operation } from "@/lib/server/operation";
import { requestProjectChange } from "@/lib/server/projects/request-project-change";
import { saveReport } from "@/lib/server/reports/save-report";
import { jsonBody, jsonRoute } from "@/lib/server/route";
import { makePlan, makeProject, makeUser } from "@/lib/server/seed/factories";
import { expectAppError, sessionFor } from "../support/users";

// Issue #16.5: every message a user or an API client reads is Chinese, and the status says what
// happened: the role's permission (403) before the body (400), the record (403/404) after it.

const CJK = /[\u4e00-\u9fff]/;
const ENGLISH = /\b(Invalid|invalid|expected|Expected|received|Required|must|Too (small|big))\b/;

const modules = import.meta.glob<Record<string, unknown>>("/lib/server/**/*.ts", { eager: true });
const isOperation = (v: unknown): v is Operation<unknown> => typeof v === "function" && "permission" in v && "input" in v;
const operations = Object.entries(modules).flatMap(([file, mod]) =>
  Object.entries(mod)
    .filter(([, v]) => isOperation(v))
    .map(([name, op]) => ({ name: `${file.replace("/lib/server/", "")}:${name}`, op: op as Operation<unknown> })),
);

// Wrong in every way a client gets it wrong: missing, wrong type, empty, too long, unknown keys.
function badInputs(schema: z.ZodType): unknown[] {
  const shape = schema instanceof z.ZodObject ? Object.keys(schema.shape) : [];
  const every = (v: unknown) => Object.fromEntries([...shape.map((k) => [k, v]), ["unbekannt", 1]]);
  return [undefined, "text", 42, [], {}, every(null), every([]), every({}), every(true), every(12.5), every(""), every("x".repeat(20_000)), every(-1)];
}

function messagesOf(schema: z.ZodType, input: unknown): string[] {
  try {
    validate(schema, input);
    return [];
  } catch (e) {
    if (!isAppError(e)) throw e;
    return [e.message, ...Object.values(e.fieldErrors ?? {}).flat()];
  }
}

describe("validation messages are Chinese (zod's Chinese locale; ours win where set)", () => {
  it(`every operation's schema (${operations.length} operations) answers bad input in Chinese only`, () => {
    expect(operations.length).toBeGreaterThan(50);
    const english: string[] = [];
    let checked = 0;
    for (const { name, op } of operations) {
      for (const input of badInputs(op.input)) {
        for (const m of messagesOf(op.input, input)) {
          checked++;
          if (!CJK.test(m) || ENGLISH.test(m)) english.push(`${name}: ${m}`);
        }
      }
    }
    expect(checked).toBeGreaterThan(1000);
    expect([...new Set(english)].slice(0, 20)).toEqual([]);
  });

  it("zod's own messages come out in plain Chinese; a schema's own message wins", () => {
    const plain = z.object({ name: z.string().max(3), count: z.number().int().min(1), kind: z.enum(["A", "B"]), tags: z.array(z.string()).min(1) }).strict();
    const fe = (input: unknown) =>
      (() => {
        try {
          validate(plain, input);
        } catch (e) {
          return isAppError(e) ? e.fieldErrors : undefined;
        }
      })();
    expect(fe({ name: 7, count: 1.5, kind: "C", tags: [], extra: 1 })).toEqual({
      name: ["应为文本"],
      count: ["应为整数"],
      kind: ["须为以下之一：A、B"],
      tags: ["至少 1 项"],
      _form: ["不认识的字段：extra"],
    });
    expect(fe({ name: "abcd", count: 0 })).toMatchObject({ name: ["不能超过 3 个字符"], count: ["不能小于 1"], kind: ["请填写此项"] });
    expect(() => validate(loginSchema, { username: " ", password: "" })).toThrow();
    expect(messagesOf(loginSchema, { username: " ", password: "" })).toEqual(["提交的内容有误，请按提示修改。", "请输入用户名", "请输入密码"]);
  });
});

describe("the API checks the role's permission before it reads the body, the record after it", () => {
  const adminToken = async () => {
    const admin = await makeUser(db, { role: "ADMIN" });
    return (await issueToken((await loadActiveUser(admin.id, admin.sessionVersion))!, { name: "messages" })).token;
  };
  const post = (token: string, body: string, contentType = "application/json") =>
    new Request("http://ledger.test/api/v1/x", { method: "POST", body, headers: { authorization: `Bearer ${token}`, "content-type": contentType } });

  it("a role without the operation's permission gets 403 even for a malformed body (not 400 about the body)", async () => {
    // Administrators file 调整申请 never (they change facts directly): project.requestChange is not theirs.
    const route = jsonRoute(requestProjectChange, jsonBody);
    const token = await adminToken();
    for (const [body, type] of [
      ["not json at all", "text/plain"],
      ["{broken", "application/json"],
      ['{"id":"abc","version":[]}', "application/json"],
    ]) {
      const res = await route(post(token, body, type), { params: Promise.resolve({ id: "1" }) });
      expect(res.status).toBe(403);
      expect((await res.json()).error).toMatchObject({ code: "FORBIDDEN", message: "您没有权限执行此操作。" });
    }
  });

  it("a permitted caller with a malformed report gets 400 with every field message in Chinese", async () => {
    const res = await postReport(
      post(await adminToken(), JSON.stringify({ projectId: "abc", period: 5, moneyUnit: "usd", completedAmount: [], problems: {}, extra: 1 })),
    );
    expect(res.status).toBe(400);
    const { error } = await res.json();
    expect(error.code).toBe("VALIDATION");
    const messages: string[] = [error.message, ...Object.values(error.fieldErrors as Record<string, string[]>).flat()];
    expect(messages.length).toBeGreaterThan(4);
    for (const m of messages) {
      expect(m).toMatch(CJK);
      expect(m).not.toMatch(ENGLISH);
    }
  });

  it("the record is checked after the body: another unit's project is 400 for a bad body, 403 for a good one, nothing saved", async () => {
    const { plan, section, units } = await makePlan(db, { unitNames: ["甲县", "乙县"] });
    const theirs = await makeProject(db, { planId: plan.id, sectionId: section.id, unitId: units[1].id });
    const officer = await sessionFor("COUNTY_OFFICER", [units[0].id]);
    const good = {
      projectId: theirs.id,
      period: "2025-03",
      moneyUnit: "wan",
      completedAmount: "1",
      progressPercent: "10",
      progressText: "",
      problems: "",
      nextSteps: "",
    };
    const bad = await expectAppError(saveReport(officer, { ...good, completedAmount: "很多" }), "VALIDATION");
    expect(
      Object.values(bad.fieldErrors ?? {})
        .flat()
        .join(""),
    ).toMatch(CJK);
    await expectAppError(saveReport(officer, good), "FORBIDDEN");
    // A viewer is refused before its input is even looked at.
    await expectAppError(saveReport(await sessionFor("VIEWER"), "garbage"), "FORBIDDEN");
    expect(await db.progressReport.count({ where: { projectId: theirs.id } })).toBe(0);
  });
});
