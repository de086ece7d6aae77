import { RATES } from "@/lib/rates";
import { zhFinance } from "@/lib/i18n/zh-CN-finance";

// OpenAPI 3.1 description of /api/v1, served at /api/v1/openapi.json. Field descriptions of the
// figures and rates come from the same catalog the screens use.
const money = (description: string) => ({ type: ["string", "null"], pattern: "^-?\\d+(\\.\\d+)?$", description: `${description}. 万元, exact decimal string; null = no project in the group has this figure (unknown, not 0).` });
const count = (description: string) => ({ type: "integer", minimum: 0, description });
const percent = (description: string) => ({ type: ["string", "null"], pattern: "^-?\\d+\\.\\d$", description: `${description} Percent with one decimal (rounded half up); null when the denominator is 0 ("—" on screen).` });

const f = zhFinance.figures;
const groupFigures = {
  projectCount: count(`${f.projectCount}: PROJECT rows; a bundle counts as its sub-projects`),
  programmeCount: count(f.programmeCount),
  totalWan: money(`${f.totalWan} (a bundle's total is on its parent; sub-projects add nothing)`),
  unknownCount: count(`${f.unknownCount}: top-level projects with no total investment (never counted as 0)`),
  annualPlanWan: money(`${f.annualPlanWan} of the period's year`),
  completedYearWan: money(`${f.completedYearWan}: approved reports (or, with submitted=1, submitted ones) of the year up to the period`),
  completedToDateWan: money(`${f.completedToDateWan}: every counted report up to the period`),
  completedOfKnownWan: money(f.completedOfKnownWan),
  fundsYearWan: money(`${f.fundsYearWan}: central + provincial + local + special bonds + self-raised`),
  dueStartCount: count(`${f.dueStartCount}: projects whose planned start is on or before the end of the period`),
  startedCount: count(`${f.startedCount}: of those, started`),
  dueCompleteCount: count(`${f.dueCompleteCount}: projects whose planned completion is on or before the end of the period`),
  onTimeCount: count(`${f.onTimeCount}: of those, completed no later than planned`),
};

const rates = Object.fromEntries([
  ...Object.entries(RATES).map(([key, r]) => [key, percent(`${r.label}: ${r.formula}`)]),
  ["schedule", { type: "string", description: `${zhFinance.rates.schedule.label}: ${zhFinance.rates.schedule.formula} Percent, one decimal.` }],
  ["scheduleGap", { type: ["string", "null"], description: `${zhFinance.rates.scheduleGap.label}: ${zhFinance.rates.scheduleGap.formula} Percentage points, one decimal; null when 投资完成率 is null.` }],
]);

const error = {
  type: "object",
  properties: {
    error: {
      type: "object",
      required: ["code", "message"],
      properties: {
        code: { type: "string", enum: ["VALIDATION", "UNAUTHENTICATED", "FORBIDDEN", "NOT_FOUND", "INTERNAL"] },
        message: { type: "string", description: "Simplified Chinese, for people" },
        fieldErrors: { type: "object", additionalProperties: { type: "array", items: { type: "string" } } },
      },
    },
  },
};

const errors = {
  "400": { description: "Invalid parameters", content: { "application/json": { schema: { $ref: "#/components/schemas/Error" } } } },
  "401": { description: "No valid session cookie or API token", content: { "application/json": { schema: { $ref: "#/components/schemas/Error" } } } },
  "403": { description: "The caller's role may not read plans", content: { "application/json": { schema: { $ref: "#/components/schemas/Error" } } } },
};

