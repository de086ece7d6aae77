"use client";
import { useRouter } from "next/navigation";
import { useEffect, useSyncExternalStore } from "react";
import { zh } from "@/lib/i18n/zh-CN";
import type { MoneyUnit } from "@/lib/money";
import { rememberMoneyUnit } from "@/lib/money-unit-choice";
import { confirmDiscardUnsaved } from "@/components/unsaved-changes";
import { UNIT_LABEL } from "@/lib/money";
import { chooseMoneyUnitAction } from "@/lib/ui/money-unit-actions";

// The unit the current page's figures are in, when the page says so (<PageMoneyUnit>): a plan's page
// shows the plan's unit until the reader chooses one, and the switch and the printed unit in the layout
// (which cannot see the page's plan) must show that unit, not the layout's own fallback.
let pageUnit: MoneyUnit | null = null;
const listeners = new Set<() => void>();
const subscribe = (l: () => void) => (listeners.add(l), () => void listeners.delete(l));
const setPageUnit = (u: MoneyUnit | null) => {
  pageUnit = u;
  listeners.forEach((l) => l());
};
const useShownUnit = (fallback: MoneyUnit) =>
  useSyncExternalStore(
    subscribe,
    () => pageUnit,
    () => null,
  ) ?? fallback;

export function PageMoneyUnit({ unit }: { unit: MoneyUnit }) {
  useEffect(() => {
    setPageUnit(unit);
    return () => setPageUnit(null);
  }, [unit]);
  return null;
}

// Printed instead of the switch: the unit every figure on the page is in.
export function PrintedMoneyUnit({ unit: fallback }: { unit: MoneyUnit }) {
  const unit = useShownUnit(fallback);
  return (
    <p className="mx-auto hidden max-w-7xl px-4 print:block" data-testid="print-unit">
      {zh.money.unit}：{UNIT_LABEL[unit]}
    </p>
  );
}

// A named form is a landmark of its own, so the switch is reachable by landmark wherever the layout
// puts it (axe "region": no content outside landmarks). Once the page's script runs, a press is handled
// here (the grid's unsaved cells are asked about first); before that it posts the form's server action.
export function MoneyUnitSwitch({ unit: fallback }: { unit: MoneyUnit }) {
  const router = useRouter();
  const unit = useShownUnit(fallback);
  const choose = (next: MoneyUnit) => {
    // The grid reloads its figures in the new unit: typed, unsaved cells would be lost.
    if (next === unit || !confirmDiscardUnsaved()) return;
    rememberMoneyUnit(next);
    router.refresh();
  };
  return (
    <form className="flex items-center gap-1 text-sm" aria-label={zh.money.unit} action={chooseMoneyUnitAction}>
      <span className="text-slate-600" aria-hidden="true">
        {zh.money.unit}
      </span>
      {(["yi", "wan"] as const).map((u) => (
        <button
          key={u}
          type="submit"
          name="unit"
          value={u}
          onClick={(e) => {
            e.preventDefault();
            choose(u);
          }}
          aria-pressed={unit === u}
          className={`rounded px-2 py-0.5 ${unit === u ? "bg-sky-700 text-white" : "bg-white text-slate-700 ring-1 ring-slate-500 hover:bg-slate-100"}`}
        >
          {zh.money[u]}
        </button>
      ))}
    </form>
  );
}
