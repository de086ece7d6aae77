#!/usr/bin/env node
// Builds the hand-curated plan files (湘西州 000, 健康湖南 001, 某市 003, 平坝区 004) from the specs
// in scripts/seed-data/specs/*.json. A spec names every section / item by its source line number
// and (optionally) a verbatim quote; this script pulls the text from prisma/seed-data/sources/,
// verifies it, and writes prisma/seed-data/plans/<stem>.json. Any mismatch aborts.
//
// Usage (from the repo root):  node scripts/seed-data/build-plans.mjs [spec-name ...]
//
// Spec item fields:
//   line, endLine?  source line range (1-based) the item lives in
//   name            item name; when no quote is given the line range must start with it
//   quote?          verbatim text (whitespace-insensitive) inside the line range -> sourceText
//   until?          extend sourceText from the quote up to (not including) this verbatim text
//   kind?           PROJECT | PROGRAMME (default PROGRAMME)
//   unit?, key?, where?, startYear?, endYear?, investmentYi?, owner?, parent?
import { readdirSync } from "node:fs";
import { join } from "node:path";
import { SCRIPT_DIR, PLANS_DIR, norm, readJSON, readSource, linesText, writeJSON, fail, planFile } from "./lib.mjs";

const SPEC_DIR = join(SCRIPT_DIR, "specs");
const only = process.argv.slice(2);
const specFiles = readdirSync(SPEC_DIR)
  .filter((f) => f.endsWith(".json"))
  .filter((f) => only.length === 0 || only.includes(f.replace(/\.json$/, "")))
  .sort();

const squash = (s) => s.replace(/\s+/g, "");

for (const specFile of specFiles) {
  const spec = readJSON(join(SPEC_DIR, specFile));
  const { plan } = spec;
  const { lines } = readSource(plan.sourceFile);
  const unitNames = new Set(spec.units.map((u) => u.name));
  const sections = [];
  const projects = [];

  for (const sec of spec.sections) {
    const lineText = linesText(lines, sec.line, sec.endLine ?? sec.line);
    const headingCheck = sec.headingCheck ?? [sec.number, sec.title].filter(Boolean).join(" ");
    if (!sec.noHeadingCheck && !squash(lineText).includes(squash(headingCheck))) {
      fail(`${specFile} ${sec.key}: line ${sec.line} does not contain heading "${headingCheck}"`);
    }
    let where = `第${sec.line}行`;
    if (spec.charOffsets) {
      const at = lines[sec.line - 1].indexOf(sec.headingQuote ?? headingCheck);
      if (at < 0) fail(`${specFile} ${sec.key}: heading quote not found verbatim for char offset`);
      where += ` 第${at + 1}字`;
    }
    sections.push({
      key: sec.key,
      kind: sec.kind,
      number: sec.number ?? null,
      title: sec.title,
      locator: `${sec.context ? `${sec.context} · ` : ""}${[sec.number, sec.title].filter(Boolean).join(" ")} (${where})`,
    });

    (sec.items ?? []).forEach((it, i) => {
      const idx = i + 1;
      const key = it.key ?? `${spec.keyPrefix}-${sec.key.replace(/-/g, "")}-${idx}`;
      const from = it.line;
      const to = it.endLine ?? it.line;
      const text = linesText(lines, from, to);
      let sourceText;
      let charAt = null;
      if (it.quote) {
        const q = norm(it.quote);
        const pos = text.indexOf(q);
        if (pos < 0) fail(`${specFile} ${key}: quote not found in lines ${from}-${to}: "${it.quote}"`);
        if (it.until) {
          const u = norm(it.until);
          const end = text.indexOf(u, pos + q.length);
          if (end < 0) fail(`${specFile} ${key}: "until" text not found after quote: "${it.until}"`);
          sourceText = text.slice(pos, end).trim();
        } else sourceText = q;
        if (spec.charOffsets) {
          charAt = lines[from - 1].indexOf(it.quote);
          if (charAt < 0) fail(`${specFile} ${key}: quote not verbatim on line ${from} (needed for char offset)`);
        }
      } else {
        const body = text.replace(/^(\d+|[一二三四五六七八九十]+)\s*[.、．]\s*/, "");
        if (!body.startsWith(norm(it.name))) fail(`${specFile} ${key}: lines ${from}-${to} do not start with "${it.name}"`);
        sourceText = text;
      }
      if (it.unit != null && !unitNames.has(it.unit)) fail(`${specFile} ${key}: unknown unit "${it.unit}"`);
      const lineRef = from === to ? `第${from}行` : `第${from}–${to}行`;
      const where = it.where ?? `第${idx}项`;
      projects.push({
        key,
        section: sec.key,
        unit: it.unit ?? null,
        kind: it.kind ?? "PROGRAMME",
        name: it.name,
        owner: it.owner ?? null,
        startYear: it.startYear ?? null,
        endYear: it.endYear ?? null,
        investmentYi: it.investmentYi ?? null,
        parent: it.parent ?? null,
        locator: `${sec.number ?? sec.title} ${where} (${lineRef}${charAt !== null ? ` 第${charAt + 1}字` : ""})`,
        sourceText,
      });
    });
  }

  const keys = new Set([...sections.map((s) => s.key), ...projects.map((p) => p.key)]);
  for (const w of spec.warnings ?? []) {
    if (w.key !== null && !keys.has(w.key)) fail(`${specFile}: warning refers to unknown key ${w.key}`);
  }

  const out = planFile({ plan, units: spec.units, sections, projects, warnings: spec.warnings ?? [] });
  const outPath = join(PLANS_DIR, plan.sourceFile.replace(/\.txt$/, ".json"));
  writeJSON(outPath, out);
  const nProject = projects.filter((p) => p.kind === "PROJECT").length;
  console.log(
    `wrote ${outPath}\n  ${sections.length} sections, ${projects.length} items ` +
      `(${nProject} PROJECT, ${projects.length - nProject} PROGRAMME), ${out.warnings.length} warnings`,
  );
}
