import { formatMoney, UNIT_LABEL, type MoneyUnit } from "@/lib/money";
import { zh } from "@/lib/i18n/zh-CN";

// An amount stored in 万元, shown in the chosen unit; unknown shows as "未知", never 0.
export function Money({ wan, unit, withUnit = false }: { wan: { toString(): string } | null | undefined; unit: MoneyUnit; withUnit?: boolean }) {
  if (wan === null || wan === undefined)
    return (
      <span className="text-slate-600" title="投资额未在规划中给出">
        {zh.money.unknown}
      </span>
    );
  return (
    <span className="num" data-wan={wan.toString()}>
      {formatMoney(wan, unit)}
      {withUnit && <span className="ml-0.5 text-slate-600">{UNIT_LABEL[unit]}</span>}
    </span>
  );
}
