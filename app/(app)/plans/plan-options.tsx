import { zhPlans } from "@/lib/i18n/zh-CN-plans";
import { zh } from "@/lib/i18n/zh-CN";

// The choices of a plan's reporting cycle and default money unit, shared by the new-plan form and the
// plan settings.
export function CycleOptions() {
  return Object.entries(zhPlans.cycle).map(([k, v]) => (
    <option key={k} value={k}>
      {v}
    </option>
  ));
}

export function MoneyUnitOptions() {
  return (
    <>
      <option value="yi">{zh.money.yi}</option>
      <option value="wan">{zh.money.wan}</option>
    </>
  );
}
