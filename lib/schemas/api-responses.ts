import { z } from "zod";
import { APP_ERROR_CODES } from "@/lib/errors";
import { PlanLevel, ProjectStatus, ReportingCycle, ReportStatus } from "@/lib/generated/prisma/enums";
import { zhFinance } from "@/lib/i18n/zh-CN-finance";
import { UNIT_LABEL } from "@/lib/money";
import { RATE_KEYS, RATES, type RateKey } from "@/lib/rates";
import { ROLLUP_BY } from "./finance";

// JSON bodies the /api/v1 routes answer with. The API description (lib/api/openapi.ts) is generated
// from these, and tests/integration/openapi.test.ts parses real answers with them. Strict objects:
// a field a route adds without adding it here fails that test, so the description cannot drift.

const id = z.number().int().positive();
const count = (description: string) => z.number().int().nonnegative().meta({ description });
const money = (description: string) =>
  z
    .string()
    .regex(/^-?\d+(\.\d+)?$/)
    .nullable()
    .meta({ description: `${description}. 万元, exact decimal string; null = no project in the group has this figure (unknown, not 0).` });
const percent = (description: string) =>
  z
    .string()
    .regex(/^-?\d+\.\d$/)
    .nullable()
    .meta({ description: `${description} Percent with one decimal (rounded half up); null when the denominator is 0 ("—" on screen).` });
const day = (description: string) =>
  z
    .string()
    .regex(/^\d{4}-\d{2}-\d{2}$/)
    .meta({ format: "date", description });
const instant = (description: string) => z.string().meta({ format: "date-time", description });

export const ERROR_CODES = [...APP_ERROR_CODES, "INTERNAL"] as const;

const fieldChangeSchema = z.strictObject({ field: z.string(), old: z.string().nullable(), new: z.string().nullable() });
export const changeSinceSchema = z
  .strictObject({ at: instant("When the change was saved"), actor: z.string().nullable(), changes: z.array(fieldChangeSchema), reason: z.string().nullable() })
  .meta({ description: "A change saved after the version the request was based on" });

export const errorResponseSchema = z
  .strictObject({
    error: z.strictObject({
      code: z.enum(ERROR_CODES),
      message: z.string().meta({ description: "Simplified Chinese, for people" }),
      fieldErrors: z.record(z.string(), z.array(z.string())).optional().meta({ description: "Messages per request field (VALIDATION)" }),
      details: z.array(changeSinceSchema).optional().meta({ description: "CONFLICT of a stale version: what others saved meanwhile" }),
    }),
  })
  .meta({ description: "Every failure: code, a message for people, and for invalid input the messages per field" });

// How a plan's rows are counted (lib/server/rollups/counting.ts).
const f = zhFinance.figures;
const counts = {
  projectCount: count(`${f.projectCount}: reporting lines (standalone projects and bundle lines); they carry every amount`),
  subProjectCount: count("子项目数: PROJECT rows under a bundle line, counted apart from projectCount; they carry no money"),
  programmeCount: count(`${f.programmeCount}: PROGRAMME rows (规划任务/措施), no money`),
  totalWan: money(`${f.totalWan} of the reporting lines`),
  unknownCount: count(`${f.unknownCount}: reporting lines with no total investment (never counted as 0)`),
};
export const countsSchema = z.strictObject(counts).meta({ description: "Counts and 总投资 of the plan's live projects" });

const rateFields = Object.fromEntries(RATE_KEYS.map((key) => [key, percent(`${RATES[key].label}: ${RATES[key].formula}`)])) as Record<
  RateKey,
  ReturnType<typeof percent>
>;
const rates = z
  .strictObject({
    ...rateFields,
    schedule: z.string().meta({ description: `${zhFinance.rates.schedule.label}: ${zhFinance.rates.schedule.formula} Percent, one decimal.` }),
    scheduleGap: z
      .string()
      .nullable()
      .meta({
        description: `${zhFinance.rates.scheduleGap.label}: ${zhFinance.rates.scheduleGap.formula} Percentage points, one decimal; null when 投资完成率 is null.`,
      }),
  })
  .meta({ description: "The 四率, 累计完成率 and 序时进度 of the group" });

