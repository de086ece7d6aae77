// Rules for reading a row of the 岳阳 appendix project table (单位 / 项目类别 / 项目名称 / 建设周期 /
// 总投资（亿元）), shared by the seed extractor (scripts/seed-data/extract-yueyang.mjs) and the
// project-list import (lib/server/imports/). Plain JavaScript so the Node seed script can load it.

/** Split a name cell on 、 that are not inside brackets (a bundled row → its sub-projects). */
export function splitOnDunhao(s) {
  const parts = [];
  let depth = 0;
  let buf = "";
  for (const ch of s) {
    if (ch === "（" || ch === "(") depth++;
    if (ch === "）" || ch === ")") depth--;
    if (ch === "、" && depth === 0) {
      parts.push(buf);
      buf = "";
    } else buf += ch;
  }
  parts.push(buf);
  return parts.map((p) => p.trim()).filter(Boolean);
}

/** "医院（13个）" → { title: "医院", declared: 13 }; "医院" → { title: "医院", declared: null }. */
export function parseCategory(text) {
  const m = text.match(/^(.+?)（(\d+)个）$/);
  return m ? { title: m[1], declared: Number(m[2]) } : { title: text, declared: null };
}

/** "2021-2025" (also －—–~～至) → { startYear, endYear }; anything else → null. */
export function parsePeriod(text) {
  const m = text.match(/^(\d{4})\s*[-－—–~～至]\s*(\d{4})$/);
  return m ? { startYear: Number(m[1]), endYear: Number(m[2]) } : null;
}

/** A printed amount: a plain non-negative decimal. */
export const AMOUNT_PATTERN = /^\d+(\.\d+)?$/;
