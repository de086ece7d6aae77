import "server-only";
import { assertPlanWritable } from "@/lib/server/plans/plan-writable";
import { addTemplateMilestones } from "@/lib/server/milestones/template";
import crypto from "node:crypto";
import { db } from "@/lib/db";
import { AppError } from "@/lib/errors";
import { type Prisma } from "@/lib/generated/prisma/client";
import { zhExcel } from "@/lib/i18n/zh-CN-excel";
import { zhIndicatorImport } from "@/lib/i18n/zh-CN-indicator-import";
import { zhPlans } from "@/lib/i18n/zh-CN-plans";
import { importCommitSchema } from "@/lib/schemas/import";
import { recordAudit, recordAuditMany } from "@/lib/server/audit/record-audit";
import type { SessionUser } from "@/lib/server/auth/current-user";
import { operation } from "@/lib/server/operation";
import { isUniqueViolation } from "@/lib/server/unique-violation";
import { ensureCategories } from "@/lib/server/sections/new-section";
import { authorize } from "@/lib/server/auth/authorize";
import { writeAnnualPlans } from "./annual-plan-changes";
import { writeIndicatorValues } from "./indicator-value-changes";
import { withImportSlot } from "./import-slots";
import type { ImportSummary } from "./preview-import";

// Step 2: writes exactly what the preview listed, in one transaction (all accepted rows or none).
// Updates apply only to projects still at the version the preview saw, and new projects only
// where no project of that unit and name has appeared since; otherwise nothing is written and the
// user previews again. Committing a batch twice returns the first result; importing the same file
// again finds every row unchanged. Nothing is deleted. Every project written gets an audit event.
// Confirming a batch that is already being confirmed answers at once "已在导入" and writes nothing:
// in this process before taking a connection (import-slots.ts), across processes by the batch's
// advisory lock, taken with try (NOWAIT) as the transaction's first statement. Confirmations of
// different batches run one at a time per process (IMPORT_MAX_CONCURRENT), waiting without a
// connection, so a long import never takes more than its own connection from pages and actions.
const CHUNK = 1000;
const IMPORT_LOCK = 7_302; // advisory-lock namespace: confirming one import batch (7_301: sections)

export const commitImport = operation({
  permission: "import.run",
  input: importCommitSchema,
  async run(actor, v) {
    return withImportSlot(v.batchId, async () => {
      const result = await commitInTransaction(actor, v.batchId);
      // Fresh statistics after a large import, so the figure queries keep their plans (autovacuum may lag).
      if (!result.already && result.created + result.updated >= 1000) await db.$executeRaw`ANALYZE "Project"`;
      return result;
    });
  },
});