export const OPENAPI = {
  openapi: "3.1.0",
  info: {
    title: "规划项目投资台账 API",
    version: "1.0.0",
    description:
      "Read-only figures of the plans, the same as the finance dashboard shows. Money is in 万元 as exact decimal strings (never floats); unknown amounts are null. Authenticate with the session cookie of a signed-in user, or with `Authorization: Bearer <token>` using an API token an administrator issued (系统管理 → API 令牌); a token acts with its issuer's role and units.",
  },
  servers: [{ url: "/" }],
  security: [{ bearerToken: [] }, { sessionCookie: [] }],
  paths: {
    "/api/v1/plans": {
      get: {
        summary: "List plans",
        operationId: "listPlans",
        responses: {
          "200": {
            description: "Plans",
            content: { "application/json": { schema: { type: "object", required: ["plans"], properties: { plans: { type: "array", items: { $ref: "#/components/schemas/Plan" } } } } } },
          },
          "401": errors["401"],
          "403": errors["403"],
        },
      },
    },
    "/api/v1/rollups": {
      get: {
        summary: "Figures of a plan grouped by unit, category, start year, status or unit × category",
        operationId: "getRollup",
        parameters: [
          { name: "plan", in: "query", required: true, schema: { type: "integer" }, description: "Plan id (from /api/v1/plans)" },
          { name: "by", in: "query", required: false, schema: { type: "string", enum: ["unit", "category", "year", "status", "unitCategory"], default: "unit" }, description: "category = the plan's sections (专栏/类别); year = planned start year of the build period" },
          { name: "period", in: "query", required: false, schema: { type: "string", examples: ["2025-03", "2025-Q1"] }, description: "Reporting period in the plan's cycle (monthly YYYY-MM or quarterly YYYY-Qn). Default: the newest period anyone reported for, else the last closed period." },
          { name: "submitted", in: "query", required: false, schema: { type: "string", enum: ["0", "1"], default: "0" }, description: "1 = include submitted but not yet approved reports (figures are then not official)" },
        ],
        responses: {
          "200": { description: "Rows of the grouping and the plan total; the rows add up to the total exactly", content: { "application/json": { schema: { $ref: "#/components/schemas/Rollup" } } } },
          "400": errors["400"],
          "401": errors["401"],
          "403": errors["403"],
          "404": { description: "No such plan", content: { "application/json": { schema: { $ref: "#/components/schemas/Error" } } } },
        },
      },
    },
    "/api/v1/reports": {
      post: {
        summary: "File or edit one project's progress report (调度) for one period",
        operationId: "saveReport",
        description:
          "The same operation as the report form: validated, authorised by the project's reporting unit (county officers: own units only), audited, with optimistic locking. Send `version` (of the period's current report) when one exists; a stale version gets 409 with the changes made meanwhile. Saving exactly what is stored is answered without writing.",
        requestBody: {
          required: true,
          content: {
            "application/json": {
              schema: {
                type: "object",
                required: ["projectId", "period", "moneyUnit", "completedAmount"],
                properties: {
                  projectId: { type: "integer" },
                  period: { type: "string", examples: ["2025-03", "2025-Q1"] },
                  version: { type: "integer" },
                  moneyUnit: { type: "string", enum: ["wan", "yi"], description: "Unit of every amount in the request: 万元 or 亿元" },
                  completedAmount: { type: "string", description: "本期完成投资, a non-negative decimal string" },
                  annualPlan: { type: "string" },
                  fundsCentral: { type: "string" },
                  fundsProvincial: { type: "string" },
                  fundsLocal: { type: "string" },
                  fundsSpecialBond: { type: "string" },
                  fundsSelf: { type: "string" },
                  progressPercent: { type: "string" },
                  progressText: { type: "string" },
                  problems: { type: "string" },
                  nextSteps: { type: "string" },
                  outOfPeriodReason: { type: "string" },
                  correctionReason: { type: "string" },
                  submit: { type: "boolean" },
                },
              },
            },
          },
        },
        responses: {
          "200": { description: "Saved: id, version, status and warnings (e.g. completion above the total investment)" },
          "400": errors["400"],
          "401": errors["401"],
          "403": errors["403"],
          "409": { description: "Stale version", content: { "application/json": { schema: { $ref: "#/components/schemas/Error" } } } },
          "503": { description: "Database unavailable", content: { "application/json": { schema: { $ref: "#/components/schemas/Error" } } } },
        },
      },
    },
  },
  components: {
    securitySchemes: {
      bearerToken: { type: "http", scheme: "bearer", description: "API token (plt_…) issued by an administrator" },
      sessionCookie: { type: "apiKey", in: "cookie", name: "next-auth.session-token" },
    },
    schemas: {
      Error: error,
      Plan: {
        type: "object",
        required: ["id", "title", "level", "period"],
        properties: {
          id: { type: "integer" },
          key: { type: "string" },
          title: { type: "string" },
          level: { type: "string", enum: ["PROVINCE", "CITY", "PREFECTURE", "DISTRICT"] },
          region: { type: "string" },
          period: { type: "object", properties: { start: { type: "integer" }, end: { type: "integer" } } },
          reportingCycle: { type: "string", enum: ["MONTHLY", "QUARTERLY"] },
          hasProjectList: { type: "boolean" },
        },
      },
      GroupRow: {
        type: "object",
        properties: {
          key: {
            type: "object",
            description: "The group: unitId (null = projects without a unit), sectionId, startYear (null = not given) and/or status; empty for the total",
            properties: { unitId: { type: ["integer", "null"] }, sectionId: { type: "integer" }, startYear: { type: ["integer", "null"] }, status: { type: "string", enum: ["PREPARATION", "CONSTRUCTION", "COMPLETED", "IN_USE"] } },
          },
          name: { type: "string" },
          ...groupFigures,
          rates: { type: "object", properties: rates },
        },
      },
      Rollup: {
        type: "object",
        required: ["plan", "by", "period", "asOf", "moneyUnit", "rows", "total"],
        properties: {
          plan: { type: "object", properties: { id: { type: "integer" }, title: { type: "string" } } },
          by: { type: "string" },
          period: { type: "string" },
          asOf: { type: "string", format: "date", description: "Last day of the period: planned starts/completions up to this date are due" },
          includeSubmitted: { type: "boolean" },
          moneyUnit: { type: "string", const: "万元" },
          percentUnit: { type: "string", const: "%" },
          rows: { type: "array", items: { $ref: "#/components/schemas/GroupRow" } },
          total: { $ref: "#/components/schemas/GroupRow" },
        },
      },
    },
  },
};
