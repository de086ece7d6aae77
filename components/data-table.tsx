import Link from "next/link";
import type { ReactNode } from "react";

// The one table of the app: header row, one row per record, an empty state, optional sortable headers
// (links, so it works in server components) and a footer row. Cells are ReactNodes; numeric columns
// align right in tabular figures. Server and client components both use it (no hooks).
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
};

type Props<T> = {
  columns: (Column<T> | false | null | undefined)[];
  rows: T[];
  rowKey: (row: T) => string | number;
  empty?: ReactNode;
  testId?: string;
  caption?: ReactNode;
  footer?: ReactNode[];
  rowClassName?: (row: T) => string;
  rowProps?: (row: T) => Record<`data-${string}`, string>;
  className?: string;
};

const cellClass = (c: Column<never>) => ["px-3 py-2", c.numeric ? "num text-right" : "", c.nowrap ? "whitespace-nowrap" : "", c.className ?? ""].filter(Boolean).join(" ");

export function DataTable<T>({ columns, rows, rowKey, empty = "暂无记录。", testId, caption, footer, rowClassName, rowProps, className }: Props<T>) {
  const cols = columns.filter(Boolean) as Column<T>[];
  if (rows.length === 0) return <p className="rounded bg-white p-4 text-sm text-slate-600 shadow-sm" data-testid={testId ? `${testId}-empty` : undefined}>{empty}</p>;
  return (
    <div className="overflow-x-auto">
      <table className={`w-full bg-white text-sm shadow-sm ${className ?? ""}`} data-testid={testId}>
        {caption && <caption className="sr-only">{caption}</caption>}
        <thead className="bg-slate-100 text-left text-slate-600">
          <tr>
            {cols.map((c) => (
              <th key={c.key} scope="col" aria-sort={c.sorted} className={cellClass(c as Column<never>)}>
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
              {cols.map((c) => (
                <td key={c.key} className={cellClass(c as Column<never>)}>
                  {c.cell(row, i)}
                </td>
              ))}
            </tr>
          ))}
        </tbody>
        {footer && (
          <tfoot>
            <tr className="border-t-2 border-slate-300 bg-slate-50 font-medium">
              {footer.map((f, i) => (
                <td key={i} className={cellClass(cols[i] as Column<never>)}>
                  {f}
                </td>
              ))}
            </tr>
          </tfoot>
        )}
      </table>
    </div>
  );
}
