import "server-only";
import { sectionName } from "@/lib/sections";
import type { Writable } from "node:stream";
import { Decimal } from "decimal.js";
import { z } from "zod";
import { chinaToday, formatDateTime } from "@/lib/dates";
import { BOM, csvLine, type CsvValue } from "@/lib/excel/csv";
import { db } from "@/lib/db";
import { AppError } from "@/lib/errors";
import { zh } from "@/lib/i18n/zh-CN";
import { changeLine } from "@/lib/i18n/audit-labels";
import { inUnit, UNIT_LABEL, type MoneyUnit } from "@/lib/money";
import { ROLE_LABEL } from "@/lib/permissions";
import { moneyParamSchema } from "@/lib/schemas/export";
import { parseProjectFilters } from "@/lib/schemas/project-filters";
import { auditFiltersSchema, auditQuery } from "@/lib/server/audit/list-audit";
import { readableAudit } from "@/lib/server/audit/readable-audit";
import { validate } from "@/lib/schemas/validate";
import { authorize } from "@/lib/server/auth/authorize";
import type { SessionUser } from "@/lib/server/auth/current-user";
import { operation } from "@/lib/server/operation";
import { listImports } from "@/lib/server/imports/get-import";
import { getPlanWarnings } from "@/lib/server/plans/get-plan";
import { listPlans } from "@/lib/server/plans/list-plans";
import { orderBy, projectWhere } from "@/lib/server/projects/list-projects";
import { listUsers } from "@/lib/server/users/list-users";
import { CSV_TYPE, type FileJob } from "./file-response";
import { breathe } from "./xlsx-kit";

// CSV of every list screen, with the screen's own filters (UTF-8 with BOM, formula-safe text).
// Long lists are read and written page by page.
export const CSV_LISTS = ["projects", "plans", "warnings", "audit", "users", "imports"] as const;
export type CsvList = (typeof CSV_LISTS)[number];

type Params = Record<string, string | undefined>;
const PAGE = 1000;

function csvJob(fileName: string, header: string[], rows: () => AsyncIterable<CsvValue[]>): FileJob {
  return {
    fileName,
    type: CSV_TYPE,
    write: async (out: Writable) => {
      out.write(BOM + csvLine(header));
      let n = 0;
      for await (const r of rows()) {
        if (!out.write(csvLine(r)) || ++n % 500 === 0) await breathe();
      }
      out.end();
    },
  };
}

const money = (wan: { toString(): string } | null, unit: MoneyUnit): CsvValue => ({
  number: wan === null ? null : inUnit(new Decimal(wan.toString()), unit)!.toFixed(),
});
const time = (d: Date | null) => (d ? formatDateTime(d) : null);
const stamp = () => chinaToday();

