import Link from "next/link";
import { IndicatorStatusChip } from "./indicator-status";
import { STATUS_LABELS, STATUS_ORDER } from "@/lib/indicators/assess";
import { ATTRIBUTE_LABEL, type IndicatorFigure } from "@/lib/server/indicators/indicator-figures";

// The count of a plan's indicators by status, 约束性 first (the 指标 page and the dashboard): each
// count links to those indicators.
export function IndicatorSummary({ planId, figures }: { planId: number; figures: IndicatorFigure[] }) {
  const counts = (attribute: "BINDING" | "EXPECTED") =>
    STATUS_ORDER.map((s) => [s, figures.filter((r) => r.indicator.attribute === attribute && r.assessment.status === s).length] as const).filter(
      ([, n]) => n > 0,
    );
  return (
    <section className="grid gap-2 text-sm md:grid-cols-2" data-testid="indicator-summary" aria-label="主要指标完成情况">
      {(["BINDING", "EXPECTED"] as const).map((a) => (
        <div key={a} className="rounded bg-white p-3 shadow-sm" data-testid={`indicator-summary-${a}`}>
          <h2 className="font-semibold">{ATTRIBUTE_LABEL[a]}指标</h2>
          <p className="mt-1 flex flex-wrap gap-2">
            {counts(a).map(([s, n]) => (
              <Link key={s} href={`/plans/${planId}/indicators?attribute=${a}&status=${s}`} className="hover:underline">
                <IndicatorStatusChip status={s} label={`${STATUS_LABELS[s]} ${n}`} />
              </Link>
            ))}
            {counts(a).length === 0 && <span className="text-slate-500">无</span>}
          </p>
        </div>
      ))}
    </section>
  );
}
