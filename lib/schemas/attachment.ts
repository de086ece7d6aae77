import { z } from "zod";
import { recordId } from "./fields";

// Attachments (#15): the limits, in one place. The upload form states them, the routes enforce them
// (the body is read no further than ATTACHMENT_MAX_BYTES plus the multipart overhead), and the
// deployment guide's proxy limit (client_max_body_size) must be at least ATTACHMENT_BODY_MAX_BYTES.
export const ATTACHMENT_MAX_BYTES = 10 * 1024 * 1024; // one file
export const ATTACHMENT_MAX_FILES = 20; // per report revision, per milestone
export const ATTACHMENT_BODY_MAX_BYTES = ATTACHMENT_MAX_BYTES + 64 * 1024; // one file plus the multipart envelope
// A photo larger than this many pixels is refused before it is decoded (a decompression bomb: a small
// file that inflates to gigabytes). 60 MP keeps every phone camera's normal modes (48 MP = 8064 × 6048).
export const ATTACHMENT_MAX_PIXELS = 60_000_000;
// Photos are kept at most this many pixels on their longer side (re-encoded), thumbnails this size.
export const PHOTO_MAX_SIDE = 2560;
export const THUMB_SIDE = 320;
export const ATTACHMENT_ACCEPT = "image/jpeg,image/png,application/pdf,image/*";
export const ATTACHMENT_LIMITS_TEXT = `照片 JPEG / PNG、文件 PDF；每个不超过 ${ATTACHMENT_MAX_BYTES / 1024 / 1024} MB，每份报告或每个节点最多 ${ATTACHMENT_MAX_FILES} 个。`;

// One uploaded file (the routes read it from multipart/form-data: a single part named "file").
const upload = {
  fileName: z.string().max(1000, "文件名过长").default(""),
  bytes: z.instanceof(Uint8Array, { message: "请选择要上传的文件" }),
};

export const reportAttachmentAddSchema = z.object({ reportId: recordId(), ...upload });
export const milestoneAttachmentAddSchema = z.object({ milestoneId: recordId(), ...upload });
export const attachmentRemoveSchema = z.object({ id: recordId() });
export const attachmentFileSchema = z.object({ id: recordId(), size: z.enum(["full", "thumb"]).default("full") });
export const reportAttachmentsSchema = z.object({ reportId: recordId() });
export const projectAttachmentsSchema = z.object({ projectId: recordId() });

// The multipart body as the OpenAPI description shows it (the route reads it itself).
export const attachmentUploadBody = z.strictObject({
  file: z.file().meta({
    description: `One photo (JPEG or PNG; re-encoded without EXIF/GPS, rotated upright) or one PDF, at most ${ATTACHMENT_MAX_BYTES / 1024 / 1024} MB; the type is read from the bytes, not the name`,
  }),
});

// Answers of the attachment routes (the OpenAPI description is generated from these).
export const attachmentAddedSchema = z.strictObject({
  id: z.number().int(),
  kind: z.enum(["PHOTO", "DOCUMENT"]),
  fileName: z.string().meta({ description: "As uploaded, with the extension of what is stored" }),
  contentType: z.enum(["image/jpeg", "image/png", "application/pdf"]),
  byteSize: z.number().int().meta({ description: "Bytes stored (a photo: after re-encoding)" }),
  width: z.number().int().nullable(),
  height: z.number().int().nullable(),
  createdAt: z.string().meta({ description: "ISO 8601 instant" }),
  count: z
    .number()
    .int()
    .meta({ description: `Files of the report revision or milestone now (at most ${ATTACHMENT_MAX_FILES})` }),
});
export const attachmentRemovedSchema = z.strictObject({ id: z.number().int(), removed: z.literal(true) });
