import { z } from "zod";

// Every validation message in Chinese, in the browser (forms' zodResolver) and on the server alike:
// the messages our schemas set win; what they leave unset comes from here (the common cases, in
// plain words without zod's English type names) or else from zod's own Chinese locale (zhCN).
// Imported for its effect by lib/schemas/fields.ts, money.ts, login.ts and validate.ts, so it runs
// before any schema is used in every bundle.
const TYPE: Record<string, string> = {
  string: "文本",
  number: "数字",
  int: "整数",
  bigint: "整数",
  boolean: "是或否",
  array: "列表",
  object: "对象",
  date: "日期",
};

type Issue = z.core.$ZodRawIssue;

function plainChinese(issue: Issue): string | undefined {
  switch (issue.code) {
    case "invalid_type": {
      if (issue.input === undefined || issue.input === null) return "请填写此项";
      const expected = TYPE[issue.expected];
      return expected ? `应为${expected}` : undefined;
    }
    case "too_small": {
      const n = issue.minimum.toString();
      if (issue.origin === "string") return issue.minimum === 1 ? "不能为空" : `至少 ${n} 个字符`;
      if (issue.origin === "array" || issue.origin === "set") return `至少 ${n} 项`;
      if (issue.origin === "number" || issue.origin === "bigint") return issue.inclusive ? `不能小于 ${n}` : `须大于 ${n}`;
      return undefined;
    }
    case "too_big": {
      const n = issue.maximum.toString();
      if (issue.origin === "string") return `不能超过 ${n} 个字符`;
      if (issue.origin === "array" || issue.origin === "set") return `最多 ${n} 项`;
      if (issue.origin === "number" || issue.origin === "bigint") return issue.inclusive ? `不能大于 ${n}` : `须小于 ${n}`;
      return undefined;
    }
    case "invalid_value":
      if (issue.input === undefined) return "请填写此项";
      return issue.values.length <= 8 ? `须为以下之一：${issue.values.map(String).join("、")}` : "不是可选的值";
    case "unrecognized_keys":
      return `不认识的字段：${issue.keys.join("、")}`;
    case "not_multiple_of":
      return `须为 ${String(issue.divisor)} 的整数倍`;
    default:
      return undefined;
  }
}

z.config({ ...z.locales.zhCN(), customError: plainChinese });
