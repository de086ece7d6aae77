import { formatGap, formatRate } from "@/lib/rates";
import { zhFinance } from "@/lib/i18n/zh-CN-finance";

// A percentage from lib/rates.ts; null (zero denominator) shows "—" with the reason on hover.
export function Rate({ value, detail }: { value: string | null; detail?: string }) {
  if (value === null)
    return (
      <span className="text-slate-600" title={zhFinance.rateNoneTitle} data-rate="">
        {formatRate(value)}
      </span>
    );
  return (
    <span className="num" title={detail} data-rate={value}>
      {formatRate(value)}
    </span>
  );
}

export function Gap({ value }: { value: string | null }) {
  if (value === null)
    return (
      <span className="text-slate-600" title={zhFinance.rateNoneTitle} data-gap="">
        {formatGap(value)}
      </span>
    );
  const negative = value.startsWith("-");
  return (
    <span className={`num ${negative ? "text-red-700" : "text-emerald-700"}`} data-gap={value}>
      {formatGap(value)}
    </span>
  );
}
