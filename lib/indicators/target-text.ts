import { Decimal } from "decimal.js";

// The values a plan prints in its 主要指标 table, read once into a comparator and an exact decimal.
// The printed text itself is kept verbatim by the caller; this only says what it means.
//
//   "≥90", "90以上", "不低于90", "达到90"         → ">="  90, higher is better
//   ">95", "超过95"                               → ">"   95, higher
//   "≤15", "15以下", "不高于15", "控制在15以内"    → "<="  15, lower is better
//   "<25", "低于25"                               → "<"   25, lower
//   "78.60左右", "约78.6"                          → "about" 78.60 ± half a unit of the last printed
//                                                   digit (78.60 → 0.005, 27 → 0.5): 左右 forgives
//                                                   what rounding to the printed precision forgives
//   "25", "13.5‰", "0.5%"                         → "="   the number (direction from the baseline, later)
//   "持续下降", "下降", "降低0.5个百分点"           → qualitative, lower
//   "持续提高", "同比例提高", "增长30%"             → qualitative, higher (relative targets: judged)
//   "待国家公布", "无", "-", "优于全国平均水平"     → qualitative, known wording (parsed)
//   "", "3-5", anything else                      → qualitative, parsed: false (a data-quality warning)
//
// Full-width forms (＜ ＞ ％ ．, full-width digits) are folded by NFKC; ≧ ≦ ⩾ ⩽ >= <= mean ≥ ≤;
// spaces, thousands separators and footnote stars ("*17.74") are ignored. Digits are kept as printed
// ("78.60" stays "78.60"). A value must fit the columns it is stored in (NUMERIC(18,4)): more than 4
// decimals (3 for 左右, whose tolerance has one more) or 14 integer digits is not parsed.

export type Comparator = ">=" | ">" | "<=" | "<" | "=" | "about" | "qualitative";
export type Direction = "higher" | "lower";

export type ParsedTarget = {
  comparator: Comparator;
  value: string | null; // exact decimal string as printed, without unit or sign symbols
  tolerance: string | null; // for "about": half a unit of the last printed digit
  direction: Direction | null; // only when the text itself says it
  parsed: boolean; // false → the caller raises a data-quality warning
};

const MAX_DECIMALS = 4;
const MAX_INTEGER_DIGITS = 14;

/** The text with full-width forms folded, comparison signs unified, spaces, thousands separators,
 * footnote stars and trailing punctuation removed. */
export function normalizeIndicatorText(text: string): string {
  return text
    .normalize("NFKC")
    .replace(/[≧⩾]/g, "≥")
    .replace(/[≦⩽]/g, "≤")
    .replace(/>=/g, "≥")
    .replace(/<=/g, "≤")
    .replace(/\s+/g, "")
    .replace(/(\d),(?=\d{3}(?!\d))/g, "$1")
    .replace(/^[*※]+/, "")
    .replace(/[*※。,;、]+$/, "");
}

type Sense = { comparator?: Comparator; direction?: Direction };

// Words before the number. A comparator here is as strong as a sign; `fallback` is used only when
// nothing else says the comparator (提高到 X → ≥ X, but 提高到 X 左右 → about X).
const PREFIXES: Array<[string, Sense & { fallback?: Comparator }]> = [
  ["不低于", { comparator: ">=" }],
  ["不少于", { comparator: ">=" }],
  ["不高于", { comparator: "<=" }],
  ["不超过", { comparator: "<=" }],
  ["不多于", { comparator: "<=" }],
  ["大于", { comparator: ">" }],
  ["高于", { comparator: ">" }],
  ["超过", { comparator: ">" }],
  ["多于", { comparator: ">" }],
  ["小于", { comparator: "<" }],
  ["低于", { comparator: "<" }],
  ["少于", { comparator: "<" }],
  ["大约", { comparator: "about" }],
  ["约为", { comparator: "about" }],
  ["约", { comparator: "about" }],
  ...(["提高到", "提高至", "提升到", "提升至", "增加到", "增加至", "增长到", "增长至", "上升到", "上升至", "延长到", "延长至"] as const).map(
    (w): [string, Sense & { fallback?: Comparator }] => [w, { direction: "higher", fallback: ">=" }],
  ),
  ...(["降低到", "降低至", "降到", "降至", "下降到", "下降至", "减少到", "减少至", "缩短到", "缩短至", "控制在", "控制到"] as const).map(
    (w): [string, Sense & { fallback?: Comparator }] => [w, { direction: "lower", fallback: "<=" }],
  ),
  ["达到", { fallback: ">=" }],
  ["达", { fallback: ">=" }],
  ["保持在", {}],
  ["巩固在", {}],
  ["稳定在", {}],
  ["维持在", {}],
  ["力争", {}],
  ["争取", {}],
  ["为", {}],
];
PREFIXES.sort((a, b) => b[0].length - a[0].length);

