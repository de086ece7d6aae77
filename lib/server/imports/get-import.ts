import "server-only";
import { z } from "zod";
import { db } from "@/lib/db";
import { AppError } from "@/lib/errors";
import { zhExcel } from "@/lib/i18n/zh-CN-excel";
import { importViewSchema } from "@/lib/schemas/import";
import { operation } from "@/lib/server/operation";
import type { ImportSummary } from "./preview-import";

export const IMPORT_PAGE_SIZE = 200;

// One batch's preview (or result), with its rows filtered by state and paged.
export const getImport = operation({
  permission: "import.run",
  input: importViewSchema,
  async run(_actor, v) {
    const batch = await db.importBatch.findUnique({
      where: { id: v.id },
      include: { createdBy: { select: { displayName: true } } },
    });
    if (!batch) throw new AppError("NOT_FOUND", zhExcel.importErrors.notFound);
    const plan = await db.plan.findUniqueOrThrow({ where: { id: batch.planId }, select: { id: true, title: true } });
    const s = batch.summary as unknown as ImportSummary;
    const rows = v.state === "all" ? s.rows : s.rows.filter((r) => r.state === v.state);
    const pages = Math.max(1, Math.ceil(rows.length / IMPORT_PAGE_SIZE));
    return {
      batch: {
        id: batch.id,
        fileName: batch.fileName,
        status: batch.status,
        createdAt: batch.createdAt,
        committedAt: batch.committedAt,
        createdBy: batch.createdBy.displayName,
      },
      plan,
      summary: {
        layout: s.layout,
        moneyUnit: s.moneyUnit,
        kind: s.kind,
        unknownHeaders: s.unknownHeaders,
        ignoredHeaders: s.ignoredHeaders,
        skippedSheets: s.skippedSheets,
        newSections: (s.newSections ?? []).map((n) => n.title),
        alreadyImported: s.alreadyImported,
        counts: s.counts,
        result: s.result ?? null,
      },
      state: v.state,
      page: Math.min(v.page, pages),
      pages,
      total: rows.length,
      rows: rows.slice((Math.min(v.page, pages) - 1) * IMPORT_PAGE_SIZE, Math.min(v.page, pages) * IMPORT_PAGE_SIZE),
    };
  },
});

// The newest 100 batches, previewed or committed (the imports page and its CSV).
export const listImports = operation({
  permission: "import.run",
  input: z.object({}).default({}),
  async run() {
    const rows = await db.$queryRaw<
      {
        id: number;
        planId: number;
        planTitle: string;
        fileName: string;
        status: string;
        createdAt: Date;
        committedAt: Date | null;
        createdBy: string;
        counts: ImportSummary["counts"] | null;
        result: ImportSummary["result"] | null;
      }[]
    >`
      SELECT b.id, b."planId", p.title AS "planTitle", b."fileName", b.status, b."createdAt", b."committedAt", u."displayName" AS "createdBy",
        b.summary->'counts' AS counts, b.summary->'result' AS result
      FROM "ImportBatch" b JOIN "Plan" p ON p.id = b."planId" JOIN "User" u ON u.id = b."createdById"
      ORDER BY b.id DESC LIMIT 100`;
    return rows;
  },
});
