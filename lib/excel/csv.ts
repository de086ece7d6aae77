import { neutralise } from "./neutralise";

// CSV as Excel (and WPS) read it: UTF-8 with a byte-order mark so Chinese text shows correctly,
// CRLF line ends, RFC 4180 quoting. Text is neutralised against formula injection; numbers are
// written as plain numbers (pass amounts as exact decimal strings through `number`).
export const BOM = "\uFEFF";

export type CsvValue = string | number | null | undefined | { number: string | null };

function field(v: CsvValue): string {
  if (v === null || v === undefined) return "";
  if (typeof v === "number") return String(v);
  const text = typeof v === "object" ? (v.number ?? "") : neutralise(v);
  return /[",\r\n]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
}

export function csvLine(values: CsvValue[]): string {
  return values.map(field).join(",") + "\r\n";
}

// Parses CSV text (RFC 4180: quoted fields, "" escapes, CR/LF/CRLF line ends) into rows of cells.
export function parseCsv(text: string): string[][] {
  const rows: string[][] = [];
  let row: string[] = [];
  let cell = "";
  let quoted = false;
  let i = text.charCodeAt(0) === 0xfeff ? 1 : 0;
  for (; i < text.length; i++) {
    const ch = text[i];
    if (quoted) {
      if (ch === '"') {
        if (text[i + 1] === '"') {
          cell += '"';
          i++;
        } else quoted = false;
      } else cell += ch;
    } else if (ch === '"' && cell === "") quoted = true;
    else if (ch === ",") {
      row.push(cell);
      cell = "";
    } else if (ch === "\r" || ch === "\n") {
      if (ch === "\r" && text[i + 1] === "\n") i++;
      row.push(cell);
      rows.push(row);
      row = [];
      cell = "";
    } else cell += ch;
  }
  if (cell !== "" || row.length) {
    row.push(cell);
    rows.push(row);
  }
  return rows;
}
