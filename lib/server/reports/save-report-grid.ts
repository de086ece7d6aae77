import "server-only";
import { REPORT_FIELD_LABELS, reportGridSchema } from "@/lib/schemas/report";
import { operation } from "@/lib/server/operation";
import { runAction } from "@/lib/server/run-action";
import { saveReport } from "./save-report";

// A grid row's errors, keyed by field ("_row" for what belongs to the whole row: a conflict, a
// refusal), each message naming its column ("本期完成投资：…") so it reads on its own.
export type GridRowErrors = Record<string, string[]>;

export function labelledErrors(message: string, fieldErrors: Record<string, string[]> | undefined): GridRowErrors {
  const errors: GridRowErrors = {};
  for (const [field, messages] of Object.entries(fieldErrors ?? {})) {
    const label = REPORT_FIELD_LABELS[field];
    const key = ROW_FIELDS.has(field) || !label ? "_row" : field;
    (errors[key] ??= []).push(...messages.map((m) => (label ? `${label}：${m}` : m)));
  }
  if (Object.keys(errors).length === 0) errors._row = [message];
  return errors;
}
const ROW_FIELDS = new Set(["period", "projectId", "version"]);

// The spreadsheet habit: one period's reports for many projects at once. Every row sent is saved as a
// draft on its own (own validation, authorisation, version check and transaction), so one bad row never
// holds back the good ones and nothing of a bad row is half-saved; the bad rows come back with every
// error of every row at once, keyed by row and field. 提交 is a separate step (submit-report-grid.ts).
// A row may still carry submit: true (the report form's semantics); the grid's own UI sends drafts.
export const saveReportGrid = operation({
  permission: "report.write",
  input: reportGridSchema,
  async run(actor, v) {
    const results = [];
    for (const row of v.rows) {
      const result = await runAction(() => saveReport(actor, { ...row, period: v.period }));
      const projectId = Number(row.projectId);
      results.push(result.ok ? { projectId, ...result } : { projectId, ...result, errors: labelledErrors(result.message, result.fieldErrors) });
    }
    const saved = results.filter((r) => r.ok);
    return {
      saved: saved.length,
      submitted: saved.filter((r) => r.ok && r.data.status === "SUBMITTED").length,
      failed: results.length - saved.length,
      results,
    };
  },
});
