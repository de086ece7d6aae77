import { formatMoney, UNIT_LABEL, type MoneyUnit } from "@/lib/money";

// An amount that may simply not exist yet (nothing reported, no annual plan): "—", not 未知 (which
// components/money.tsx shows for an unknown total investment). data-wan carries the exact value.
export function Amount({ wan, unit, withUnit = false }: { wan: string | null; unit: MoneyUnit; withUnit?: boolean }) {
  if (wan === null)
    return (
      <span className="text-slate-600" data-wan="">
        —
      </span>
    );
  return (
    <span className="num" data-wan={wan}>
      {formatMoney(wan, unit)}
      {withUnit && <span className="ml-0.5 text-slate-600">{UNIT_LABEL[unit]}</span>}
    </span>
  );
}
