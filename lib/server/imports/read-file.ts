import "server-only";
import { Readable } from "node:stream";
import zlib from "node:zlib";
import ExcelJS from "exceljs";
import { parseCsv } from "@/lib/excel/csv";
import { IMPORT_MAX_BYTES, IMPORT_MAX_ROWS } from "@/lib/excel/limits";
import { AppError } from "@/lib/errors";
import { zhExcel } from "@/lib/i18n/zh-CN-excel";

// Reads an uploaded project list into plain rows of cells, refusing anything that is not a readable
// spreadsheet with a clear Chinese message (BAD_FILE) before any database work.
export type RawCell = string | number | null;
export type RawRow = { number: number; cells: RawCell[] };
export type RawSheet = { name: string; rows: RawRow[] };
export type ReadResult = { kind: "xlsx" | "csv"; sheets: RawSheet[] };

const E = zhExcel.importErrors;
const bad = (message: string) => new AppError("BAD_FILE", message);

const CFB_MAGIC = Buffer.from([0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1]);

export async function readSpreadsheet(bytes: Buffer, fileName: string, onRows?: (rows: number) => void): Promise<ReadResult> {
  if (bytes.length === 0) throw bad(E.empty);
  if (bytes.length > IMPORT_MAX_BYTES) throw bad(E.tooLarge);
  const counter = rowCounter(onRows);
  let result: ReadResult;
  if (bytes.subarray(0, 8).equals(CFB_MAGIC)) {
    // An OLE compound file: an encrypted .xlsx (Excel puts the encrypted package in one) or an old .xls.
    throw bad(bytes.includes(Buffer.from("EncryptedPackage", "utf16le")) ? E.encrypted : E.oldXls);
  } else if (bytes.readUInt32LE(0) === 0x04034b50 || bytes.readUInt32LE(0) === 0x06054b50) {
    result = { kind: "xlsx", sheets: await readXlsx(bytes, counter) };
  } else if (/\.(csv|txt)$/i.test(fileName) && !bytes.includes(0)) {
    result = { kind: "csv", sheets: [readCsv(bytes, fileName, counter)] };
  } else {
    throw bad(E.notSpreadsheet);
  }
  if (counter.total === 0) throw bad(E.empty);
  return result;
}

function rowCounter(onRows?: (rows: number) => void) {
  const c = {
    total: 0,
    add() {
      if (++c.total > IMPORT_MAX_ROWS) throw bad(E.tooManyRows);
      if (onRows && c.total % 500 === 0) onRows(c.total);
    },
  };
  return c;
}

function readCsv(bytes: Buffer, fileName: string, counter: ReturnType<typeof rowCounter>): RawSheet {
  // UTF-8 (with or without BOM); Excel/WPS on Chinese Windows save "CSV" as GB18030.
  let text: string;
  try {
    text = new TextDecoder("utf-8", { fatal: true }).decode(bytes);
  } catch {
    text = new TextDecoder("gb18030").decode(bytes);
  }
  const rows: RawRow[] = [];
  parseCsv(text).forEach((cells, i) => {
    if (cells.every((c) => c.trim() === "")) return;
    counter.add();
    rows.push({ number: i + 1, cells: cells.map((c) => (c === "" ? null : c)) });
  });
  return { name: fileName.replace(/\.[^.]+$/, ""), rows };
}

