import { addMilestoneAttachment } from "@/lib/server/attachments/add-milestone-attachment";
import { uploadRoute } from "@/lib/server/attachments/routes";

// POST /api/v1/milestones/{id}/attachments (multipart/form-data: file) — a scan or photo on a milestone.
export const POST = uploadRoute(addMilestoneAttachment, "milestoneId");
