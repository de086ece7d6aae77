import "server-only";
import { z } from "zod";
import type { Action } from "@/lib/permissions";
import {
  changeSinceSchema,
  countsSchema,
  errorResponseSchema,
  groupRowSchema,
  importLineSchema,
  openApiDocumentSchema,
  planCreatedSchema,
  planListResponseSchema,
  planSchema,
  projectCreatedSchema,
  projectEditedSchema,
  reportSavedSchema,
  rollupResponseSchema,
  indicatorListResponseSchema,
  unitCreatedSchema,
} from "@/lib/schemas/api-responses";
import { attachmentAddedSchema, attachmentRemovedSchema, attachmentUploadBody } from "@/lib/schemas/attachment";
import { evaluationExportSchema } from "@/lib/schemas/evaluation";
import { moneyParamSchema, rollupExportSchema, scheduleExportSchema } from "@/lib/schemas/export";
import { rollupQuerySchema } from "@/lib/schemas/finance";
import { indicatorExportSchema, indicatorListSchema } from "@/lib/schemas/indicator";
import { importUploadSchema } from "@/lib/schemas/import";
import { recordId } from "@/lib/schemas/fields";
import { planCreateSchema } from "@/lib/schemas/plan";
import { templateExportSchema } from "@/lib/schemas/plan-template";
import { projectFiltersSchema } from "@/lib/schemas/project-filters";
import { projectEntrySchema } from "@/lib/schemas/project-entry";
import { projectUpdateSchema } from "@/lib/schemas/project-update";
import { reportSaveSchema } from "@/lib/schemas/report";
import { unitCreateSchema } from "@/lib/schemas/unit";
import { auditFiltersSchema } from "@/lib/server/audit/list-audit";
import { CSV_LISTS } from "@/lib/server/exports/export-csv";
import { CSV_TYPE, DOCX_TYPE, XLSX_TYPE } from "@/lib/server/exports/file-response";

// Every /api/v1 operation, with the zod schemas its route validates with and answers with. The
// OpenAPI description (openapi.ts) is generated from this table; tests/integration/openapi.test.ts
// checks that every route file is in it and that real answers parse with the documented schemas.

// Named schemas (components): responses as sent, request bodies as accepted.
export const RESPONSE_COMPONENTS = {
  Error: errorResponseSchema,
  ChangeSince: changeSinceSchema,
  Counts: countsSchema,
  Plan: planSchema,
  PlanList: planListResponseSchema,
  PlanCreated: planCreatedSchema,
  UnitCreated: unitCreatedSchema,
  GroupRow: groupRowSchema,
  Rollup: rollupResponseSchema,
  IndicatorList: indicatorListResponseSchema,
  ReportSaved: reportSavedSchema,
  ProjectEdited: projectEditedSchema,
  ProjectCreated: projectCreatedSchema,
  ImportLine: importLineSchema,
  AttachmentAdded: attachmentAddedSchema,
  AttachmentRemoved: attachmentRemovedSchema,
  OpenApiDocument: openApiDocumentSchema,
};

// The import route reads multipart form fields itself (app/api/v1/imports/route.ts); the file name
// comes from the file part.
const importUploadBody = z.strictObject({
  planId: importUploadSchema.shape.planId,
  file: z.file().meta({ description: "The project list: .xlsx or .csv (the 岳阳 appendix layout or the project list export's own columns)" }),
});

// A new unit's plan is the path's (POST /api/v1/plans/{id}/units).
const unitCreateBody = unitCreateSchema.omit({ planId: true });

export const REQUEST_COMPONENTS = {
  ReportSave: reportSaveSchema,
  ProjectUpdate: projectUpdateSchema,
  ProjectEntry: projectEntrySchema,
  ImportUpload: importUploadBody,
  AttachmentUpload: attachmentUploadBody,
  PlanCreate: planCreateSchema,
  UnitCreate: unitCreateBody,
};

export type Ok = { description: string } & (
  | { json: z.ZodType }
  | { ndjson: z.ZodType } // one JSON value per line
  | { file: string; headers?: Record<string, { description: string; schema: object }> }
);

export type Operation = {
  method: "get" | "post" | "patch" | "delete";
  path: string;
  operationId: string;
  tag: string;
  summary: string;
  description?: string;
  public?: true; // no authentication
  actions?: Action[]; // the rights checked (any one suffices); 403 is documented when a role lacks them
  pathParams?: z.ZodObject;
  query?: z.ZodObject;
  queryByValue?: Record<string, z.ZodObject>; // filters that depend on the path parameter's value
  body?: { type: "application/json" | "multipart/form-data"; schema: z.ZodType };
  ok: Ok;
  errors?: (400 | 404 | 409)[]; // besides 401, 403, 429, 500 and 503, which openapi.ts adds
};

