// Text of the 评估报告 (.docx, lib/server/exports/export-evaluation.ts) and its download menu.
// Kept apart from zh-CN.ts so that parallel work on the catalog merges cleanly.
import { STAGE_LABEL, type EvaluationStage } from "@/lib/evaluation";

export const zhEvaluation = {
  download: "下载评估报告（Word）",
  choose: "评估报告",
  note: "Word 文档：总体进展、主要指标、重大项目（含“四率”）、存在问题及图表；仅计已审核数据。",
  reportName: (stage: EvaluationStage, year: number) => (stage === "year" ? `${year}年度评估报告` : `${STAGE_LABEL[stage]}报告`),
  title: (plan: string, stage: EvaluationStage, year: number) =>
    stage === "year" ? `《${plan}》${year}年度实施情况评估报告` : `《${plan}》实施情况${STAGE_LABEL[stage]}报告（${year}年）`,
  dateLine: (asOf: string, period: string, today: string) => `数据截至 ${asOf}（${period}）　　生成日期 ${today}`,
  basis: (period: string, year: number) =>
    `本报告的数字均取自系统中审核通过的正式数据（仅计已审核数据），与系统“投资看板”${period}及“主要指标”页面${year}年的数字一致；金额、比率按系统口径计算，未经手工调整。`,
  sections: { overview: "一、总体进展", indicators: "二、主要指标完成情况", projects: "三、重大项目进展", problems: "四、存在的主要问题" },
  overview: {
    indicatorsHead: "（一）主要指标。",
    indicators: (n: number, binding: number, expected: number) => `本规划共列主要指标 ${n} 项，其中约束性 ${binding} 项、预期性 ${expected} 项。`,
    byStatus: (year: number, parts: string) => `截至 ${year} 年，${parts}。`,
    noIndicators: "本规划未列主要指标。",
    countsTable: "表1　主要指标按状态统计（项）",
    attribute: "属性",
    otherAttribute: "未标属性",
    total: "合计",
    projectsHead: "（二）重大项目。",
    projects: (p: {
      count: number;
      sub: string;
      total: string;
      unknown: string;
      toDate: string;
      cumulativeRate: string;
      year: number;
      annual: string;
      ytd: string;
      investmentRate: string;
      schedule: string;
    }) =>
      `纳入统计的项目 ${p.count} 个${p.sub}，总投资 ${p.total}${p.unknown}，累计完成投资 ${p.toDate}，累计完成率 ${p.cumulativeRate}；${p.year} 年年度计划投资 ${p.annual}，本年完成投资 ${p.ytd}，投资完成率 ${p.investmentRate}（序时进度 ${p.schedule}）。`,
    sub: (n: number) => (n ? `（另有子项目 ${n} 个，不计入项目数）` : ""),
    unknown: (n: number) => (n ? `（另有 ${n} 个项目总投资未知，未计入）` : ""),
    chart: "图1　主要指标按状态分布",
    chartTitle: (year: number) => `主要指标按状态分布（截至 ${year} 年，项）`,
  },
  indicators: {
    intro: (year: number) =>
      `下表列出各项指标的基期值、${year} 年及以前最近一年审核通过的监测值（括号内为年份）、规划目标值和评估状态。状态按系统统一规则判断：已达标、进度正常（不低于由基期值到目标值的序时进度）、滞后、无数据；定性目标按审核人员的评估结论。`,
    table: "表2　主要指标完成情况",
    header: ["序号", "领域", "指标", "属性", "基期值", "最新值", "目标值", "状态"],
    latest: (value: string, year: number) => `${value}（${year}）`,
  },
  projects: {
    rates: (
      period: string,
      r: { start: string; started: number; dueStart: number; investment: string; funds: string; onTime: string; onTimeCount: number; dueComplete: number },
    ) =>
      `截至${period}，开工率 ${r.start}（已开工 ${r.started} 个 / 应开工 ${r.dueStart} 个单体），投资完成率 ${r.investment}，资金到位率 ${r.funds}，按期竣工率 ${r.onTime}（按期竣工 ${r.onTimeCount} 个 / 应竣工 ${r.dueComplete} 个单体）。各单位情况见表3、表4。`,
    unitsTable: (unit: string) => `表3　各单位项目投资完成情况（金额单位：${unit}）`,
    unitsHeader: (unit: string) => ["序号", "单位", "项目数", `总投资（${unit}）`, `累计完成投资（${unit}）`, "累计完成率"],
    ratesTable: "表4　各单位“四率”",
    ratesHeader: ["单位", "开工率", "投资完成率", "资金到位率", "按期竣工率"],
    chart: "图2　各单位投资完成情况",
    chartTitle: (unit: string) => `各单位总投资与累计完成投资（${unit}）`,
    seriesTotal: "总投资",
    seriesDone: "累计完成投资",
    unknownTotal: "未知",
    noProjects: "本规划没有纳入统计的项目。",
  },
  problems: {
    intro: (year: number) => `以下为各项目 ${year} 年最近一期审核通过的调度报告所填“存在问题”，按单位列示（最近一期未再填写的，视为已解决）。`,
    none: (year: number) => `${year} 年审核通过的调度报告均未填写存在问题。`,
    unit: (seq: string, name: string, n: number) => `（${seq}）${name}（${n} 个项目）`,
    item: (i: number, project: string, period: string) => `${i}. ${project}（${period}）：`,
  },
  footer: "第 ",
  footerEnd: " 页",
  creator: "规划项目投资台账",
} as const;
