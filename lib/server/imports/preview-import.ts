import "server-only";
import crypto from "node:crypto";
import { z } from "zod";
import { db } from "@/lib/db";
import { AppError } from "@/lib/errors";
import { zhExcel } from "@/lib/i18n/zh-CN-excel";
import { importUploadSchema } from "@/lib/schemas/import";
import { operation } from "@/lib/server/operation";
import { authorize } from "@/lib/server/auth/authorize";
import { annualPlanChanges, type AnnualPlanOp } from "./annual-plan-changes";
import { indicatorValueChanges, type IndicatorValueOp } from "./indicator-value-changes";
import { interpret } from "./interpret";
import { planChanges, type Plan } from "./plan-changes";
import { readSpreadsheet } from "./read-file";

// Step 1 of an import: read and check the file, compare it with the plan, and keep the result as an
// ImportBatch (status PREVIEWED). Changes nothing else; a bad file changes nothing at all.
export type ImportProgress = { stage: "read"; rows: number } | { stage: "check" };

export type ImportSummary = {
  layout: "appendix" | "own" | "annualPlan" | "indicatorValues";
  moneyUnit: "wan" | "yi" | null;
  kind: "xlsx" | "csv";
  unknownHeaders: string[];
  ignoredHeaders: string[];
  skippedSheets: string[];
  alreadyImported: { id: number; at: string } | null;
  counts: Plan["counts"];
  rows: Plan["rows"];
  creates: Plan["creates"];
  updates: Plan["updates"];
  newSections?: Plan["newSections"];
  annualPlans?: AnnualPlanOp[];
  indicatorValues?: IndicatorValueOp[];
  result?: { created: number; updated: number; annualPlans?: number; indicatorValues?: number };
};

// The upload's fields, its bytes (null: no file chosen) and, for the upload route, a listener for
// the progress of reading and checking the file.
const previewInput = importUploadSchema.extend({
  bytes: z.custom<Buffer>((b) => Buffer.isBuffer(b), { message: "文件内容无效" }).nullish(),
  onProgress: z.custom<(p: ImportProgress) => void>((f) => typeof f === "function").optional(),
});

export const previewImport = operation({
  permission: "import.run",
  input: previewInput,
  async run(actor, v) {
    const plan = await db.plan.findUnique({ where: { id: v.planId }, select: { id: true } });
    if (!plan) throw new AppError("NOT_FOUND", "找不到该规划。");
    if (!v.bytes) throw new AppError("VALIDATION", zhExcel.importErrors.noFile, { file: [zhExcel.importErrors.noFile] });

    const read = await readSpreadsheet(v.bytes, v.fileName, (rows) => v.onProgress?.({ stage: "read", rows }));
    v.onProgress?.({ stage: "check" });
    const file = interpret(read.sheets);
    // Indicator values: the region's and every unit's, which takes the plan-wide right to enter them.
    if (file.layout === "indicatorValues") await authorize(actor, "indicator.write");
    const changes =
      file.layout === "annualPlan"
        ? await annualPlanChanges(plan.id, file)
        : file.layout === "indicatorValues"
          ? await indicatorValueChanges(plan.id, file)
          : await planChanges(plan.id, file);
    const fileHash = crypto.createHash("sha256").update(v.bytes).digest("hex");
    const prior = await db.importBatch.findFirst({ where: { planId: plan.id, fileHash, status: "COMMITTED" }, orderBy: { id: "desc" } });
    const summary: ImportSummary = {
      layout: file.layout,
      moneyUnit: file.moneyUnit,
      kind: read.kind,
      unknownHeaders: file.unknownHeaders,
      ignoredHeaders: file.ignoredHeaders,
      skippedSheets: file.skippedSheets,
      alreadyImported: prior ? { id: prior.id, at: prior.committedAt!.toISOString() } : null,
      ...changes,
    };
    // Raw insert: the summary of a large file is several MB of JSON, which the ORM serialises slowly.
    const [batch] = await db.$queryRaw<{ id: number }[]>`
      INSERT INTO "ImportBatch" ("planId", "fileName", "fileHash", status, summary, "createdById")
      VALUES (${plan.id}, ${v.fileName}, ${fileHash}, 'PREVIEWED', ${JSON.stringify(summary)}::jsonb, ${actor.id}) RETURNING id`;
    return { batchId: batch.id, counts: changes.counts };
  },
});
