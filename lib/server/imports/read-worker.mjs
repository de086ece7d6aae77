// @ts-check
// The import reader's worker thread, started and reused by read-file.ts: reads each uploaded .xlsx
// (fflate for the zip, saxes for the XML) or a .csv into rows of cells, in time linear in the file
// and within the caps read-file.ts passes in (rows, cells, characters, decompressed bytes). It runs
// off the server's event loop, so even a crafted file leaves other requests served; read-file.ts
// ends it when it takes too long. Plain JavaScript, so that Node runs it as it is in `next dev`,
// `next start`, vitest and scripts alike. Each file it is sent is answered with {ok:true,sheets} or
// {ok:false,code} (a refusal code that read-file.ts turns into a Chinese message), after
// {progress:rows} messages.
import { parentPort } from "node:worker_threads";
import { unzipSync } from "fflate";
import { SaxesParser } from "saxes";

/** @typedef {string | number | null} RawCell */
/** @typedef {{ number: number; cells: RawCell[] }} RawRow */
/** @typedef {{ name: string; rows: RawRow[] }} RawSheet */
/**
 * @typedef {{ rows: number; rowElements: number; cells: number; cellChars: number; sharedStrings: number;
 *   partBytes: number; totalBytes: number; zipEntries: number }} Limits
 */
/** @typedef {{ kind: "xlsx" | "csv"; bytes: Uint8Array; sheetName: string; limits: Limits }} Job */

const MAX_EXCEL_COLUMN = 16_384; // XFD, Excel's last column

/** A file refused for a stated reason (one of read-file.ts's refusal codes). */
class Refusal extends Error {
  /** @param {string} code */
  constructor(code) {
    super(code);
    this.code = code;
  }
}

/**
 * @param {string} code
 * @returns {never}
 */
function refuse(code) {
  throw new Refusal(code);
}

/**
 * Counts what the file holds against the caps, as it is read: a cap is refused the moment it is passed.
 * @param {Limits} L
 */
function budget(L) {
  const b = {
    limits: L,
    rows: 0,
    rowElements: 0,
    cells: 0,
    xmlBytes: 0,
    /** A row of the file, blank or not. */
    row() {
      if (++b.rowElements > L.rowElements) refuse("tooManyRowElements");
    },
    /** A row with content, kept for the import. */
    keep() {
      if (++b.rows > L.rows) refuse("tooManyRows");
      if (b.rows % 500 === 0) parentPort?.postMessage({ progress: b.rows });
    },
    /** @param {number} n */
    cell(n) {
      if ((b.cells += n) > L.cells) refuse("tooManyCells");
    },
    /** @param {number} length */
    chars(length) {
      if (length > L.cellChars) refuse("cellTooLong");
    },
    /** @param {number} n */
    xml(n) {
      if ((b.xmlBytes += n) > L.totalBytes) refuse("totalTooBig");
    },
  };
  return b;
}

/** @typedef {ReturnType<typeof budget>} Budget */

/**
 * A row whose cells are all empty or blank text is left out, as before.
 * @param {RawCell[]} cells
 */
const blank = (cells) => cells.every((v) => v === null || (typeof v === "string" && v.trim() === ""));

// ---- CSV: UTF-8 (with or without BOM), else GB18030 as Excel/WPS on Chinese Windows save it; RFC 4180
// as lib/excel/csv.ts parses it (quoted fields, "" escapes, CR/LF/CRLF), counted as it goes.

/**
 * @param {Uint8Array} bytes
 * @param {string} name
 * @param {Budget} b
 * @returns {RawSheet}
 */
