import Link from "next/link";
import { isValidElement, type ReactNode } from "react";

// The one table of the app: header row, one row per record, an empty state, optional sortable headers
// (links, so it works in server components) and a footer row. Cells are ReactNodes; numeric columns
// align right in tabular figures. Server and client components both use it (no hooks). A cell may
// span the next columns of its row (colSpan), a footer cell likewise ({ colSpan, cell }).
export type Column<T> = {
  key: string;
  header: ReactNode;
  cell: (row: T, index: number) => ReactNode;
  numeric?: boolean;
  nowrap?: boolean;
  // Sorting by link: where the header points, and whether this column is the current sort.
  sortHref?: string;
  sorted?: "ascending" | "descending";
  className?: string;
  // For this row, the cell covers this many columns; the columns it covers get no cell of their own.
  colSpan?: (row: T) => number | undefined;
};

type DataProps = Record<`data-${string}`, string>;
type FooterCell = ReactNode | { colSpan: number; cell: ReactNode };

type Props<T> = {
  columns: (Column<T> | false | null | undefined)[];
  rows: T[];
  rowKey: (row: T) => string | number;
  empty?: ReactNode;
  testId?: string;
  caption?: ReactNode;
  footer?: FooterCell[];
  footerProps?: DataProps;
  rowClassName?: (row: T) => string;
  rowProps?: (row: T) => DataProps;
  className?: string;
  // Tighter cells, for wide tables.
  dense?: boolean;
};

const spanned = (f: FooterCell): f is { colSpan: number; cell: ReactNode } => typeof f === "object" && f !== null && !isValidElement(f) && "colSpan" in f;

// The cells of one row: a cell spanning n columns hides the cells of the n − 1 columns after it.
function rowCells<T>(cols: Column<T>[], row: T) {
  const out: { c: Column<T>; n: number }[] = [];
  let k = 0;
  while (k < cols.length) {
    const n = Math.min(Math.max(1, cols[k].colSpan?.(row) ?? 1), cols.length - k);
    out.push({ c: cols[k], n });
    k += n;
  }
  return out;
}

// The footer's cells, each with the column it starts at (for its alignment) and how many it covers.
function footerCells(footer: FooterCell[]) {
  let at = 0;
  return footer.map((f) => {
    const n = spanned(f) ? Math.max(1, f.colSpan) : 1;
    const placed = { at, n, content: spanned(f) ? f.cell : f };
    at += n;
    return placed;
  });
}

const cellClass = (c: Column<never> | undefined, dense = false) =>
  [dense ? "px-2 py-1.5" : "px-3 py-2", c?.numeric ? "num text-right" : "", c?.nowrap ? "whitespace-nowrap" : "", c?.className ?? ""].filter(Boolean).join(" ");

export function DataTable<T>({
  columns,
  rows,
  rowKey,
  empty = "暂无记录。",
  testId,
  caption,
  footer,
  footerProps,
  rowClassName,
  rowProps,
  className,
  dense,
}: Props<T>) {
  const cols = columns.filter(Boolean) as Column<T>[];
  if (rows.length === 0)
    return (
      <p className="rounded bg-white p-4 text-sm text-slate-600 shadow-sm" data-testid={testId ? `${testId}-empty` : undefined}>
        {empty}
      </p>
    );
  return (
    <div className="overflow-x-auto">
      <table className={`w-full bg-white text-sm shadow-sm ${className ?? ""}`} data-testid={testId}>
        {caption && <caption className="sr-only">{caption}</caption>}
        <thead className="bg-slate-100 text-left text-slate-600">
          <tr>
            {cols.map((c) => (
              <th key={c.key} scope="col" aria-sort={c.sorted} className={cellClass(c as Column<never>, dense)}>
                {c.sortHref ? (
                  <Link href={c.sortHref} className="hover:text-sky-800">
                    {c.header}
                    {c.sorted === "ascending" ? " ↑" : c.sorted === "descending" ? " ↓" : ""}
                  </Link>
                ) : (
                  c.header
                )}
              </th>
            ))}
          </tr>
        </thead>
        <tbody>
          {rows.map((row, i) => (
            <tr key={rowKey(row)} className={`border-t align-top ${rowClassName?.(row) ?? ""}`} {...rowProps?.(row)}>
              {rowCells(cols, row).map(({ c, n }) => (
                <td key={c.key} colSpan={n > 1 ? n : undefined} className={cellClass(c as Column<never>, dense)}>
                  {c.cell(row, i)}
                </td>
              ))}
            </tr>
          ))}
        </tbody>
        {footer && (
          <tfoot>
            <tr className="border-t-2 border-slate-300 bg-slate-50 font-medium" {...footerProps}>
              {footerCells(footer).map(({ at, n, content }) => (
                <td key={at} colSpan={n > 1 ? n : undefined} className={cellClass(cols[at] as Column<never> | undefined, dense)}>
                  {content}
                </td>
              ))}
            </tr>
          </tfoot>
        )}
      </table>
    </div>
  );
}