// The zip's central directory, checked before parsing: a truncated or damaged file, a zip-level
// password, or a zip that is not an Excel workbook (a .docx, say) is refused here.
type ZipEntry = { method: number; size: number; local: number };
function inspectZip(buf: Buffer): Map<string, ZipEntry> {
  let eocd = -1;
  for (let i = buf.length - 22; i >= Math.max(0, buf.length - 22 - 65535); i--) {
    if (buf.readUInt32LE(i) === 0x06054b50) {
      eocd = i;
      break;
    }
  }
  if (eocd < 0) throw bad(E.corrupt);
  const count = buf.readUInt16LE(eocd + 10);
  const size = buf.readUInt32LE(eocd + 12);
  let pos = buf.readUInt32LE(eocd + 16);
  if (pos + size > eocd || count === 0) throw bad(E.corrupt);
  const names = new Map<string, ZipEntry>();
  for (let n = 0; n < count; n++) {
    if (pos + 46 > buf.length || buf.readUInt32LE(pos) !== 0x02014b50) throw bad(E.corrupt);
    const flags = buf.readUInt16LE(pos + 8);
    const nameLen = buf.readUInt16LE(pos + 28);
    const extraLen = buf.readUInt16LE(pos + 30);
    const commentLen = buf.readUInt16LE(pos + 32);
    const local = buf.readUInt32LE(pos + 42);
    if (local + 30 > buf.length || buf.readUInt32LE(local) !== 0x04034b50) throw bad(E.corrupt);
    if (flags & 1) throw bad(E.encrypted);
    names.set(buf.toString("utf8", pos + 46, pos + 46 + nameLen).replace(/^\//, ""), { method: buf.readUInt16LE(pos + 10), size: buf.readUInt32LE(pos + 20), local });
    pos += 46 + nameLen + extraLen + commentLen;
  }
  if (!names.has("xl/workbook.xml")) throw bad(E.notSpreadsheet);
  return names;
}

function entryText(buf: Buffer, e: ZipEntry | undefined): string {
  if (!e) return "";
  const start = e.local + 30 + buf.readUInt16LE(e.local + 26) + buf.readUInt16LE(e.local + 28);
  const data = buf.subarray(start, start + e.size);
  try {
    return (e.method === 8 ? zlib.inflateRawSync(data) : data).toString("utf8");
  } catch {
    throw bad(E.corrupt);
  }
}

const unescapeXml = (s: string) => s.replace(/&(lt|gt|quot|apos|amp);/g, (_, n: string) => ({ lt: "<", gt: ">", quot: '"', apos: "'", amp: "&" })[n]!);

// Sheet names in workbook order, with the file each one lives in (xl/workbook.xml + its rels).
function sheetOrder(buf: Buffer, entries: Map<string, ZipEntry>): { name: string; file: string }[] {
  const rels = new Map<string, string>();
  for (const m of entryText(buf, entries.get("xl/_rels/workbook.xml.rels")).matchAll(/<Relationship\b[^>]*>/g)) {
    const id = m[0].match(/\bId="([^"]*)"/)?.[1];
    const target = m[0].match(/\bTarget="([^"]*)"/)?.[1];
    if (id && target) rels.set(id, target.split("/").pop()!);
  }
  return [...entryText(buf, entries.get("xl/workbook.xml")).matchAll(/<sheet\b[^>]*>/g)].map((m) => ({
    name: unescapeXml(m[0].match(/\bname="([^"]*)"/)?.[1] ?? ""),
    file: rels.get(m[0].match(/\br:id="([^"]*)"/)?.[1] ?? "") ?? "",
  }));
}

async function readXlsx(bytes: Buffer, counter: ReturnType<typeof rowCounter>): Promise<RawSheet[]> {
  const order = sheetOrder(bytes, inspectZip(bytes));
  const reader = new ExcelJS.stream.xlsx.WorkbookReader(Readable.from([bytes]), { worksheets: "emit", sharedStrings: "cache", hyperlinks: "ignore", styles: "ignore", entries: "ignore" });
  const sheets: (RawSheet & { file: string })[] = [];
  try {
    for await (const ws of reader) {
      const file = `sheet${(ws as unknown as { id: string | number }).id}.xml`;
      const sheet = { name: file, file, rows: [] as RawRow[] };
      sheets.push(sheet);
      for await (const row of ws) {
        const values = (row.values as unknown[]).slice(1).map(cellValue);
        if (values.every((v) => v === null || (typeof v === "string" && v.trim() === ""))) continue;
        counter.add();
        sheet.rows.push({ number: row.number, cells: values });
      }
    }
  } catch (e) {
    if (e instanceof AppError) throw e;
    throw bad(E.corrupt);
  }
  // Names and order of the sheets come from the workbook part, not from the order in the zip.
  for (const s of sheets) s.name = order.find((o) => o.file === s.file)?.name ?? s.name;
  const rank = (s: { file: string }) => {
    const i = order.findIndex((o) => o.file === s.file);
    return i < 0 ? Number.MAX_SAFE_INTEGER : i;
  };
  return sheets.sort((a, b) => rank(a) - rank(b)).map(({ name, rows }) => ({ name, rows }));
}

function cellValue(v: unknown): RawCell {
  if (v === null || v === undefined) return null;
  if (typeof v === "string") return v;
  if (typeof v === "number") return Number.isFinite(v) ? v : null;
  if (typeof v === "boolean") return v ? "TRUE" : "FALSE";
  if (v instanceof Date) return v.toISOString().slice(0, 10);
  if (typeof v === "object") {
    const o = v as Record<string, unknown>;
    if (Array.isArray(o.richText)) return (o.richText as { text: string }[]).map((r) => r.text).join("");
    if ("result" in o) return cellValue(o.result);
    if ("formula" in o || "sharedFormula" in o) return null;
    if ("text" in o) return cellValue(o.text);
    if ("error" in o) return String(o.error);
  }
  return String(v);
}
