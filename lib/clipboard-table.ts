// A block of cells copied from Excel or WPS as text/plain: tab-separated cells, one line a row (CRLF
// or LF), a trailing line break after the last row; a cell holding a tab, a line break or a quote is
// quoted ("…", with "" for a quote inside). Returns the rows of cells as typed.
export function parseClipboardTable(text: string): string[][] {
  const rows: string[][] = [];
  let row: string[] = [];
  let cell = "";
  let i = 0;
  const s = text.replace(/\r\n?/g, "\n");
  while (i < s.length) {
    const ch = s[i];
    if (ch === '"' && cell === "") {
      // A quoted cell: up to the closing quote that is followed by a tab, a line break or the end.
      let j = i + 1;
      let quoted = "";
      let closed = false;
      while (j < s.length) {
        if (s[j] === '"' && s[j + 1] === '"') {
          quoted += '"';
          j += 2;
        } else if (s[j] === '"') {
          closed = true;
          j += 1;
          break;
        } else quoted += s[j++];
      }
      if (closed && (j >= s.length || s[j] === "\t" || s[j] === "\n")) {
        cell = quoted;
        i = j;
        continue;
      }
      // Not a well-formed quoted cell: the quote is an ordinary character.
    }
    if (ch === "\t") {
      row.push(cell);
      cell = "";
    } else if (ch === "\n") {
      row.push(cell);
      rows.push(row);
      row = [];
      cell = "";
    } else cell += ch;
    i += 1;
  }
  if (cell !== "" || row.length > 0) {
    row.push(cell);
    rows.push(row);
  }
  return rows;
}