const SIGNS: Record<string, Comparator> = { "≥": ">=", ">": ">", "≤": "<=", "<": "<", "=": "=", "≈": "about" };

const SUFFIXES: Array<[string, Comparator]> = [
  ["及以上", ">="],
  ["或以上", ">="],
  ["以上", ">="],
  ["及以下", "<="],
  ["或以下", "<="],
  ["以下", "<="],
  ["以内", "<="],
  ["之内", "<="],
  ["左右", "about"],
  ["上下", "about"],
];

const NUMBER = /^[+-]?(\d+)(?:\.(\d+))?/;
// A unit after the number, optionally per population: %, ‰, 岁, 张, 名/万人, /10万, 天 …
const UNIT = /^(?:[%‰‱]|岁|张|人|个|名|天|家|所|次|户|床|元|万元|亿元|平方米|分钟|小时)?(?:\/(?:\d+[万千百]?|[万千百])(?:人口|常住人口|人)?)?/;

const IMPLIED: Partial<Record<Comparator, Direction>> = { ">=": "higher", ">": "higher", "<=": "lower", "<": "lower" };

const unparsed: ParsedTarget = { comparator: "qualitative", value: null, tolerance: null, direction: null, parsed: false };
const qualitative = (direction: Direction | null): ParsedTarget => ({ comparator: "qualitative", value: null, tolerance: null, direction, parsed: true });

// Known wording without a number, or with a relative amount (growth, per-year change) that the
// straight path cannot use: a reviewer judges these (lib/indicators/assess.ts).
const NONE = /^(?:[-—–―~/…]+|无|暂无|不适用|待定|(?:待|等)(?:国家|全国|省|省级|市|州|县|上级)?(?:统计)?(?:公布|发布|确定|核定))$/;
const RANGE = /^[+-]?\d+(?:\.\d+)?\D{0,3}?(?:[-~〜—–―]|至|到)\d/;
const MODIFIERS = "(?:力争|争取|每年|年均|逐年|持续|稳步|逐步|进一步|不断|同比例|明显|显著|大幅|有所|较2020年|比2020年)*";
const AMOUNT = "(?:\\d+(?:\\.\\d+)?(?:%|‰|个百分点|岁|倍|年|天|个)?)?(?:以上|左右)?";
const RISING = new RegExp(`^${MODIFIERS}(?:提高|提升|增长|增加|上升|扩大|延长|改善)${AMOUNT}$`);
const FALLING = new RegExp(`^${MODIFIERS}(?:降低|下降|减少|缩小|缩短|减轻)${AMOUNT}$`);
const STEADY: Array<[RegExp, Direction | null]> = [
  [/^(?:继续|持续)?(?:保持)?(?:稳定|基本稳定|平稳)$/, null],
  [/^稳中有(?:升|增)$/, "higher"],
  [/^稳中有降$/, "lower"],
  [/^(?:基本)?(?:实现)?全覆盖$/, "higher"],
  [/^(?:继续|持续)?(?:保持|维持)(?:在)?(?:较低|低)水平$/, "lower"],
  [/^(?:继续|持续)?(?:保持|维持)(?:在)?(?:较高|高)水平$/, "higher"],
];
const LEVEL =
  /^(?:持续|继续)?(?:保持)?(优于|好于|达到|接近|高于|不低于|超过|低于|不高于|不超过)(?:全国|全省|全州|全市|国家|省|州|市|省级|同期)?(?:平均|同期)?水平$/;
