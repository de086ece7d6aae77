import "server-only";
import { reportGridSchema } from "@/lib/schemas/report";
import { operation } from "@/lib/server/operation";
import { runAction } from "@/lib/server/run-action";
import { saveReport } from "./save-report";

// The Excel habit: one period's reports for many projects at once. Each row is saved on its own
// (own validation, authorisation and transaction), so a half-good grid saves the good rows and
// returns the bad ones with their messages.
export const saveReportGrid = operation({
  permission: "report.write",
  input: reportGridSchema,
  async run(actor, v) {
    const results = [];
    for (const row of v.rows) {
      const result = await runAction(() => saveReport(actor, { ...row, period: v.period }));
      results.push({ projectId: Number(row.projectId), ...result });
    }
    return { saved: results.filter((r) => r.ok).length, failed: results.filter((r) => !r.ok).length, results };
  },
});