export const groupRowSchema = z.strictObject({
  key: z
    .strictObject({
      unitId: id.nullable().optional(),
      sectionId: id.optional(),
      startYear: z.number().int().nullable().optional(),
      status: z.enum(ProjectStatus).optional(),
    })
    .meta({ description: "The group: unitId (null = projects without a unit), sectionId, startYear (null = not given) and/or status; empty for the total" }),
  name: z.string(),
  ...counts,
  annualPlanWan: money(`${f.annualPlanWan} of the period's year`),
  completedYearWan: money(`${f.completedYearWan}: approved reports (or, with submitted=1, submitted ones) of the year up to the period`),
  completedToDateWan: money(`${f.completedToDateWan}: every counted report up to the period`),
  completedOfKnownWan: money(f.completedOfKnownWan),
  fundsYearWan: money(`${f.fundsYearWan}: central + provincial + local + special bonds + self-raised`),
  dueStartCount: count(`${f.dueStartCount}: 单体 (standalone projects and sub-projects) whose planned start is on or before the end of the period`),
  startedCount: count(`${f.startedCount}: of those, started`),
  dueCompleteCount: count(`${f.dueCompleteCount}: 单体 whose planned completion is on or before the end of the period`),
  onTimeCount: count(`${f.onTimeCount}: of those, completed no later than planned`),
  rates,
});

export const rollupResponseSchema = z.strictObject({
  plan: z.strictObject({ id, title: z.string() }),
  by: z.enum(ROLLUP_BY),
  period: z.string().meta({ description: "The reporting period the figures are for", examples: ["2025-03", "2025-Q1"] }),
  asOf: day("Last day of the period: planned starts/completions up to this date are due"),
  includeSubmitted: z.boolean(),
  moneyUnit: z.literal(UNIT_LABEL.wan),
  percentUnit: z.literal("%"),
  rows: z.array(groupRowSchema).meta({ description: "One row per group; the rows add up to the total exactly" }),
  total: groupRowSchema,
});

export const planSchema = z.strictObject({
  id,
  key: z.string(),
  title: z.string(),
  level: z.enum(PlanLevel),
  region: z.string(),
  period: z.strictObject({ start: z.number().int(), end: z.number().int() }).meta({ description: "Plan period in years, e.g. 2021–2025" }),
  reportingCycle: z.enum(ReportingCycle),
  hasProjectList: z.boolean(),
  figures: countsSchema,
});
export const planListResponseSchema = z.strictObject({ plans: z.array(planSchema) });

export const planCreatedSchema = z.strictObject({
  id: id.meta({ description: "The new plan" }),
  key: z.string().meta({ description: "Its stable key, e.g. plan-7" }),
  version: id.meta({ description: "Its version (send it with a change of its settings)" }),
});

export const unitCreatedSchema = z.strictObject({
  id: id.meta({ description: "The new reporting unit" }),
  planId: id,
  name: z.string(),
  version: id,
});

export const reportSavedSchema = z.strictObject({
  id: id.meta({ description: "The report (revision) saved" }),
  version: id,
  status: z.enum(ReportStatus),
  warnings: z.array(z.string()).meta({ description: "Plausibility warnings, e.g. completion above the total investment" }),
});

export const projectEditedSchema = z.strictObject({
  id,
  version: id.meta({ description: "The project's version now (send it with the next change)" }),
  changed: count("Fields changed or requested; 0 = nothing differed from what is stored"),
  requestId: id.nullable().meta({ description: "The 调整申请 filed (county officers), null for a direct change" }),
});

export const projectCreatedSchema = z.strictObject({
  id: id.meta({ description: "The new project" }),
  version: id,
  admission: z
    .enum(["PROPOSED", "ADMITTED"])
    .meta({ description: "PROPOSED (申报: a county officer's, counts once the plan office admits it) or ADMITTED (the plan office's own)" }),
  warnings: z.array(z.string()).meta({ description: "Plausibility warnings, e.g. funding sources that do not add up to the total" }),
});

