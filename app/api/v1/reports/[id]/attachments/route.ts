import { addReportAttachment } from "@/lib/server/attachments/add-report-attachment";
import { uploadRoute } from "@/lib/server/attachments/routes";

// POST /api/v1/reports/{id}/attachments (multipart/form-data: file) — a photo or PDF on a report revision.
export const POST = uploadRoute(addReportAttachment, "reportId");
