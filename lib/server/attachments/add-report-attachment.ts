import "server-only";
import { reportAttachmentAddSchema } from "@/lib/schemas/attachment";
import { authorize } from "@/lib/server/auth/authorize";
import { operation } from "@/lib/server/operation";
import { attach } from "./attach";

// Attaches one photo or PDF to a progress report revision (POST /api/v1/reports/{id}/attachments):
// officers of the report's unit and the plan office, while the report is a draft or returned.
export const addReportAttachment = operation({
  permission: "report.write",
  input: reportAttachmentAddSchema,
  async run(actor, v) {
    await authorize(actor, "report.write", { report: v.reportId });
    return attach(actor, { reportId: v.reportId }, v.fileName, v.bytes);
  },
});