function readCsv(bytes, name, b) {
  let text;
  try {
    text = new TextDecoder("utf-8", { fatal: true }).decode(bytes);
  } catch {
    text = new TextDecoder("gb18030").decode(bytes);
  }
  /** @type {RawRow[]} */
  const rows = [];
  /** @type {string[]} */
  let record = [];
  let cell = "";
  let quoted = false;
  let number = 0;
  const endCell = () => {
    b.cell(1);
    record.push(cell);
    cell = "";
  };
  const endRecord = () => {
    endCell();
    number++;
    b.row();
    if (!record.every((c) => c.trim() === "")) {
      b.keep();
      rows.push({ number, cells: record.map((c) => (c === "" ? null : c)) });
    }
    record = [];
  };
  for (let i = text.charCodeAt(0) === 0xfeff ? 1 : 0; i < text.length; i++) {
    const ch = text[i];
    if (quoted) {
      if (ch === '"') {
        if (text[i + 1] === '"') {
          cell += '"';
          i++;
        } else quoted = false;
      } else cell += ch;
    } else if (ch === '"' && cell === "") quoted = true;
    else if (ch === ",") endCell();
    else if (ch === "\r" || ch === "\n") {
      if (ch === "\r" && text[i + 1] === "\n") i++;
      endRecord();
    } else cell += ch;
    b.chars(cell.length);
  }
  if (cell !== "" || record.length) endRecord();
  return { name, rows };
}

// ---- XLSX: the parts a workbook's cells live in, read from the zip's central directory (any entry
// order), each inflated into a buffer of its declared size, which the caps bound before inflating:
// a "zip bomb" is refused by its size, and one that lies about it gets no more room than it declared.

/**
 * @param {Uint8Array} bytes
 * @param {Limits} L
 * @returns {Map<string, Uint8Array>}
 */