async function commitInTransaction(actor: SessionUser, batchId: number) {
  return db.$transaction(
    async (tx) => {
      // Named in pg_stat_activity while it runs (for operators, and the tests that count them).
      await tx.$executeRaw`SET LOCAL application_name = 'ledger-import'`;
      const [{ got }] = await tx.$queryRaw<{ got: boolean }[]>`SELECT pg_try_advisory_xact_lock(${IMPORT_LOCK}::int, ${batchId}::int) AS got`;
      if (!got) throw new AppError("CONFLICT", zhExcel.importErrors.inProgress);
      const [locked] = await tx.$queryRaw<{ id: number; status: string }[]>`SELECT id, status FROM "ImportBatch" WHERE id = ${batchId} FOR UPDATE`;
      if (!locked) throw new AppError("NOT_FOUND", zhExcel.importErrors.notFound);
      const batch = await tx.importBatch.findUniqueOrThrow({ where: { id: batchId } });
      const summary = batch.summary as unknown as ImportSummary;
      if (batch.status === "COMMITTED") return { batchId: batch.id, ...(summary.result ?? { created: 0, updated: 0 }), already: true };
      const reason = `导入批次 #${batch.id}（${batch.fileName}）`;
      const stale = () => new AppError("CONFLICT", zhExcel.importErrors.stale);
      await assertPlanWritable(tx, batch.planId);
      // A unit retired (merged) since the preview receives nothing: preview again.
      const unitIds = [...new Set([...summary.creates, ...summary.updates].map((r) => r.unitId).filter((u): u is number => u !== null))];
      if (
        unitIds.length &&
        (await tx.$queryRaw<{ id: number }[]>`SELECT id FROM "ReportingUnit" WHERE id = ANY(${unitIds}) AND "retiredAt" IS NOT NULL FOR SHARE`).length
      )
        throw stale();
      if (summary.layout === "annualPlan") return commitAnnualPlans(tx, actor, batch, summary, reason, stale);
      if (summary.layout === "indicatorValues") return commitIndicatorValues(tx, actor, batch, summary, reason);

      // categories the preview listed as new: created first, then the rows' placeholders point at them
      const newSections = summary.newSections ?? [];
      const sectionIds = await ensureCategories(
        tx,
        batch.planId,
        newSections.map((n) => n.title),
        actor.id,
        zhPlans.import.createdReason(batch.id, batch.fileName),
      );
      const refs = new Map(newSections.map((n) => [n.ref, sectionIds.get(n.title)!]));
      for (const op of [...summary.updates, ...summary.creates]) if (op.sectionId < 0) op.sectionId = refs.get(op.sectionId)!;

      // updates: one statement, guarded by the versions the preview saw
      if (summary.updates.length) {
        const rows = summary.updates.map((u) => ({
          id: u.id,
          version: u.version,
          name: u.name,
          unitId: u.unitId,
          sectionId: u.sectionId,
          owner: u.owner,
          startYear: u.startYear,
          endYear: u.endYear,
          total: u.totalInvestment,
        }));
        let updated = 0;
        for (let i = 0; i < rows.length; i += CHUNK) {
          updated += await tx.$executeRaw`
            UPDATE "Project" p SET name = v.name, "unitId" = v."unitId", "sectionId" = v."sectionId", owner = v.owner,
              "startYear" = v."startYear", "endYear" = v."endYear", "totalInvestment" = v.total::numeric,
              version = p.version + 1, "updatedAt" = now()
            FROM jsonb_to_recordset(${JSON.stringify(rows.slice(i, i + CHUNK))}::jsonb)
              AS v(id int, version int, name text, "unitId" int, "sectionId" int, owner text, "startYear" int, "endYear" int, total text)
            WHERE p.id = v.id AND p.version = v.version AND p."deletedAt" IS NULL AND p."planId" = ${batch.planId}`;
        }
        if (updated !== rows.length) throw stale();
      }

      // creates: refuse if a project of the same unit and name appeared since the preview
      if (summary.creates.length) {
        const clash = await tx.$queryRaw<{ id: number }[]>`
          SELECT p.id FROM "Project" p
          JOIN unnest(${summary.creates.map((c) => c.unitId)}::int[], ${summary.creates.map((c) => c.name)}::text[]) AS c(u, n)
            ON p."unitId" IS NOT DISTINCT FROM c.u AND p.name = c.n
          WHERE p."planId" = ${batch.planId} AND p."parentId" IS NULL AND p."deletedAt" IS NULL LIMIT 1`;
        if (clash.length) throw stale();
      }
      const { _max } = await tx.project.aggregate({ where: { planId: batch.planId }, _max: { sortOrder: true } });
      let sortOrder = (_max.sortOrder ?? 0) + 1;
      const keyOf = (unitId: number | null, name: string) => `imp-${crypto.createHash("sha256").update(`${unitId}\u0000${name}`).digest("hex").slice(0, 16)}`;
      const where = (c: ImportSummary["creates"][number]) => {
        const r = summary.rows[c.at];
        return `导入批次 #${batch.id} · ${r.sheet} 第${r.row}行`;
      };
      const created: { id: number; unitId: number | null; changes: ImportSummary["rows"][number]["changes"] }[] = [];
      try {
        for (let i = 0; i < summary.creates.length; i += CHUNK) {
          const chunk = summary.creates.slice(i, i + CHUNK);
          const parents = await insertProjects(
            tx,
            batch.planId,
            batch.fileName,
            chunk.map((c) => ({ ...c, key: keyOf(c.unitId, c.name), parentId: null, locator: where(c), sortOrder: sortOrder++ })),
          );
          const idByKey = new Map(parents.map((p) => [p.key, p.id]));
          const children = chunk.flatMap((c) => {
            const parentKey = keyOf(c.unitId, c.name);
            created.push({ id: idByKey.get(parentKey)!, unitId: c.unitId, changes: summary.rows[c.at].changes });
            return c.children.map((name, j) => ({
              ...c,
              name,
              key: `${parentKey}-${j + 1}`,
              parentId: idByKey.get(parentKey)!,
              totalInvestment: null,
              locator: `${where(c)} 子项${j + 1}/${c.children.length}`,
              sortOrder: sortOrder++,
            }));
          });
          // New buildings start with the milestone template: standalone rows and sub-projects.
          await addTemplateMilestones(tx, [...chunk.filter((c) => c.children.length === 0).map((c) => idByKey.get(keyOf(c.unitId, c.name))!)]);
          if (children.length) {
            const rows = await insertProjects(tx, batch.planId, batch.fileName, children);
            await addTemplateMilestones(
              tx,
              rows.map((r) => r.id),
            );
            const byKey = new Map(children.map((c) => [c.key, c]));
            for (const ch of rows) {
              const c = byKey.get(ch.key)!;
              created.push({
                id: ch.id,
                unitId: c.unitId,
                changes: [
                  { field: "name", old: null, new: c.name },
                  { field: "parent", old: null, new: String(c.parentId) },
                ],
              });
            }
          }
        }
      } catch (e) {
        if (isUniqueViolation(e)) throw stale();
        throw e;
      }
      await recordAuditMany(tx, [
        ...summary.updates.map((u) => ({
          actorId: actor.id,
          action: "project.import",
          entityType: "Project",
          entityId: u.id,
          planId: batch.planId,
          unitId: u.unitId,
          entityVersion: u.version + 1,
          changes: summary.rows[u.at].changes ?? [],
          reason,
        })),
        ...created.map((c) => ({
          actorId: actor.id,
          action: "project.import",
          entityType: "Project",
          entityId: c.id,
          planId: batch.planId,
          unitId: c.unitId,
          entityVersion: 1,
          changes: c.changes ?? [],
          reason,
        })),
      ]);
      const result = { created: created.length, updated: summary.updates.length };
      return finishBatch(tx, actor, batch, result, { created: result.created, updated: result.updated, rejected: summary.counts.rejected });
    },
    { timeout: 120_000, maxWait: 10_000 },
  );
}