const LEVEL_DIRECTION: Record<string, Direction | null> = {
  优于: null,
  好于: null,
  达到: null,
  接近: null,
  高于: "higher",
  不低于: "higher",
  超过: "higher",
  低于: "lower",
  不高于: "lower",
  不超过: "lower",
};

// prefixes, an optional sign, one number, an optional unit, suffixes: nothing else.
function parseNumeric(s: string): ParsedTarget | null {
  const comparators = new Set<Comparator>();
  const directions = new Set<Direction>();
  let fallback: Comparator | undefined;
  let rest = s;
  for (let again = true; again;) {
    again = false;
    for (const [word, sense] of PREFIXES) {
      if (!rest.startsWith(word)) continue;
      if (sense.comparator) comparators.add(sense.comparator);
      if (sense.direction) directions.add(sense.direction);
      fallback ??= sense.fallback;
      rest = rest.slice(word.length);
      again = true;
      break;
    }
  }
  const sign = SIGNS[rest[0]];
  if (sign) {
    comparators.add(sign);
    rest = rest.slice(1);
  }
  const number = NUMBER.exec(rest);
  if (!number) return null;
  const [printed, integer, decimals = ""] = number;
  rest = rest.slice(printed.length);
  rest = rest.slice(UNIT.exec(rest)![0].length);
  for (let again = true; again && rest;) {
    again = false;
    for (const [word, comparator] of SUFFIXES) {
      if (!rest.startsWith(word)) continue;
      comparators.add(comparator);
      rest = rest.slice(word.length);
      again = true;
      break;
    }
  }
  if (rest) return null;

  // "≥90以上" says the same twice; "≥90以下" or "降至90以上" contradicts itself.
  if (comparators.size > 1 || directions.size > 1) return unparsed;
  const comparator = [...comparators][0] ?? fallback ?? "=";
  const implied = IMPLIED[comparator];
  const stated = [...directions][0];
  if (implied && stated && implied !== stated) return unparsed;

  const about = comparator === "about";
  if (integer.replace(/^0+(?=\d)/, "").length > MAX_INTEGER_DIGITS || decimals.length > MAX_DECIMALS - (about ? 1 : 0)) return unparsed;
  const value = printed.replace(/^\+/, "");
  return {
    comparator,
    value,
    tolerance: about ? new Decimal(5).div(new Decimal(10).pow(decimals.length + 1)).toFixed() : null,
    direction: implied ?? stated ?? null,
    parsed: true,
  };
}

/** What a printed 2025 target means. See the table at the top of this file. */
export function parseTargetText(text: string): ParsedTarget {
  const s = normalizeIndicatorText(text);
  if (s === "") return unparsed; // a blank cell is a gap in the data, not a target
  if (NONE.test(s)) return qualitative(null);
  if (RANGE.test(s)) return unparsed; // two bounds, no single comparator: the plan office restates it
  const numeric = parseNumeric(s);
  if (numeric) return numeric;
  if (RISING.test(s)) return qualitative("higher");
  if (FALLING.test(s)) return qualitative("lower");
  for (const [pattern, direction] of STEADY) if (pattern.test(s)) return qualitative(direction);
  const level = LEVEL.exec(s);
  if (level) return qualitative(LEVEL_DIRECTION[level[1]]);
  return unparsed;
}

/** A printed 2020 value as an exact decimal string ("77.3", "13.5‰" → "13.5", "*17.74" → "17.74"),
 * null when the plan prints none ("待国家公布", "-", "无") or something that is not one number. */
export function parseBaselineText(text: string): string | null {
  const t = parseTargetText(text);
  return t.comparator === "=" || t.comparator === "about" ? t.value : null;
}
