import "server-only";
import type { IndicatorComparator } from "@/lib/generated/prisma/client";
import { parseBaselineText, parseTargetText, type Comparator } from "@/lib/indicators/target-text";

// The stored comparator (IndicatorComparator) and the parsed one (lib/indicators/target-text.ts), one table both ways.
export const COMPARATOR_CODE: Record<IndicatorComparator, Comparator> = {
  GTE: ">=",
  GT: ">",
  LTE: "<=",
  LT: "<",
  EQ: "=",
  ABOUT: "about",
  QUALITATIVE: "qualitative",
};
const COMPARATOR = Object.fromEntries(Object.entries(COMPARATOR_CODE).map(([stored, parsed]) => [parsed, stored])) as Record<Comparator, IndicatorComparator>;

// The stored form of an indicator as printed (seed, hand entry, import): the texts verbatim, the
// comparator, exact values and direction parsed from them; a text that cannot be parsed is kept and
// becomes a data-quality warning for the plan office, never a guess.
export function indicatorFromPrinted(p: { baselineText: string | null; targetText: string | null; targetYear: number | null }) {
  const target = parseTargetText(p.targetText ?? "");
  const warnings: { code: string; message: string }[] = [];
  if (!target.parsed)
    warnings.push({
      code: "TARGET_UNPARSED",
      message: `${p.targetYear ?? ""}年目标“${p.targetText ?? ""}”无法读作数值或比较关系，按定性指标处理（由审核人评估）；请规划办核对。`,
    });
  return {
    data: {
      baselineValue: p.baselineText ? parseBaselineText(p.baselineText) : null,
      targetComparator: COMPARATOR[target.comparator],
      targetValue: target.value,
      targetTolerance: target.tolerance,
      direction: target.direction === "higher" ? ("HIGHER" as const) : target.direction === "lower" ? ("LOWER" as const) : null,
    },
    warnings,
  };
}
