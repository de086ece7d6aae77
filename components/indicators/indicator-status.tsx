import type { IndicatorStatus } from "@/lib/indicators/assess";

// The assessment chip: green met / on track, red lagging or not met, grey without data or judgement.
// Text and colour both say it (colour is never the only signal).
const STYLE: Record<IndicatorStatus, string> = {
  MET: "bg-green-100 text-green-900",
  ON_TRACK: "bg-emerald-50 text-emerald-900",
  LAGGING: "bg-red-100 text-red-900",
  NO_DATA: "bg-slate-100 text-slate-700",
  JUDGED_MET: "bg-green-100 text-green-900",
  JUDGED_NOT_MET: "bg-red-100 text-red-900",
  NOT_ASSESSABLE: "bg-amber-50 text-amber-900",
};

export function IndicatorStatusChip({ status, label }: { status: IndicatorStatus; label: string }) {
  return (
    <span className={`rounded px-1.5 py-0.5 text-xs whitespace-nowrap ${STYLE[status]}`} data-testid="indicator-status" data-status={status}>
      {label}
    </span>
  );
}

// A small trend: the values by year as a line, the baseline → target path dashed. Server-rendered SVG.
export function IndicatorTrend({
  baseline,
  target,
  points,
}: {
  baseline: { year: number; value: string | null };
  target: { year: number; value: string | null };
  points: { year: number; value: string }[];
}) {
  const all = [...points.map((p) => Number(p.value)), ...[baseline.value, target.value].filter((v): v is string => v !== null).map(Number)];
  if (points.length === 0 || all.length < 2) return null;
  const [lo, hi] = [Math.min(...all), Math.max(...all)];
  const span = hi - lo || 1;
  const x = (year: number) => 2 + ((year - baseline.year) / Math.max(1, target.year - baseline.year)) * 76;
  const y = (v: number) => 22 - ((v - lo) / span) * 20;
  const line = points.map((p) => `${x(p.year).toFixed(1)},${y(Number(p.value)).toFixed(1)}`).join(" ");
  return (
    <svg width="80" height="24" viewBox="0 0 80 24" role="img" aria-label={`趋势：${points.map((p) => `${p.year}年 ${p.value}`).join("，")}`}>
      {baseline.value !== null && target.value !== null && (
        <line x1={x(baseline.year)} y1={y(Number(baseline.value))} x2={x(target.year)} y2={y(Number(target.value))} stroke="#94a3b8" strokeDasharray="2 2" />
      )}
      <polyline points={line} fill="none" stroke="#0369a1" strokeWidth="1.5" />
      {points.map((p) => (
        <circle key={p.year} cx={x(p.year)} cy={y(Number(p.value))} r="1.8" fill="#0369a1" />
      ))}
    </svg>
  );
}
