import { prepareEvaluationReport } from "@/lib/server/exports/export-evaluation";
import { fileRoute, query } from "@/lib/server/route";

// GET /api/v1/exports/evaluation?plan=&stage=year|mid|final&year= — the plan's 评估报告 (.docx).
export const GET = fileRoute(prepareEvaluationReport, query);