function unzipParts(bytes, L) {
  /** @type {Set<string>} */
  const names = new Set();
  let entries = 0;
  let declared = 0;
  const wanted = (/** @type {string} */ name) =>
    name === "xl/workbook.xml" || name === "xl/_rels/workbook.xml.rels" || name === "xl/sharedStrings.xml" || /^xl\/worksheets\/[^/]+$/.test(name);
  /** @type {Record<string, Uint8Array>} */
  let files;
  try {
    files = unzipSync(bytes, {
      filter(f) {
        if (++entries > L.zipEntries) refuse("corrupt");
        const name = f.name.replace(/^\//, "");
        names.add(name);
        if (!wanted(name)) return false;
        if (f.originalSize > L.partBytes) refuse("partTooBig");
        // Deflate adds at most a few bytes per stored block: more compressed data than that for the
        // declared size means the size is false (fflate inflates into a buffer of the declared size).
        if (f.size > f.originalSize + f.originalSize / 64 + 1024) refuse("corrupt");
        if ((declared += f.originalSize) > L.totalBytes) refuse("totalTooBig");
        return true;
      },
    });
  } catch (e) {
    if (e instanceof Refusal) throw e;
    refuse("corrupt");
  }
  if (!names.has("xl/workbook.xml")) refuse("notSpreadsheet");
  return new Map(Object.entries(files).map(([name, data]) => [name.replace(/^\//, ""), data]));
}

/** @param {string} name */
const local = (name) => name.slice(name.indexOf(":") + 1);

/** `_xHHHH_` is how Excel escapes a character that XML cannot hold. @param {string} s */
const unescapeX = (s) => (s.includes("_x") ? s.replace(/_x([0-9A-Fa-f]{4})_/g, (_, h) => String.fromCharCode(parseInt(h, 16))) : s);

/**
 * @typedef {{
 *   open?: (name: string, attrs: Record<string, string>, selfClosing: boolean) => void;
 *   close?: (name: string) => void;
 *   text?: (text: string) => void;
 * }} XmlHandlers
 */

/**
 * Streams one part through saxes (entities and character references resolved, no DTD entities),
 * giving element names without their namespace prefix.
 * @param {Uint8Array} data
 * @param {Budget} b
 * @param {XmlHandlers} h
 */
function parseXml(data, b, h) {
  b.xml(data.length);
  const parser = new SaxesParser({ position: false, xmlns: false });
  const { open, close, text } = h;
  if (open) parser.on("opentag", (t) => open(local(t.name), t.attributes, t.isSelfClosing));
  if (close) parser.on("closetag", (t) => close(local(t.name)));
  if (text) {
    parser.on("text", text);
    parser.on("cdata", text);
  }
  const decoder = new TextDecoder("utf-8");
  const CHUNK = 1 << 20;
  try {
    for (let i = 0; i < data.length; i += CHUNK) parser.write(decoder.decode(data.subarray(i, i + CHUNK), { stream: true }));
    parser.write(decoder.decode());
    parser.close();
  } catch (e) {
    if (e instanceof Refusal) throw e;
    refuse("corrupt");
  }
}

/**
 * The text of each <si> (shared string) or <is> (inline string): its <t> runs, without phonetic
 * guides (<rPh>). saxes reports a self-closing element as opened and closed.
 * @param {Budget} b
 * @param {string} container
 * @param {(text: string) => void} done
 */
function runCollector(b, container, done) {
  let inside = false;
  let phonetic = 0;
  let inT = false;
  /** @type {string[]} */
  let parts = [];
  let length = 0;
  return {
    active: () => inside,
    /** @param {string} name */
    open(name) {
      if (name === container) {
        inside = true;
        parts = [];
        length = 0;
      } else if (!inside) return;
      else if (name === "rPh") phonetic++;
      else if (name === "t" && phonetic === 0) {
        inT = true;
        parts.push("");
      }
    },
    /** @param {string} name */
    close(name) {
      if (!inside) return;
      if (name === "t") inT = false;
      else if (name === "rPh") phonetic--;
      else if (name === container) {
        inside = false;
        inT = false;
        done(parts.map(unescapeX).join(""));
      }
    },
    /** @param {string} text */
    text(text) {
      if (!inT) return;
      parts[parts.length - 1] += text;
      b.chars((length += text.length));
    },
  };
}

/**
 * @param {Uint8Array | undefined} data
 * @param {Budget} b
 * @returns {string[]}
 */
function sharedStrings(data, b) {
  /** @type {string[]} */
  const strings = [];
  if (!data) return strings;
  const si = runCollector(b, "si", (s) => {
    if (strings.push(s) > b.limits.sharedStrings) refuse("tooManyStrings");
  });
  parseXml(data, b, { open: si.open, close: si.close, text: si.text });
  return strings;
}

/**
 * Sheet names in workbook order, with the part each one lives in (xl/workbook.xml + its rels).
 * @param {Map<string, Uint8Array>} parts
 * @param {Budget} b
 */
function sheetOrder(parts, b) {
  /** @type {Map<string, string>} */
  const rels = new Map();
  const relsXml = parts.get("xl/_rels/workbook.xml.rels");
  if (relsXml)
    parseXml(relsXml, b, {
      open(name, a) {
        if (name === "Relationship" && a.Id && a.Target) rels.set(a.Id, a.Target.split("/").pop() ?? "");
      },
    });
  /** @type {{ name: string; file: string }[]} */
  const sheets = [];
  parseXml(/** @type {Uint8Array} */ (parts.get("xl/workbook.xml")), b, {
    open(name, a) {
      if (name !== "sheet") return;
      const rId = a["r:id"] ?? Object.entries(a).find(([k]) => k.endsWith(":id"))?.[1] ?? "";
      sheets.push({ name: unescapeX(a.name ?? ""), file: rels.get(rId) ?? "" });
    },
  });
  return sheets;
}

/** @param {string} ref e.g. "AB12" → 28; 0 when the reference has no column letters */
function columnIndex(ref) {
  let n = 0;
  for (let i = 0; i < ref.length; i++) {
    const c = ref.charCodeAt(i);
    if (c < 65 || c > 90) break;
    n = n * 26 + c - 64;
    if (n > MAX_EXCEL_COLUMN) refuse("corrupt");
  }
  return n;
}

/**
 * One cell's value: formula cells give their cached result; styles are not needed here.
 * @param {string | undefined} type
 * @param {string | undefined} v
 * @param {string | undefined} inline
 * @param {string[]} shared
 * @returns {RawCell}
 */
function cellOf(type, v, inline, shared) {
  switch (type) {
    case "s":
      return v === undefined ? null : (shared[Number(v)] ?? null);
    case "inlineStr":
      return inline ?? "";
    case "str":
    case "e":
      return v === undefined ? null : unescapeX(v);
    case "b":
      return v === undefined ? null : v === "1" ? "TRUE" : "FALSE";
    default: {
      if (v === undefined || v.trim() === "") return null;
      const n = Number(v);
      return Number.isFinite(n) ? n : unescapeX(v);
    }
  }
}

/**
 * @param {Uint8Array} data
 * @param {string[]} shared
 * @param {Budget} b
 * @returns {RawRow[]}
 */
function sheetRows(data, shared, b) {
  /** @type {RawRow[]} */
  const rows = [];
  let rowNo = 0;
  let inRow = false;
  /** @type {RawCell[]} */
  let cells = [];
  let cellCount = 0;
  let col = 0;
  let inCell = false;
  /** @type {string | undefined} */
  let type;
  /** @type {string | undefined} */
  let v;
  let inV = false;
  /** @type {string | undefined} */
  let inline;
  const is = runCollector(b, "is", (s) => {
    if (inline === undefined) inline = s;
  });
  parseXml(data, b, {
    open(name, a, self) {
      if (name === "row") {
        b.row();
        rowNo = Number(a.r) || rowNo + 1;
        inRow = true;
        cells = [];
        cellCount = 0;
        col = 0;
      } else if (name === "c" && inRow) {
        b.cell(1);
        cellCount++;
        col = a.r ? columnIndex(a.r) : col + 1;
        inCell = true;
        type = a.t;
        v = undefined;
        inline = undefined;
      } else if (!inCell) return;
      else if (name === "v" && v === undefined && !self) {
        v = "";
        inV = true;
      } else if (name === "is" || is.active()) is.open(name);
    },
    close(name) {
      if (is.active()) is.close(name);
      if (name === "v") inV = false;
      else if (name === "c" && inCell) {
        inCell = false;
        // a reference without column letters (not what Excel writes) leaves its cell out
        if (col >= 1) cells[col - 1] = cellOf(type, v, inline, shared);
      } else if (name === "row" && inRow) {
        inRow = false;
        const values = Array.from(cells, (x) => x ?? null);
        if (blank(values)) return;
        b.cell(Math.max(0, values.length - cellCount)); // the empty columns before a cell count too
        b.keep();
        rows.push({ number: rowNo, cells: values });
      }
    },
    text(t) {
      if (inV) {
        v += t;
        b.chars(/** @type {string} */ (v).length);
      } else if (is.active()) is.text(t);
    },
  });
  return rows;
}

/**
 * @param {Uint8Array} bytes
 * @param {Budget} b
 * @returns {RawSheet[]}
 */
function readXlsx(bytes, b) {
  const parts = unzipParts(bytes, b.limits);
  const order = sheetOrder(parts, b);
  const shared = sharedStrings(parts.get("xl/sharedStrings.xml"), b);
  /** @type {RawSheet[]} */
  const sheets = [];
  for (const o of order) {
    const data = parts.get(`xl/worksheets/${o.file}`);
    if (!data || data.length === 0) continue;
    sheets.push({ name: o.name, rows: sheetRows(data, shared, b) });
  }
  return sheets;
}

/** @param {Job} job */
function read(job) {
  const b = budget(job.limits);
  return job.kind === "xlsx" ? readXlsx(job.bytes, b) : [readCsv(job.bytes, job.sheetName, b)];
}

parentPort?.on("message", (/** @type {Job} */ job) => {
  try {
    parentPort?.postMessage({ ok: true, sheets: read(job) });
  } catch (e) {
    parentPort?.postMessage({ ok: false, code: e instanceof Refusal ? e.code : "corrupt" });
  }
});
