import "server-only";
import mammoth from "mammoth";
import { AppError } from "@/lib/errors";
import { zhPlans } from "@/lib/i18n/zh-CN-plans";
import type { PlanDocumentInput } from "@/lib/schemas/plan";

// The text of an uploaded plan document, kept with the plan (Plan.sourceDocument, sourceFile = the
// file's name). A .txt is UTF-8 (with or without BOM) or, as Chinese Windows saves it, GB18030, the
// same rule as the CSV import (lib/server/imports/read-file.ts); a .docx gives its paragraphs' text
// (mammoth), one paragraph a line.
const E = zhPlans.errors;
const CFB_MAGIC = Buffer.from([0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1]);
const MAX_TEXT = 2_000_000;

export async function readPlanDocument(doc: PlanDocumentInput): Promise<{ sourceFile: string; sourceDocument: string }> {
  const bytes = Buffer.from(doc.content, "base64");
  const fileName = doc.fileName.trim();
  // An old .doc or an encrypted .docx is an OLE compound file, whatever its name says.
  if (bytes.subarray(0, 8).equals(CFB_MAGIC)) throw bad(E.oldDoc);
  const text = /\.docx$/i.test(fileName) ? await docxText(bytes) : plainText(bytes);
  const cleaned = text
    .replace(/\r\n?/g, "\n")
    .replace(/\u0000/g, "")
    .trim();
  if (cleaned === "") throw bad(E.emptyDocument);
  if (cleaned.length > MAX_TEXT) throw bad(E.badDocument);
  return { sourceFile: fileName, sourceDocument: cleaned };
}

function plainText(bytes: Buffer): string {
  if (bytes.includes(0)) throw bad(E.badDocument); // UTF-16 or binary
  try {
    return new TextDecoder("utf-8", { fatal: true }).decode(bytes);
  } catch {
    return new TextDecoder("gb18030").decode(bytes);
  }
}

async function docxText(bytes: Buffer): Promise<string> {
  if (bytes.length < 4 || bytes.readUInt32LE(0) !== 0x04034b50) throw bad(E.badDocument);
  try {
    const { value } = await mammoth.extractRawText({ buffer: bytes });
    // mammoth ends every paragraph with a blank line
    return value.replace(/\n\n/g, "\n");
  } catch {
    throw bad(E.badDocument);
  }
}

const bad = (message: string) => new AppError("BAD_FILE", message, { document: [message] });
