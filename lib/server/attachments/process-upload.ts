import "server-only";
import { createHash } from "node:crypto";
import sharp from "sharp";
import { AppError } from "@/lib/errors";
import { ATTACHMENT_MAX_BYTES, ATTACHMENT_MAX_PIXELS, PHOTO_MAX_SIDE, THUMB_SIDE } from "@/lib/schemas/attachment";

// What an upload is, from its first bytes (never its name or declared type).
export type Sniffed = "jpeg" | "png" | "pdf" | "heic" | "executable" | "unknown";

export function sniff(b: Uint8Array): Sniffed {
  const at = (i: number, ...bytes: number[]) => bytes.every((x, k) => b[i + k] === x);
  const ascii = (i: number, s: string) => at(i, ...[...s].map((c) => c.charCodeAt(0)));
  if (at(0, 0xff, 0xd8, 0xff)) return "jpeg";
  if (at(0, 0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a)) return "png";
  if (ascii(0, "%PDF-")) return "pdf";
  if (ascii(4, "ftyp") && ["heic", "heix", "hevc", "hevx", "heim", "heis", "mif1", "msf1"].some((brand) => ascii(8, brand))) return "heic";
  // Windows PE, ELF, Mach-O (both byte orders, fat), Java class, shell scripts and the like.
  if (
    ascii(0, "MZ") ||
    at(0, 0x7f, 0x45, 0x4c, 0x46) ||
    at(0, 0xfe, 0xed, 0xfa, 0xce) ||
    at(0, 0xfe, 0xed, 0xfa, 0xcf) ||
    at(0, 0xce, 0xfa, 0xed, 0xfe) ||
    at(0, 0xcf, 0xfa, 0xed, 0xfe) ||
    at(0, 0xca, 0xfe, 0xba, 0xbe) ||
    ascii(0, "#!")
  )
    return "executable";
  return "unknown";
}

export type ProcessedUpload = {
  kind: "PHOTO" | "DOCUMENT";
  contentType: "image/jpeg" | "image/png" | "application/pdf";
  fileName: string;
  bytes: Buffer;
  sha256: string;
  width: number | null;
  height: number | null;
  thumb: Buffer | null;
};

// A file name to show and to serve: no path, no control or quote characters, at most 120 characters,
// the extension of what is stored.
export function cleanFileName(name: string, ext: string): string {
  const base = (name.split(/[\\/]/).pop() ?? "")
    .replace(/[\u0000-\u001f\u007f"<>|*?:]/g, "")
    .trim()
    .replace(/\.[A-Za-z0-9]{1,5}$/, "")
    .slice(0, 120);
  return `${base || "附件"}.${ext}`;
}

const refuse = (message: string) => new AppError("BAD_FILE", message);

// Checks an upload and turns it into what is stored. Photos are decoded with a pixel limit (a
// decompression bomb is refused before it inflates), turned upright from their EXIF orientation,
// re-encoded without any metadata (no GPS position, camera or time), shrunk to PHOTO_MAX_SIDE and
// given a thumbnail. PDFs are kept as uploaded and only ever served as a download.
export async function processUpload(fileName: string, input: Uint8Array): Promise<ProcessedUpload> {
  if (input.byteLength === 0) throw refuse("文件是空的（0 字节），请重新选择。");
  if (input.byteLength > ATTACHMENT_MAX_BYTES) throw new AppError("TOO_LARGE", `文件过大：每个不能超过 ${ATTACHMENT_MAX_BYTES / 1024 / 1024} MB。`);
  const type = sniff(input);
  if (type === "executable") throw refuse("该文件是可执行程序（只是改了扩展名），不能上传。仅支持 JPEG、PNG 照片和 PDF 文件。");
  if (type === "heic") throw refuse("暂不支持 HEIC 格式的照片。请用手机浏览器直接选择照片上传（会自动转为 JPEG），或在相机设置中选择“兼容性最佳”后重拍。");
  if (type === "unknown") throw refuse("不支持的文件类型：仅支持 JPEG、PNG 照片和 PDF 文件（按文件内容识别，与扩展名无关）。");
  const bytes = Buffer.from(input.buffer, input.byteOffset, input.byteLength);
  if (type === "pdf") {
    // A real PDF ends with its trailer; a truncated or disguised file does not.
    if (!bytes.subarray(Math.max(0, bytes.length - 2048)).includes("%%EOF")) throw refuse("PDF 文件不完整或已损坏，请重新导出后上传。");
    return {
      kind: "DOCUMENT",
      contentType: "application/pdf",
      fileName: cleanFileName(fileName, "pdf"),
      bytes,
      sha256: sha256(bytes),
      width: null,
      height: null,
      thumb: null,
    };
  }
  const options = { limitInputPixels: ATTACHMENT_MAX_PIXELS, failOn: "error" as const, sequentialRead: true };
  let meta: Awaited<ReturnType<ReturnType<typeof sharp>["metadata"]>>;
  const tooManyPixels = refuse(`照片像素过多（超过 ${ATTACHMENT_MAX_PIXELS / 1_000_000} 百万像素），可能是异常文件，不能上传。请缩小后再上传。`);
  try {
    meta = await sharp(bytes, options).metadata();
  } catch (e) {
    if (e instanceof Error && /pixel limit/i.test(e.message)) throw tooManyPixels;
    throw refuse("照片无法读取（文件已损坏或格式不正确），请重新选择。");
  }
  if (!meta.width || !meta.height || meta.width * meta.height > ATTACHMENT_MAX_PIXELS) throw tooManyPixels;
  if ((meta.pages ?? 1) > 1) throw refuse("不支持多帧（动画）图片，请上传普通照片。");
  const png = type === "png";
  try {
    // rotate() with no angle applies the EXIF orientation; sharp writes no metadata unless asked (keepMetadata/withMetadata).
    const upright = sharp(bytes, options).rotate().resize(PHOTO_MAX_SIDE, PHOTO_MAX_SIDE, { fit: "inside", withoutEnlargement: true });
    const { data, info } = await (png ? upright.png() : upright.jpeg({ quality: 85 })).toBuffer({
      resolveWithObject: true,
    });
    const thumb = await sharp(data)
      .resize(THUMB_SIDE, THUMB_SIDE, { fit: "inside", withoutEnlargement: true })
      .flatten({ background: "#ffffff" })
      .jpeg({ quality: 75 })
      .toBuffer();
    return {
      kind: "PHOTO",
      contentType: png ? "image/png" : "image/jpeg",
      fileName: cleanFileName(fileName, png ? "png" : "jpg"),
      bytes: data,
      sha256: sha256(data),
      width: info.width,
      height: info.height,
      thumb,
    };
  } catch (e) {
    if (e instanceof Error && /pixel limit/i.test(e.message)) throw tooManyPixels;
    throw refuse("照片无法读取（文件已损坏或格式不正确），请重新选择。");
  }
}

const sha256 = (b: Buffer) => createHash("sha256").update(b).digest("hex");
