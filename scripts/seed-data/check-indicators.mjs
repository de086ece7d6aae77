#!/usr/bin/env node
// Consistency checker for prisma/seed-data/indicators/*.json (issue #14).
//
// Usage (from the repo root):  node scripts/seed-data/check-indicators.mjs [--dir <indicators dir>]
//
// Verifies: one file per plan, named after its source file; record keys and value types; every
// source.text is a verbatim (whitespace-normalised) substring of its source file, found exactly at
// its source.line / source.column; name, baselineText, targetText and 性质 appear in that row text;
// and the committed JSON is byte for byte what extract-indicators.mjs produces from the sources
// (determinism). Prints the counts per plan. Exits 1 on any failure.
// --dir checks another copy of the files (the tests use it to prove a tampered file is refused).
import { existsSync, readdirSync, readFileSync } from "node:fs";
import { join, resolve } from "node:path";
import { pathToFileURL } from "node:url";
import { SOURCES_DIR, norm, readSource } from "./lib.mjs";
import { INDICATORS_DIR, extractIndicators, serialize, textAt } from "./extract-indicators.mjs";

const FILE_KEYS = ["plan", "origin", "indicators", "warnings"];
const RECORD_KEYS = [
  "key",
  "category",
  "seq",
  "name",
  "shortName",
  "unit",
  "baselineYear",
  "baselineText",
  "targetYear",
  "targetText",
  "attribute",
  "source",
  "warnings",
];
const SOURCE_KEYS = ["file", "line", "column", "text"];
const ATTRIBUTES = new Set(["预期性", "约束性"]);
const squash = (s) => s.replace(/\s+/g, "");
const isYear = (y) => Number.isInteger(y) && y >= 2000 && y <= 2050;
const isText = (v) => typeof v === "string" && v.trim() !== "";

