import "server-only";
import { reportGridSubmitSchema } from "@/lib/schemas/report";
import { operation } from "@/lib/server/operation";
import { runAction } from "@/lib/server/run-action";
import { submitReport } from "./submit-report";

// The grid's 提交 step, separate from saving: submits the listed drafts (one row, or every valid row)
// each at the version the officer saw, each in its own transaction (submit-report.ts: conditional on
// version and status, else a conflict). A refused row does not stop the others.
export const submitReportGrid = operation({
  permission: "report.write",
  input: reportGridSubmitSchema,
  async run(actor, v) {
    const results = [];
    for (const item of v.items) {
      const result = await runAction(() => submitReport(actor, item));
      results.push({ id: item.id, ...result });
    }
    return { submitted: results.filter((r) => r.ok).length, failed: results.filter((r) => !r.ok).length, results };
  },
});
