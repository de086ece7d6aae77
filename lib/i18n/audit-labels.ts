import { formatDate, formatDateTime } from "@/lib/dates";
import { JUDGEMENT_RESULTS } from "@/lib/indicators/assess";
import { UNIT_LABEL } from "@/lib/money";
import { periodLabel } from "@/lib/periods";
import { ROLE_LABEL } from "@/lib/permissions";
import { fieldLabel } from "./field-labels";
import { zh, zhReports } from "./zh-CN";
import { ATTRIBUTE_LABEL, DIRECTION_LABEL } from "./zh-CN-indicators";
import { zhPlans } from "./zh-CN-plans";
import { zhPortfolio } from "./zh-CN-portfolio";

// The audit trail in Chinese: every action the code writes (tests/integration/audit-readable.test.ts
// scans the source and fails on an action without a label), the record types, and stored values
// (enums, booleans, instants, periods) as the screens show them. Names of records (which project,
// report, milestone) are resolved from the database by lib/server/audit/readable-audit.ts.
export const ACTION_LABEL: Record<string, string> = {
  "seed.load": "载入规划",
  "seed.indicators": "载入主要指标",
  "plan.create": "新建规划",
  "plan.update": "修改规划设置",
  "plan.archive": "归档规划",
  "plan.unarchive": "取消归档",
  "plan.carryOver": "结转续建项目",
  "unit.create": "新增填报单位",
  "unit.update": "修改填报单位",
  "unit.reorder": "调整单位顺序",
  "unit.retire": "停用并合并单位",
  "section.create": "新增专栏/类别",
  "section.update": "修改专栏/类别",
  "section.reorder": "调整专栏/类别顺序",
  "import.commit": "确认导入",
  "project.import": "导入项目",
  "project.create": "新增项目",
  "project.update": "修改项目",
  "project.status": "按节点更新项目状态",
  "project.admit": "入库审核通过",
  "project.return": "入库申报退回",
  "project.resubmit": "重新申报",
  "project.withdraw": "调出",
  "project.carryOver": "结转续建",
  "changeRequest.submit": "提交调整申请",
  "changeRequest.approve": "调整申请审核通过",
  "changeRequest.return": "调整申请退回",
  "milestone.add": "新增节点",
  "milestone.update": "修改节点",
  "milestone.remove": "删除节点",
  "attachment.add": "上传附件",
  "attachment.remove": "删除附件",
  "report.create": "新建调度报告",
  "report.update": "修改调度报告",
  "report.correct": "更正调度报告",
  "report.submit": "提交调度报告",
  "report.approve": "调度报告审核通过",
  "report.return": "退回调度报告",
  "annualPlan.set": "下达年度计划",
  "annualPlan.propose": "填报年度计划（草稿）",
  "annualPlan.submit": "申报年度计划",
  "annualPlan.approve": "年度计划审核通过",
  "annualPlan.return": "年度计划退回",
  "indicator.create": "新增指标",
  "indicator.direction": "设定指标方向",
  "indicator.judge": "评估定性指标",
  "indicatorValue.submit": "填报指标值",
  "indicatorValue.update": "修改指标值",
  "indicatorValue.resubmit": "重新提交指标值",
  "indicatorValue.correct": "更正指标值",
  "indicatorValue.approve": "指标值审核通过",
  "indicatorValue.return": "退回指标值",
  "user.create": "新建用户",
  "user.update": "修改用户",
  "user.resetPassword": "重置密码",
  "user.changePassword": "修改密码",
  "apiToken.issue": "签发 API 令牌",
  "apiToken.revoke": "吊销 API 令牌",
  "reminder.send": "催报",
  "reminder.webhook": "催报外部推送",
};

// Record types (AuditEvent.entityType), in the order the log's filter offers them.
export const ENTITY_LABEL: Record<string, string> = {
  Project: "项目",
  ProgressReport: "调度报告",
  AnnualPlanAmount: "年度计划",
  Milestone: "节点",
  ProjectChangeRequest: "调整申请",
  Plan: "规划",
  ReportingUnit: "填报单位",
  Section: "专栏/类别",
  ImportBatch: "导入批次",
  Indicator: "指标",
  IndicatorValue: "指标值",
  IndicatorJudgement: "定性指标评估",
  User: "用户",
  ApiToken: "API 令牌",
  Reminder: "催报",
};

export const actionLabel = (action: string) => ACTION_LABEL[action] ?? action;
export const entityLabel = (entityType: string) => ENTITY_LABEL[entityType] ?? entityType;

// Reviewed records (reports, annual plan proposals, 调整申请, indicator values) share the report states.
const REVIEW_STATUS: Record<string, string> = { ...zhReports.status, WITHDRAWN: "已撤回" };
const YES_NO: Record<string, string> = { true: "是", false: "否" };

// An enum value of a field as the screens name it; undefined when the field holds no enum.
function enumLabel(entityType: string, field: string): Record<string, string> | undefined {
  switch (field) {
    case "status":
      return entityType === "Project" ? zh.status : REVIEW_STATUS;
    case "admission":
      return zhPortfolio.admission;
    case "role":
      return ROLE_LABEL;
    case "level":
      return zh.level;
    case "reportingCycle":
      return zhPlans.cycle;
    case "moneyUnit":
      return UNIT_LABEL;
    case "kind":
      return entityType === "Section" ? zh.sectionKind : zh.projectKind;
    case "nature":
      return zhPortfolio.nature;
    case "attribute":
      return ATTRIBUTE_LABEL;
    case "direction":
      return DIRECTION_LABEL;
    case "result":
      return JUDGEMENT_RESULTS;
    case "disabled":
      return YES_NO;
  }
  return undefined;
}

// Fields that hold the id of another record: shown by that record's name.
export const REFERENCE_FIELDS = { unitId: "unit", sectionId: "section", parentId: "project", parent: "project", predecessor: "project" } as const;
export type ReferenceKind = (typeof REFERENCE_FIELDS)[keyof typeof REFERENCE_FIELDS];
export type ReferenceNames = Record<ReferenceKind, Map<number, string>>;

const INSTANT = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d+)?)?Z$/;
const DAY_FIELDS = new Set(["plannedDate", "actualDate", "docDate", "dueDate"]);
const PERIOD_FIELDS = new Set(["period", "endPeriod", "effectivePeriod", "cutoverPeriod"]);

// One stored value (a string or null) in Chinese; null stays null (shown as （空）).
export function valueText(entityType: string, field: string, value: string | null, names?: ReferenceNames): string | null {
  if (value === null || value === "") return null;
  const labels = enumLabel(entityType, field);
  if (labels?.[value]) return labels[value];
  const ref = REFERENCE_FIELDS[field as keyof typeof REFERENCE_FIELDS];
  if (ref && /^\d+$/.test(value)) return names?.[ref].get(Number(value)) ?? `#${value}`;
  if (INSTANT.test(value)) return DAY_FIELDS.has(field) ? formatDate(value) : formatDateTime(value);
  if (PERIOD_FIELDS.has(field)) return periodLabel(value);
  return value;
}

export type ChangeText = { field: string; label: string; old: string | null; new: string | null };

export function changeText(entityType: string, c: { field: string; old: string | null; new: string | null }, names?: ReferenceNames): ChangeText {
  return { field: c.field, label: fieldLabel(c.field), old: valueText(entityType, c.field, c.old, names), new: valueText(entityType, c.field, c.new, names) };
}

// One change as a line of text (the CSV export; the table renders the same parts).
export const changeLine = (c: ChangeText) => `${c.label}：${c.old ?? "（空）"} → ${c.new ?? "（空）"}`;
