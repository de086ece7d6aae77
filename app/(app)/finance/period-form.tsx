import { withBase } from "@/lib/base-path";
import { zhFinance } from "@/lib/i18n/zh-CN-finance";
import { periodLabel } from "@/lib/periods";

// The period selector (choices: periodChoices()) and, where figures can include unreviewed data, the
// "include submitted" switch. A plain GET form: works without script. Also used by the officers' desks.
export function PeriodForm({
  action,
  periods,
  period,
  includeSubmitted,
  hidden = {},
}: {
  action: string;
  periods: string[];
  period: string;
  includeSubmitted?: boolean;
  hidden?: Record<string, string>;
}) {
  return (
    <form method="get" action={withBase(action)} className="flex flex-wrap items-center gap-3 text-sm" data-testid="period-form">
      {Object.entries(hidden).map(([k, v]) => (
        <input key={k} type="hidden" name={k} value={v} />
      ))}
      <label>
        {zhFinance.period}{" "}
        <select name="period" defaultValue={period} className="rounded border border-slate-500 bg-white px-2 py-1">
          {periods.map((p) => (
            <option key={p} value={p}>
              {periodLabel(p)}
            </option>
          ))}
        </select>
      </label>
      {includeSubmitted !== undefined && (
        <label className="flex items-center gap-1">
          <input type="checkbox" name="submitted" value="1" defaultChecked={includeSubmitted} />
          {zhFinance.includeSubmitted}
        </label>
      )}
      <button type="submit" className="rounded bg-sky-700 px-3 py-1 text-white hover:bg-sky-800">
        {zhFinance.apply}
      </button>
    </form>
  );
}
