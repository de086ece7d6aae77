import "server-only";
import zlib from "node:zlib";
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
    names.set(buf.toString("utf8", pos + 46, pos + 46 + nameLen).replace(/^\//, ""), {
      method: buf.readUInt16LE(pos + 10),
      size: buf.readUInt32LE(pos + 20),
      local,
    });
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
    return (e.method === 8 ? zlib.inflateRawSync(data, { maxOutputLength: MAX_PART_BYTES }) : data).toString("utf8");
  } catch {
    throw bad(E.corrupt);
  }
}

const unescapeXml = (s: string) =>
  s
    .replace(/_x([0-9A-Fa-f]{4})_/g, (_, h: string) => String.fromCharCode(parseInt(h, 16)))
    .replace(/&(#x[0-9A-Fa-f]+|#\d+|lt|gt|quot|apos|amp);/g, (_, n: string) =>
      n[0] === "#"
        ? String.fromCodePoint(n[1] === "x" ? parseInt(n.slice(2), 16) : Number(n.slice(1)))
        : ({ lt: "<", gt: ">", quot: '"', apos: "'", amp: "&" } as Record<string, string>)[n],
    );

// Sheet names in workbook order, with the file each one lives in (xl/workbook.xml + its rels).
function sheetOrder(buf: Buffer, entries: Map<string, ZipEntry>): { name: string; file: string; rId: string; sheetId: string }[] {
  const rels = new Map<string, string>();
  for (const m of entryText(buf, entries.get("xl/_rels/workbook.xml.rels")).matchAll(/<Relationship\b[^>]*>/g)) {
    const id = m[0].match(/\bId="([^"]*)"/)?.[1];
    const target = m[0].match(/\bTarget="([^"]*)"/)?.[1];
    if (id && target) rels.set(id, target.split("/").pop()!);
  }
  return [...entryText(buf, entries.get("xl/workbook.xml")).matchAll(/<sheet\b[^>]*>/g)].map((m) => {
    const rId = m[0].match(/\br:id="([^"]*)"/)?.[1] ?? "";
    return {
      name: unescapeXml(m[0].match(/\bname="([^"]*)"/)?.[1] ?? ""),
      file: rels.get(rId) ?? "",
      rId,
      sheetId: m[0].match(/\bsheetId="([^"]*)"/)?.[1] ?? "",
    };
  });
}

// The workbook's cells, read straight from its XML parts (shared strings and each sheet, in workbook
// order). Formula cells give their cached result; styles and merges are not needed here. Every part is
// inflated with a size cap, so a "zip bomb" is refused rather than filling memory.
const MAX_PART_BYTES = 256 * 1024 * 1024;

async function readXlsx(bytes: Buffer, counter: ReturnType<typeof rowCounter>): Promise<RawSheet[]> {
  const entries = inspectZip(bytes);
  const order = sheetOrder(bytes, entries);
  const shared = sharedStrings(entryText(bytes, entries.get("xl/sharedStrings.xml")));
  const sheets: RawSheet[] = [];
  for (const o of order) {
    const xml = entryText(bytes, entries.get(`xl/worksheets/${o.file}`));
    if (!xml) continue;
    const rows: RawRow[] = [];
    let rowNo = 0;
    for (const m of xml.matchAll(/<row\b([^>]*?)(?:\/>|>([\s\S]*?)<\/row>)/g)) {
      rowNo = Number(attr(m[1], "r")) || rowNo + 1;
      const cells: RawCell[] = [];
      let col = 0;
      for (const c of (m[2] ?? "").matchAll(/<c\b([^>]*?)(?:\/>|>([\s\S]*?)<\/c>)/g)) {
        const ref = attr(c[1], "r");
        col = ref ? columnIndex(ref) : col + 1;
        cells[col - 1] = cellOf(attr(c[1], "t"), c[2] ?? "", shared);
      }
      const values = Array.from(cells, (v) => v ?? null);
      if (values.every((v) => v === null || (typeof v === "string" && v.trim() === ""))) continue;
      counter.add();
      rows.push({ number: rowNo, cells: values });
    }
    sheets.push({ name: o.name, rows });
  }
  return sheets;
}

function attr(attrs: string, name: string): string | undefined {
  return attrs.match(new RegExp(`(?:^|\\s)${name}="([^"]*)"`))?.[1];
}

function columnIndex(ref: string): number {
  let n = 0;
  for (const ch of ref.match(/^[A-Z]+/)?.[0] ?? "") n = n * 26 + ch.charCodeAt(0) - 64;
  return n;
}

// Text of a <si> or <is>: its <t> runs, without phonetic guides (<rPh>).
function runText(xml: string): string {
  return [...xml.replace(/<rPh\b[\s\S]*?<\/rPh>/g, "").matchAll(/<t\b[^>]*>([\s\S]*?)<\/t>|<t\b[^>]*\/>/g)].map((m) => unescapeXml(m[1] ?? "")).join("");
}

function sharedStrings(xml: string): string[] {
  return [...xml.matchAll(/<si\b[^>]*>([\s\S]*?)<\/si>|<si\b[^>]*\/>/g)].map((m) => runText(m[1] ?? ""));
}

function cellOf(type: string | undefined, inner: string, shared: string[]): RawCell {
  const v = inner.match(/<v\b[^>]*>([\s\S]*?)<\/v>/)?.[1];
  switch (type) {
    case "s":
      return v === undefined ? null : (shared[Number(v)] ?? null);
    case "inlineStr":
      return runText(inner.match(/<is\b[^>]*>([\s\S]*?)<\/is>/)?.[1] ?? "");
    case "str":
    case "e":
      return v === undefined ? null : unescapeXml(v);
    case "b":
      return v === undefined ? null : v === "1" ? "TRUE" : "FALSE";
    default: {
      if (v === undefined || v.trim() === "") return null;
      const n = Number(v);
      return Number.isFinite(n) ? n : unescapeXml(v);
    }
  }
}
