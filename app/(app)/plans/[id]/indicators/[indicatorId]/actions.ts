"use server";
import { actionOf } from "@/lib/server/action";
import { judgeIndicator } from "@/lib/server/indicators/judge-indicator";
import { reviewIndicatorValues } from "@/lib/server/indicators/review-indicator-values";
import { saveIndicatorValue } from "@/lib/server/indicators/save-indicator-value";

// The indicator page's forms: a value (plan office, or a unit's officer), a reviewer's decision, a judgement.
export async function saveIndicatorValueAction(input: unknown) {
  return actionOf(saveIndicatorValue, input);
}

export async function reviewIndicatorValuesAction(input: unknown) {
  return actionOf(reviewIndicatorValues, input);
}

export async function judgeIndicatorAction(input: unknown) {
  return actionOf(judgeIndicator, input);
}