// Input: the list's name (a path parameter of the route) with the list's own query parameters.
export const prepareCsv = operation({
  permission: "export.run",
  input: z.looseObject({ list: z.string() }),
  async run(actor, { list, ...rest }): Promise<FileJob> {
    const params = rest as Params;
    const unit = moneyParamSchema.parse(params.money);
    switch (list as CsvList) {
      case "projects":
        return projectsCsv(params, unit);
      case "plans": {
        const plans = await listPlans(actor, {});
        return csvJob(
          `规划列表-${stamp()}.csv`,
          [
            "规划名称",
            "层级",
            "地区",
            "规划期",
            "项目数（不含子项目）",
            "子项目数",
            "工程/任务数",
            `总投资（${UNIT_LABEL[unit]}）`,
            "投资未知",
            "数据质量提示",
          ],
          async function* () {
            for (const p of plans) {
              yield [
                p.title,
                zh.level[p.level],
                p.region.name,
                `${p.periodStart}-${p.periodEnd}`,
                p.totals?.projectCount ?? 0,
                p.totals?.subProjectCount ?? 0,
                p.totals?.programmeCount ?? 0,
                money(p.totals?.totalWan ?? null, unit),
                p.totals?.unknownCount ?? 0,
                p._count.warnings,
              ];
            }
          },
        );
      }
      case "warnings": {
        const planId = Number(params.plan);
        const plan = Number.isSafeInteger(planId) && planId > 0 ? await db.plan.findUnique({ where: { id: planId }, select: { id: true, title: true } }) : null;
        if (!plan) throw new AppError("NOT_FOUND", "找不到该规划。");
        const warnings = await getPlanWarnings(actor, { planId: plan.id });
        return csvJob(`${plan.title}-数据质量提示.csv`, ["对象", "单位", "名称", "说明"], async function* () {
          for (const w of warnings) {
            yield [zh.warning[w.target], w.project?.unit?.name ?? null, w.project?.name ?? (w.section ? sectionName(w.section) : null), w.message];
          }
        });
      }
      case "audit":
        return auditCsv(actor, params);
      case "users": {
        const users = await listUsers(actor, {});
        return csvJob(`用户列表-${stamp()}.csv`, ["用户名", "姓名", "角色", "负责单位", "状态"], async function* () {
          for (const u of users)
            yield [
              u.username,
              u.displayName,
              ROLE_LABEL[u.role],
              u.units.map((x) => `${x.unit.plan.title} · ${x.unit.name}`).join("；"),
              u.disabledAt ? "已停用" : "正常",
            ];
        });
      }
      case "imports": {
        const rows = await listImports(actor, {});
        return csvJob(
          `导入记录-${stamp()}.csv`,
          ["批次", "规划", "文件", "状态", "上传时间", "导入时间", "操作人", "新增", "变更", "未变", "拒绝"],
          async function* () {
            for (const r of rows) {
              yield [
                r.id,
                r.planTitle,
                r.fileName,
                r.status === "COMMITTED" ? "已导入" : "已预览",
                time(r.createdAt),
                time(r.committedAt),
                r.createdBy,
                r.counts?.new ?? null,
                r.counts?.changed ?? null,
                r.counts?.unchanged ?? null,
                r.counts?.rejected ?? null,
              ];
            }
          },
        );
      }
      default:
        throw new AppError("NOT_FOUND", "没有这种导出。");
    }
  },
});

// The project list with the list's filters and sort, every page. Its columns are also an import layout
// (项目编号 identifies the row), so the CSV comes back in unchanged.
function projectsCsv(params: Params, unit: MoneyUnit): FileJob {
  const f = parseProjectFilters(params);
  const where = projectWhere(f);
  const header = ["项目编号", "规划", "单位", "项目类别", "项目名称", "类型", "上级项目编号", "建设单位", "建设周期", `总投资（${UNIT_LABEL[unit]}）`, "状态"];
  return csvJob(`项目列表-${stamp()}.csv`, header, async function* () {
    for (let skip = 0; ; skip += PAGE) {
      const rows = await db.project.findMany({
        where,
        orderBy: orderBy(f),
        skip,
        take: PAGE,
        include: {
          plan: { select: { title: true } },
          unit: { select: { name: true } },
          section: { select: { number: true, title: true } },
          parent: { select: { key: true } },
        },
      });
      for (const p of rows) {
        yield [
          p.key,
          p.plan.title,
          p.unit?.name ?? null,
          sectionName(p.section),
          p.name,
          zh.projectKind[p.kind],
          p.parent?.key ?? null,
          p.owner,
          p.startYear === null && p.endYear === null ? null : `${p.startYear ?? ""}-${p.endYear ?? ""}`,
          money(p.totalInvestment, unit),
          zh.status[p.status],
        ];
      }
      if (rows.length < PAGE) return;
    }
  });
}

// The audit log needs its own permission on top of export.run; its texts are the log page's.
async function auditCsv(actor: SessionUser, params: Params): Promise<FileJob> {
  await authorize(actor, "audit.readAll");
  const f = validate(auditFiltersSchema, params);
  const where = await auditQuery(f);
  return csvJob(`操作日志-${stamp()}.csv`, ["时间", "操作人", "操作", "对象类型", "对象", "对象编号", "变更", "原因"], async function* () {
    let cursor: bigint | undefined;
    for (;;) {
      const rows = await db.auditEvent.findMany({
        where: { AND: [where, ...(cursor !== undefined ? [{ id: { lt: cursor } }] : [])] },
        orderBy: { id: "desc" },
        take: PAGE,
        include: { actor: { select: { username: true, displayName: true } } },
      });
      for (const r of await readableAudit(rows)) {
        yield [r.time, r.actor, r.actionText, r.typeText, r.subject, r.entityId, r.changes.map(changeLine).join("；"), r.reason];
      }
      if (rows.length < PAGE) return;
      cursor = rows[rows.length - 1].id;
    }
  });
}