/** Checks the indicator files in `dir`; returns { errors, plans: [{ file, key, count, warned, planWarnings }] }. */
export function checkIndicators(dir = INDICATORS_DIR) {
  const errors = [];
  const err = (where, msg) => errors.push(`${where}: ${msg}`);
  const keysAre = (obj, expected, where) => {
    const got = obj && typeof obj === "object" ? Object.keys(obj) : [];
    if (got.join(",") !== expected.join(",")) err(where, `keys are [${got}] expected [${expected}]`);
  };

  let expected = new Map();
  try {
    expected = extractIndicators();
  } catch (e) {
    err("extract-indicators.mjs", `the extractor fails on the sources: ${e.message}`);
  }

  const files = existsSync(dir)
    ? readdirSync(dir)
        .filter((f) => f.endsWith(".json"))
        .sort()
    : [];
  for (const stem of expected.keys())
    if (!files.includes(`${stem}.json`)) err(`indicators/${stem}.json`, "missing (run node scripts/seed-data/extract-indicators.mjs)");

  const plans = [];
  const allKeys = new Set();
  for (const file of files) {
    const W = `indicators/${file}`;
    const stem = file.replace(/\.json$/, "");
    const raw = readFileSync(join(dir, file), "utf8");
    let d;
    try {
      d = JSON.parse(raw);
    } catch (e) {
      err(W, `cannot parse: ${e.message}`);
      continue;
    }
    keysAre(d, FILE_KEYS, W);
    const sourceFile = d.plan?.sourceFile;
    if (sourceFile !== `${stem}.txt`) err(W, `plan.sourceFile "${sourceFile}" does not match the file name`);
    if (!sourceFile || !existsSync(join(SOURCES_DIR, sourceFile))) {
      err(W, `source file missing: sources/${sourceFile}`);
      continue;
    }
    const { text: sourceRaw, lines } = readSource(sourceFile);
    const source = norm(sourceRaw);

    const indicators = Array.isArray(d.indicators) ? d.indicators : [];
    if (indicators.length === 0) err(W, "no indicators");
    for (const [i, r] of indicators.entries()) {
      const RW = `${W} indicators[${i}] ${r?.key ?? ""}`;
      keysAre(r, RECORD_KEYS, RW);
      if (!r || typeof r !== "object") continue;
      if (!isText(r.key) || allKeys.has(r.key)) err(RW, "missing or duplicate key");
      allKeys.add(r.key);
      if (!isText(r.name)) err(RW, "empty name");
      if (!isText(r.shortName) || !r.name?.startsWith(r.shortName)) err(RW, "shortName is not the start of name");
      if (r.unit !== null && (!isText(r.unit) || !squash(`${r.name}${r.targetText ?? ""}`).includes(r.unit)))
        err(RW, `unit "${r.unit}" is not printed with the name or target`);
      if (r.category !== null && !isText(r.category)) err(RW, "bad category");
      if (r.seq !== null && !/^\d+$/.test(r.seq)) err(RW, `bad seq ${JSON.stringify(r.seq)}`);
      if (r.baselineText === null ? r.baselineYear !== null : !isYear(r.baselineYear) || !isText(r.baselineText))
        err(RW, "baselineYear / baselineText inconsistent");
      if (!isYear(r.targetYear) || !isText(r.targetText)) err(RW, "targetYear / targetText missing");
      if (r.attribute !== null && !ATTRIBUTES.has(r.attribute)) err(RW, `bad attribute ${r.attribute}`);
      if (!Array.isArray(r.warnings)) err(RW, "warnings is not an array");
      for (const w of r.warnings ?? []) {
        keysAre(w, ["code", "message"], `${RW} warning`);
        if (!/^[A-Z_]+$/.test(w?.code ?? "") || !isText(w?.message)) err(`${RW} warning`, "bad code or empty message");
      }

      // provenance
      const s = r.source;
      keysAre(s, SOURCE_KEYS, `${RW} source`);
      if (!s || typeof s !== "object") continue;
      if (s.file !== sourceFile) err(RW, `source.file "${s.file}" is not the plan's source`);
      if (!isText(s.text)) {
        err(RW, "empty source.text");
        continue;
      }
      if (!source.includes(norm(s.text))) err(RW, `source.text is not a verbatim substring of sources/${sourceFile}: "${s.text}"`);
      else if (!Number.isInteger(s.line) || !Number.isInteger(s.column) || !textAt(lines, s.line, s.column, s.text)) {
        err(RW, `source.text is not at line ${s.line} column ${s.column}`);
      }
      for (const [label, v] of [
        ["name", r.name],
        ["baselineText", r.baselineText],
        ["targetText", r.targetText],
        ["attribute", r.attribute],
      ]) {
        if (isText(v) && !squash(s.text).includes(squash(v))) err(RW, `${label} "${v}" is not in source.text`);
      }
      if (isText(r.category) && !squash(source).includes(squash(r.category))) err(RW, `category "${r.category}" is not in the source`);
    }
    for (const [i, w] of (Array.isArray(d.warnings) ? d.warnings : []).entries()) {
      keysAre(w, ["code", "message"], `${W} warnings[${i}]`);
    }

    // determinism: the committed file is exactly what the extractor writes
    if (expected.has(stem)) {
      if (raw !== serialize(expected.get(stem))) err(W, "differs from what extract-indicators.mjs produces (re-run it, or fix the spec)");
    } else if (expected.size) err(W, "no plan spec produces this file");

    plans.push({
      file,
      key: d.plan?.key,
      count: indicators.length,
      warned: indicators.filter((r) => r?.warnings?.length).length,
      planWarnings: Array.isArray(d.warnings) ? d.warnings.length : 0,
    });
  }
  return { errors, plans };
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) {
  const at = process.argv.indexOf("--dir");
  const dir = at > 0 ? resolve(process.argv[at + 1] ?? "") : INDICATORS_DIR;
  const { errors, plans } = checkIndicators(dir);
  let total = 0;
  for (const p of plans) {
    total += p.count;
    console.log(`${p.file}  [${p.key}] indicators: ${p.count}  (with warnings: ${p.warned}, plan warnings: ${p.planWarnings})`);
  }
  console.log(`total: ${total}`);
  if (errors.length) {
    console.error(`\n${errors.length} error(s):`);
    for (const e of errors) console.error(`  - ${e}`);
    process.exit(1);
  }
  console.log("OK: every indicator traces back to its source row");
}