const projectId = z.strictObject({ id: projectUpdateSchema.shape.id.meta({ description: "Project id" }) });
const planId = z.strictObject({ id: recordId().meta({ description: "Plan id" }) });
const csvList = z.strictObject({ list: z.enum(CSV_LISTS).meta({ description: "The list screen whose rows are exported" }) });
const planFilter = z.strictObject({ plan: recordId().meta({ description: "Plan id" }) });
const reportId = z.strictObject({ id: recordId().meta({ description: "Progress report (revision) id" }) });
const milestoneId = z.strictObject({ id: recordId().meta({ description: "Milestone id" }) });
const attachmentId = z.strictObject({ id: recordId().meta({ description: "Attachment id" }) });
const attachment = { "Content-Disposition": { description: "attachment with the file name (UTF-8, RFC 6266)", schema: { type: "string" } } };

export const OPERATIONS: Operation[] = [
  {
    method: "get",
    path: "/api/v1/plans",
    operationId: "listPlans",
    tag: "Figures",
    summary: "List plans with their counts and 总投资",
    description: "The plans a caller can ask rollups for, with the counts and 总投资 the plan page shows (no period).",
    actions: ["plan.read"],
    ok: { description: "Plans", json: planListResponseSchema },
  },
  {
    method: "post",
    path: "/api/v1/plans",
    operationId: "createPlan",
    tag: "Plans",
    summary: "Create a plan (plan office)",
    description:
      "The same operation as the new plan form: title, level, region (regionId of an existing region, or regionName + regionLevel for a new one), period, reporting cycle, the money unit screens show first, and optionally the plan document (.txt in UTF-8 or GB18030, or .docx, base64; at most 700 KB), whose text is kept with the plan. Audited as plan.create. Units, categories and projects follow (POST /api/v1/plans/{id}/units, the import).",
    actions: ["plan.manage"],
    body: { type: "application/json", schema: planCreateSchema },
    ok: { description: "Created", json: planCreatedSchema },
    errors: [400],
  },
  {
    method: "post",
    path: "/api/v1/plans/{id}/units",
    operationId: "createUnit",
    tag: "Plans",
    summary: "Add a reporting unit to a plan (plan office)",
    description:
      "The same operation as the plan settings page: the name is unique within the plan (retired units included). Refused for an archived plan (403). Audited as unit.create.",
    actions: ["plan.manage"],
    pathParams: planId,
    body: { type: "application/json", schema: unitCreateBody },
    ok: { description: "Created", json: unitCreatedSchema },
    errors: [400, 404],
  },
  {
    method: "get",
    path: "/api/v1/rollups",
    operationId: "getRollup",
    tag: "Figures",
    summary: "Figures of a plan grouped by unit, category, start year, status or unit × category",
    description: "The same figures as the finance dashboard, for one reporting period.",
    actions: ["plan.read"],
    query: rollupQuerySchema,
    ok: { description: "Rows of the grouping and the plan total; the rows add up to the total exactly", json: rollupResponseSchema },
    errors: [400, 404],
  },
  {
    method: "get",
    path: "/api/v1/indicators",
    operationId: "listIndicators",
    tag: "Figures",
    summary: "A plan's 主要指标 with baseline, target, yearly values and assessment",
    description:
      "Texts exactly as printed in the plan, with the comparator and exact values parsed from them; assessment by the one rule of lib/indicators/assess.ts (已达标 / 进度正常 on the straight path from baseline to target / 滞后 / 无数据, a reviewer's judgement for qualitative targets). Approved values only unless submitted=1.",
    actions: ["plan.read"],
    query: indicatorListSchema,
    ok: { description: "The plan's indicators in printed order", json: indicatorListResponseSchema },
    errors: [400, 404],
  },
  {
    method: "post",
    path: "/api/v1/reports",
    operationId: "saveReport",
    tag: "Reporting",
    summary: "File or edit one project's progress report (调度) for one period",
    description:
      "The same operation as the report form: validated, authorised by the project's reporting unit (county officers: own units only), audited, with optimistic locking. Send `version` (of the period's current report) when one exists; a stale version gets 409 with the changes made meanwhile. Saving exactly what is stored is answered without writing. Sub-projects of a bundle are not reported on their own.",
    actions: ["report.write"],
    body: { type: "application/json", schema: reportSaveSchema },
    ok: { description: "Saved: id, version, status and warnings", json: reportSavedSchema },
    errors: [400, 404, 409],
  },
  {
    method: "post",
    path: "/api/v1/projects",
    operationId: "createProject",
    tag: "Projects",
    summary: "Add a project by hand to one of the caller's reporting units",
    description:
      "The same operation as the new-project form: validated (amounts to NUMERIC(18,4) in 万元), authorised by the unit (county officers: own units only), audited. Provenance is ENTERED (who and when, never a document quote). A county officer's project is a 申报 (PROPOSED) and counts in no official figure until the plan office admits it (入库); the plan office's own is ADMITTED. A sub-project (parentId: a top-level line of the same plan and unit) carries no money. Funding sources that do not add up to the total are a warning in the answer, not a refusal.",
    actions: ["project.create"],
    body: { type: "application/json", schema: projectEntrySchema },
    ok: { description: "Created: id, version, admission and warnings", json: projectCreatedSchema },
    errors: [400, 404],
  },
  {
    method: "patch",
    path: "/api/v1/projects/{id}",
    operationId: "editProject",
    tag: "Projects",
    summary: "Change a project's facts: directly (plan office) or as a 调整申请 (county officers)",
    description:
      "The same operation as the project edit form. The plan office (project.update) changes the facts directly, with a reason, audited. A county officer (project.requestChange, own units) files a 调整申请 instead: nothing official changes until a reviewer approves it, and the answer carries its requestId; a manual status change applies directly. Send every field with the `version` the change is based on; a stale version gets 409 with the changes made meanwhile.",
    actions: ["project.update", "project.requestChange"],
    pathParams: projectId,
    body: { type: "application/json", schema: projectUpdateSchema },
    ok: { description: "Applied, filed or unchanged", json: projectEditedSchema },
    errors: [400, 404, 409],
  },
  {
    method: "post",
    path: "/api/v1/imports",
    operationId: "uploadImport",
    tag: "Files",
    summary: "Upload a project list: step 1 of an import (read, check, preview)",
    description:
      "Reads and checks the file and keeps the comparison with the plan as a preview (/imports/{batchId}); nothing else changes until the preview is committed on screen. Answers with newline-delimited JSON: progress lines while the file is read and checked, then one line with the result. Errors found before the file is read are a JSON error with its status; errors while reading (a bad file, an unknown plan) are the last line.",
    actions: ["import.run"],
    body: { type: "multipart/form-data", schema: importUploadBody },
    ok: { description: "Progress lines, then {done, batchId, counts} or {error}", ndjson: importLineSchema },
    errors: [400],
  },
  {
    method: "get",
    path: "/api/v1/exports/rollup",
    operationId: "exportRollup",
    tag: "Files",
    summary: "The plan's rollup tables by unit and by 专栏/类别 (.xlsx)",
    actions: ["export.run"],
    query: rollupExportSchema,
    ok: { description: "The workbook, streamed", file: XLSX_TYPE, headers: attachment },
    errors: [400, 404],
  },
  {
    method: "get",
    path: "/api/v1/exports/evaluation",
    operationId: "exportEvaluation",
    tag: "Files",
    summary: "The plan's 评估报告 (年度, 中期 or 终期) as a Word document (.docx)",
    description:
      "一、总体进展 (indicators by status, the projects' totals), 二、主要指标完成情况 (baseline, latest approved value, target, status), 三、重大项目进展 (by unit: 项目数, 总投资, 累计完成, 累计完成率, and the 四率), 四、存在的主要问题 (the approved reports' 存在问题 by unit), with two charts. Official figures only, the same as GET /api/v1/indicators?year= and the dashboard for the year's last period (the current period in the current year). 503 when the server lacks the CJK font (Debian fonts-noto-cjk).",
    actions: ["export.run"],
    query: evaluationExportSchema,
    ok: { description: "The document", file: DOCX_TYPE, headers: attachment },
    errors: [400, 404],
  },
  {
    method: "get",
    path: "/api/v1/exports/schedule",
    operationId: "exportSchedule",
    tag: "Files",
    summary: "The 调度表 of a plan (or one unit) for one period (.xlsx)",
    actions: ["export.run"],
    query: scheduleExportSchema,
    ok: {
      description: "The workbook, streamed",
      file: XLSX_TYPE,
      headers: { ...attachment, "X-Project-Count": { description: "Projects in the table", schema: { type: "integer", minimum: 0 } } },
    },
    errors: [400, 404],
  },
  {
    method: "get",
    path: "/api/v1/exports/template",
    operationId: "exportTemplate",
    tag: "Files",
    summary: "A blank project list in the appendix layout the import reads (.xlsx)",
    description:
      "Title line and the header 单位 / 项目类别 / 项目名称 / 建设周期 / 总投资（亿元）, with a 说明 sheet. With plan: the plan's active units and its categories as pick lists. Filled in, it imports as it is (POST /api/v1/imports).",
    actions: ["export.run"],
    query: templateExportSchema,
    ok: { description: "The workbook, streamed", file: XLSX_TYPE, headers: attachment },
    errors: [400, 404],
  },
  {
    method: "get",
    path: "/api/v1/exports/indicators",
    operationId: "exportIndicators",
    tag: "Files",
    summary: "A plan's 主要指标 × years with the official values: the template the import reads back (.xlsx)",
    description:
      "One row per indicator for the plan's region (范围 blank) and per indicator and unit with official values; columns 指标编号 / 领域 / 指标 / 计量单位 / 属性 / 范围 / 基期 / 目标, one per year of the plan period (approved values only), 数据来源. Filled in and uploaded (POST /api/v1/imports), the changed cells are previewed and, confirmed, become values awaiting review.",
    actions: ["export.run"],
    query: indicatorExportSchema,
    ok: { description: "The workbook, streamed", file: XLSX_TYPE, headers: attachment },
    errors: [400, 404],
  },
  {
    method: "get",
    path: "/api/v1/exports/csv/{list}",
    operationId: "exportCsv",
    tag: "Files",
    summary: "A list screen as CSV (UTF-8 with BOM), with the screen's own filters and sort",
    description:
      "Every row the filters select (no paging). warnings needs plan. Besides export.run: audit needs audit.readAll, users user.manage, imports import.run.",
    actions: ["export.run"],
    pathParams: csvList,
    query: z.strictObject({ money: moneyParamSchema }),
    queryByValue: { projects: projectFiltersSchema.omit({ page: true }), warnings: planFilter, audit: auditFiltersSchema.omit({ page: true }) },
    ok: { description: "The CSV, streamed", file: CSV_TYPE, headers: attachment },
    errors: [400, 404],
  },
  {
    method: "post",
    path: "/api/v1/reports/{id}/attachments",
    operationId: "addReportAttachment",
    tag: "Files",
    summary: "Attach a photo (形象进度) or a PDF to a progress report revision",
    description:
      "One file per request (multipart part `file`), at most 10 MB; the body is read no further than that plus 64 KB. The type is read from the bytes: JPEG or PNG photos (turned upright from EXIF, re-encoded without any metadata such as the GPS position, at most 2560 px a side, with a thumbnail) and PDFs; anything else, an empty file, a renamed program, HEIC, or an image of more than 60 million pixels is refused (400) and nothing is stored. At most 20 files a revision. Allowed while the report is a draft or returned (an approved report is locked: its correction takes its own files). Audited as attachment.add on the report.",
    actions: ["report.write"],
    pathParams: reportId,
    body: { type: "multipart/form-data", schema: attachmentUploadBody },
    ok: { description: "Stored", json: attachmentAddedSchema },
    errors: [400, 404],
  },
  {
    method: "post",
    path: "/api/v1/milestones/{id}/attachments",
    operationId: "addMilestoneAttachment",
    tag: "Files",
    summary: "Attach a scan (批复文件, PDF) or a photo to a milestone",
    description: "The same checks and limits as a report's attachments (20 files a milestone). Audited as attachment.add on the milestone.",
    actions: ["milestone.write"],
    pathParams: milestoneId,
    body: { type: "multipart/form-data", schema: attachmentUploadBody },
    ok: { description: "Stored", json: attachmentAddedSchema },
    errors: [400, 404],
  },
  {
    method: "get",
    path: "/api/v1/attachments/{id}",
    operationId: "getAttachment",
    tag: "Files",
    summary: "An attachment's file (size=thumb: a photo's thumbnail, JPEG)",
    description:
      "For whoever may read the project. Photos (as re-encoded here) are served inline, PDFs as a download; always with X-Content-Type-Options: nosniff and a sandboxing Content-Security-Policy.",
    actions: ["plan.read"],
    pathParams: attachmentId,
    query: z.strictObject({ size: z.enum(["full", "thumb"]).optional().meta({ description: "thumb: the photo's thumbnail" }) }),
    ok: {
      description: "The file",
      file: "image/jpeg",
      headers: {
        "Content-Disposition": { description: "inline (photos) or attachment (PDFs), with the file name (UTF-8, RFC 6266)", schema: { type: "string" } },
      },
    },
    errors: [400, 404],
  },
  {
    method: "delete",
    path: "/api/v1/attachments/{id}",
    operationId: "removeAttachment",
    tag: "Files",
    summary: "Remove an attachment",
    description:
      "Whoever may edit its report (while the report is a draft or returned) or its milestone. The bytes are deleted; the record and the audit row (attachment.remove) stay.",
    actions: ["report.write", "milestone.write"],
    pathParams: attachmentId,
    ok: { description: "Removed", json: attachmentRemovedSchema },
    errors: [400, 404, 409],
  },
  {
    method: "get",
    path: "/api/v1/openapi.json",
    operationId: "getOpenApi",
    tag: "Meta",
    summary: "This description (OpenAPI 3.1)",
    public: true,
    ok: { description: "The description", json: openApiDocumentSchema },
  },
];
