import { attachmentFile } from "@/lib/server/attachments/attachment-file";
import { removeAttachment } from "@/lib/server/attachments/remove-attachment";
import { attachmentResponse } from "@/lib/server/attachments/routes";
import { jsonRoute } from "@/lib/server/route";

// GET /api/v1/attachments/{id}[?size=thumb] — the file; DELETE — remove it.
export const GET = attachmentResponse(attachmentFile);
export const DELETE = jsonRoute(removeAttachment, (_request, params) => ({ id: params.id }));