// A 年度投资计划 sheet: the previewed amounts, all or none, audited as 下达 by this batch.
async function commitAnnualPlans(
  tx: Prisma.TransactionClient,
  actor: SessionUser,
  batch: { id: number; planId: number; fileName: string },
  summary: ImportSummary,
  reason: string,
  stale: () => AppError,
) {
  const ops = summary.annualPlans ?? [];
  if (!(await writeAnnualPlans(tx, ops, { actorId: actor.id, planId: batch.planId, reason: `下达：${reason}` }))) throw stale();
  return finishBatch(tx, actor, batch, { created: 0, updated: 0, annualPlans: ops.length }, { annualPlans: ops.length, rejected: summary.counts.rejected });
}

// An indicator-values sheet: the previewed values as proposals (SUBMITTED), all or none.
async function commitIndicatorValues(
  tx: Prisma.TransactionClient,
  actor: SessionUser,
  batch: { id: number; planId: number; fileName: string },
  summary: ImportSummary,
  reason: string,
) {
  await authorize(actor, "indicator.write");
  const ops = summary.indicatorValues ?? [];
  if (!(await writeIndicatorValues(tx, ops, { actorId: actor.id, planId: batch.planId, batchId: batch.id, reason })))
    throw new AppError("CONFLICT", zhIndicatorImport.errors.stale);
  return finishBatch(
    tx,
    actor,
    batch,
    { created: 0, updated: 0, indicatorValues: ops.length },
    { indicatorValues: ops.length, rejected: summary.counts.rejected },
  );
}

// The batch's own audit row (what was written, how many rows were rejected) and its COMMITTED mark
// with the result, so committing it again answers the same.
async function finishBatch<R extends { created: number; updated: number }>(
  tx: Prisma.TransactionClient,
  actor: SessionUser,
  batch: { id: number; planId: number; fileName: string },
  result: R,
  counts: Record<string, number>,
) {
  await recordAudit(tx, {
    actorId: actor.id,
    action: "import.commit",
    entityType: "ImportBatch",
    entityId: batch.id,
    planId: batch.planId,
    changes: Object.entries(counts).map(([field, n]) => ({ field, old: null, new: String(n) })),
    reason: batch.fileName,
  });
  await tx.$executeRaw`UPDATE "ImportBatch" SET status = 'COMMITTED', "committedAt" = now(), summary = summary || jsonb_build_object('result', ${JSON.stringify(result)}::jsonb) WHERE id = ${batch.id}`;
  return { batchId: batch.id, ...result, already: false };
}

type NewProject = {
  key: string;
  parentId: number | null;
  unitId: number | null;
  sectionId: number;
  name: string;
  owner: string | null;
  startYear: number | null;
  endYear: number | null;
  totalInvestment: string | null;
  locator: string;
  source: string;
  sortOrder: number;
};

// Bulk insert from a JSON array (one statement per chunk; the ORM's createMany is far slower here).
async function insertProjects(tx: Prisma.TransactionClient, planId: number, sourceFile: string, rows: NewProject[]) {
  return tx.$queryRaw<{ id: number; key: string }[]>`
    INSERT INTO "Project" ("planId", "sectionId", "unitId", "parentId", key, name, owner, "startYear", "endYear", "totalInvestment", "sourceFile", "sourceLocator", "sourceText", "sortOrder", "updatedAt")
    SELECT ${planId}, v."sectionId", v."unitId", v."parentId", v.key, v.name, v.owner, v."startYear", v."endYear", v."totalInvestment"::numeric, ${sourceFile}, v.locator, v.source, v."sortOrder", now()
    FROM jsonb_to_recordset(${JSON.stringify(rows)}::jsonb)
      AS v(key text, "parentId" int, "unitId" int, "sectionId" int, name text, owner text, "startYear" int, "endYear" int, "totalInvestment" text, locator text, source text, "sortOrder" int)
    RETURNING id, key`;
}