// POST /api/v1/imports answers with one of these per line (newline-delimited JSON).
export const importLineSchema = z
  .union([
    z.strictObject({ stage: z.literal("read"), rows: count("Rows read so far") }),
    z.strictObject({ stage: z.literal("check") }),
    z.strictObject({
      done: z.literal(true),
      batchId: id.meta({ description: "The preview: /imports/{batchId}" }),
      counts: z.strictObject({
        new: count("New projects"),
        changed: count("Changed projects"),
        unchanged: count("Unchanged rows"),
        rejected: count("Rows refused, with reasons in the preview"),
      }),
    }),
    z.strictObject({ error: z.strictObject({ code: z.enum(ERROR_CODES), message: z.string() }) }),
  ])
  .meta({ description: "One line of the answer: progress, then the result (done or error)" });

export const openApiDocumentSchema = z
  .looseObject({
    openapi: z.literal("3.1.0"),
    info: z.looseObject({ title: z.string(), version: z.string() }),
    paths: z.record(z.string(), z.record(z.string(), z.unknown())),
    components: z.looseObject({ schemas: z.record(z.string(), z.unknown()) }),
  })
  .meta({ description: "An OpenAPI 3.1 document" });

// GET /api/v1/indicators: a plan's 主要指标 with values and assessment (lib/server/indicators/api-indicators.ts).
const decimal = (description: string) =>
  z
    .string()
    .regex(/^-?\d+(\.\d+)?$/)
    .nullable()
    .meta({ description: `${description}: exact decimal string; null when there is none` });
export const indicatorListResponseSchema = z.strictObject({
  plan: z.strictObject({ id, title: z.string() }),
  year: z.number().int().nullable().meta({ description: "The year asked for; null = each indicator as of its latest year with a value" }),
  official: z.boolean().meta({ description: "false when submitted=1: values waiting for review are included" }),
  indicators: z.array(
    z.strictObject({
      id,
      category: z.string().nullable().meta({ description: "领域 as printed, e.g. 健康水平" }),
      seq: z.string().nullable().meta({ description: "序号 as printed" }),
      name: z.string().meta({ description: "The name exactly as printed, e.g. 人均预期寿命（岁）" }),
      shortName: z.string().meta({ description: "The name without the unit" }),
      unit: z.string().nullable(),
      attribute: z.enum(["预期性", "约束性"]).nullable(),
      baseline: z.strictObject({
        year: z.number().int().nullable(),
        text: z.string().nullable().meta({ description: "As printed" }),
        value: decimal("Parsed baseline"),
      }),
      target: z.strictObject({
        year: z.number().int().nullable(),
        text: z.string().nullable().meta({ description: "As printed, e.g. 78.60左右, ≤15, 待国家公布" }),
        comparator: z.enum([">=", ">", "<=", "<", "=", "about", "qualitative"]),
        value: decimal("Parsed target"),
      }),
      direction: z.enum(["higher", "lower"]).nullable(),
      values: z.array(
        z.strictObject({
          year: z.number().int(),
          unitId: z.number().int().nullable().meta({ description: "null = the plan's region" }),
          value: z.string().regex(/^-?\d+(\.\d+)?$/),
          reviewState: z.enum(["APPROVED", "SUBMITTED"]),
        }),
      ),
      assessment: z.strictObject({
        status: z.enum(["MET", "ON_TRACK", "LAGGING", "NO_DATA", "JUDGED_MET", "JUDGED_NOT_MET", "NOT_ASSESSABLE"]),
        label: z.string().meta({ description: "已达标 / 进度正常 / 滞后 / 无数据 / 达到 / 未达到 / 无法评估 (or 无法判断进度)" }),
        expected: decimal("The straight path from baseline to target at the assessed value's year"),
        asOf: z.number().int().nullable().meta({ description: "The year of the value assessed" }),
      }),
    }),
  ),
});
