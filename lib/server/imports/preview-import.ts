import "server-only";
import crypto from "node:crypto";
import { db } from "@/lib/db";
import { AppError } from "@/lib/errors";
import { zhExcel } from "@/lib/i18n/zh-CN-excel";
import { importUploadSchema } from "@/lib/schemas/import";
import { validate } from "@/lib/schemas/validate";
import { authorize } from "@/lib/server/auth/authorize";
import type { SessionUser } from "@/lib/server/auth/current-user";
import { annualPlanChanges, type AnnualPlanOp } from "./annual-plan-changes";
import { interpret } from "./interpret";
import { planChanges, type Plan } from "./plan-changes";
import { readSpreadsheet } from "./read-file";

// Step 1 of an import: read and check the file, compare it with the plan, and keep the result as an
// ImportBatch (status PREVIEWED). Changes nothing else; a bad file changes nothing at all.
export type ImportProgress = { stage: "read"; rows: number } | { stage: "check" };

export type ImportSummary = {
  layout: "appendix" | "own" | "annualPlan";
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
  annualPlans?: AnnualPlanOp[];
  result?: { created: number; updated: number; annualPlans?: number };
};

export async function previewImport(actor: SessionUser, input: { planId: unknown; fileName: unknown; bytes: Buffer | null }, onProgress?: (p: ImportProgress) => void) {
  const v = validate(importUploadSchema, { planId: input.planId, fileName: input.fileName });
  await authorize(actor, "import.run");
  const plan = await db.plan.findUnique({ where: { id: v.planId }, select: { id: true } });
  if (!plan) throw new AppError("NOT_FOUND", "找不到该规划。");
  if (!input.bytes) throw new AppError("VALIDATION", zhExcel.importErrors.noFile, { file: [zhExcel.importErrors.noFile] });

  const read = await readSpreadsheet(input.bytes, v.fileName, (rows) => onProgress?.({ stage: "read", rows }));
  onProgress?.({ stage: "check" });
  const file = interpret(read.sheets);
  const changes = file.layout === "annualPlan" ? await annualPlanChanges(plan.id, file) : await planChanges(plan.id, file);
  const fileHash = crypto.createHash("sha256").update(input.bytes).digest("hex");
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
}
