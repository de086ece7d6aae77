"use client";
import { useRouter } from "next/navigation";
import { zh } from "@/lib/i18n/zh-CN";
import type { MoneyUnit } from "@/lib/money";
import { rememberMoneyUnit } from "@/lib/money-unit-choice";
import { confirmDiscardUnsaved } from "@/components/unsaved-changes";

// A named form is a landmark of its own, so the switch is reachable by landmark wherever the layout
// puts it (axe "region": no content outside landmarks).
export function MoneyUnitSwitch({ unit }: { unit: MoneyUnit }) {
  const router = useRouter();
  const choose = (next: MoneyUnit) => {
    // The grid reloads its figures in the new unit: typed, unsaved cells would be lost.
    if (next === unit || !confirmDiscardUnsaved()) return;
    rememberMoneyUnit(next);
    router.refresh();
  };
  return (
    <form className="flex items-center gap-1 text-sm" aria-label={zh.money.unit} onSubmit={(e) => e.preventDefault()}>
      <span className="text-slate-600" aria-hidden="true">
        {zh.money.unit}
      </span>
      {(["yi", "wan"] as const).map((u) => (
        <button
          key={u}
          type="button"
          onClick={() => choose(u)}
          aria-pressed={unit === u}
          className={`rounded px-2 py-0.5 ${unit === u ? "bg-sky-700 text-white" : "bg-white text-slate-700 ring-1 ring-slate-500 hover:bg-slate-100"}`}
        >
          {zh.money[u]}
        </button>
      ))}
    </form>
  );
}
