#!/usr/bin/env node
// Consistency checker for prisma/seed-data (plans/*.json, regions.json, sources/*.txt).
//
// Usage (from the repo root):  node scripts/seed-data/check.mjs
//
// Verifies: key uniqueness; section / unit / parent / warning refs; region refs; enum values;
// investmentYi format (decimal string or null); sub-projects carry no investment; every
// sourceText is a verbatim (whitespace-normalised) substring of its source file. Prints per-plan
// counts and per-unit investment totals (exact decimal arithmetic: BigInt scaled by 10^4).
// Exits 1 on any failure.
import { existsSync, readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { SEED_DIR, SOURCES_DIR, PLANS_DIR, norm } from "./lib.mjs";

const errors = [];
const err = (where, msg) => errors.push(`${where}: ${msg}`);

const PLAN_LEVELS = new Set(["PROVINCE", "CITY", "PREFECTURE", "DISTRICT"]);
const REGION_LEVELS = new Set(["PROVINCE", "PREFECTURE", "CITY", "COUNTY"]);
const SECTION_KINDS = new Set(["COLUMN", "CATEGORY", "CHAPTER"]);
const PROJECT_KINDS = new Set(["PROJECT", "PROGRAMME"]);
const WARNING_TARGETS = new Set(["plan", "section", "project"]);
const DECIMAL = /^\d+(\.\d+)?$/;
const SCALE_DIGITS = 4;
const SCALE = 10n ** BigInt(SCALE_DIGITS);

/** "5.246" -> 52460n (value × 10^4). Throws when more than 4 decimals. */
function toScaled(s) {
  const [int, frac = ""] = s.split(".");
  if (frac.length > SCALE_DIGITS) throw new Error(`more than ${SCALE_DIGITS} decimals: ${s}`);
  return BigInt(int) * SCALE + BigInt(frac.padEnd(SCALE_DIGITS, "0") || "0");
}
function fromScaled(v) {
  const int = v / SCALE;
  const frac = (v % SCALE).toString().padStart(SCALE_DIGITS, "0").replace(/0+$/, "");
  return frac ? `${int}.${frac}` : `${int}`;
}

function checkKeys(obj, expected, where) {
  const got = Object.keys(obj);
  if (got.join(",") !== expected.join(",")) err(where, `keys are [${got}] expected [${expected}]`);
}

// ------------------------------------------------------------------------------------------------
// regions
// ------------------------------------------------------------------------------------------------
const regionsPath = join(SEED_DIR, "regions.json");
let regions = [];
try {
  regions = JSON.parse(readFileSync(regionsPath, "utf8"));
} catch (e) {
  err("regions.json", `cannot read: ${e.message}`);
}
const regionByName = new Map();
for (const [i, r] of regions.entries()) {
  const where = `regions.json[${i}] ${r.name}`;
  checkKeys(r, ["name", "level", "parent"], where);
  if (!r.name) err(where, "empty name");
  if (regionByName.has(r.name)) err(where, "duplicate region name");
  regionByName.set(r.name, r);
  if (!REGION_LEVELS.has(r.level)) err(where, `bad level ${r.level}`);
}
for (const r of regions) {
  if (r.parent !== null && !regionByName.has(r.parent)) err(`regions.json ${r.name}`, `unknown parent ${r.parent}`);
  // no cycles
  const seen = new Set();
  for (let cur = r; cur && cur.parent; cur = regionByName.get(cur.parent)) {
    if (seen.has(cur.name)) {
      err(`regions.json ${r.name}`, "parent cycle");
      break;
    }
    seen.add(cur.name);
  }
}

// ------------------------------------------------------------------------------------------------
// plans
// ------------------------------------------------------------------------------------------------
const planFiles = readdirSync(PLANS_DIR)
  .filter((f) => f.endsWith(".json"))
  .sort();
if (planFiles.length === 0) err("plans", "no plan files");
const planKeys = new Set();
const report = [];

for (const file of planFiles) {
  const W = `plans/${file}`;
  let d;
  try {
    d = JSON.parse(readFileSync(join(PLANS_DIR, file), "utf8"));
  } catch (e) {
    err(W, `cannot parse: ${e.message}`);
    continue;
  }
  checkKeys(d, ["plan", "units", "sections", "projects", "warnings"], W);
  const { plan, units = [], sections = [], projects = [], warnings = [] } = d;

  // plan
  checkKeys(plan, ["key", "title", "level", "regionName", "periodStart", "periodEnd", "sourceFile", "hasProjectList"], `${W} plan`);
  if (planKeys.has(plan.key)) err(W, `duplicate plan key ${plan.key}`);
  planKeys.add(plan.key);
  if (!plan.title) err(W, "empty title");
  if (!PLAN_LEVELS.has(plan.level)) err(W, `bad plan level ${plan.level}`);
  if (!regionByName.has(plan.regionName)) err(W, `plan regionName "${plan.regionName}" not in regions.json`);
  if (plan.periodStart !== 2021 || plan.periodEnd !== 2025) err(W, `period ${plan.periodStart}-${plan.periodEnd}`);
  if (typeof plan.hasProjectList !== "boolean") err(W, "hasProjectList not boolean");
  if (file !== plan.sourceFile.replace(/\.txt$/, ".json")) err(W, `file name does not match sourceFile ${plan.sourceFile}`);
  const srcPath = join(SOURCES_DIR, plan.sourceFile);
  let source = null;
  if (!existsSync(srcPath)) err(W, `source file missing: sources/${plan.sourceFile}`);
  else source = norm(readFileSync(srcPath, "utf8"));

  // units
  const unitNames = new Set();
  for (const u of units) {
    checkKeys(u, ["name", "regionName"], `${W} unit ${u.name}`);
    if (unitNames.has(u.name)) err(W, `duplicate unit ${u.name}`);
    unitNames.add(u.name);
    if (u.regionName !== null && !regionByName.has(u.regionName)) err(W, `unit ${u.name}: regionName "${u.regionName}" not in regions.json`);
  }

  // sections
  const sectionKeys = new Set();
  for (const s of sections) {
    const SW = `${W} section ${s.key}`;
    checkKeys(s, ["key", "kind", "number", "title", "locator"], SW);
    if (sectionKeys.has(s.key)) err(SW, "duplicate section key");
    sectionKeys.add(s.key);
    if (!SECTION_KINDS.has(s.kind)) err(SW, `bad kind ${s.kind}`);
    if (!s.title) err(SW, "empty title");
    if (!/第\d+(–\d+)?行/.test(s.locator ?? "")) err(SW, "locator lacks a line number");
  }

  // projects
  const byKey = new Map();
  for (const p of projects) {
    const PW = `${W} project ${p.key}`;
    checkKeys(p, ["key", "section", "unit", "kind", "name", "owner", "startYear", "endYear", "investmentYi", "parent", "locator", "sourceText"], PW);
    if (byKey.has(p.key) || sectionKeys.has(p.key)) err(PW, "duplicate key");
    byKey.set(p.key, p);
    if (!sectionKeys.has(p.section)) err(PW, `unknown section ${p.section}`);
    if (p.unit !== null && !unitNames.has(p.unit)) err(PW, `unknown unit ${p.unit}`);
    if (!PROJECT_KINDS.has(p.kind)) err(PW, `bad kind ${p.kind}`);
    if (!p.name) err(PW, "empty name");
    for (const y of ["startYear", "endYear"]) {
      if (p[y] !== null && !(Number.isInteger(p[y]) && p[y] >= 1990 && p[y] <= 2040)) err(PW, `bad ${y} ${p[y]}`);
    }
    if (p.startYear !== null && p.endYear !== null && p.startYear > p.endYear) err(PW, "startYear > endYear");
    if (p.investmentYi !== null) {
      if (typeof p.investmentYi !== "string" || !DECIMAL.test(p.investmentYi)) err(PW, `bad investmentYi ${JSON.stringify(p.investmentYi)}`);
      else if (toScaled(p.investmentYi) === 0n) err(PW, "investmentYi is 0 (use null for unknown)");
    }
    if (!/第\d+(–\d+)?行/.test(p.locator ?? "")) err(PW, "locator lacks a line number");
    if (!p.sourceText || !norm(p.sourceText)) err(PW, "empty sourceText");
    else if (source !== null && !source.includes(norm(p.sourceText))) err(PW, "sourceText is not a verbatim substring of the source file");
  }
  for (const p of projects) {
    if (p.parent === null) continue;
    const PW = `${W} project ${p.key}`;
    const parent = byKey.get(p.parent);
    if (!parent) {
      err(PW, `unknown parent ${p.parent}`);
      continue;
    }
    if (parent.parent !== null) err(PW, "parent is itself a child (nesting > 1 level)");
    if (p.investmentYi !== null) err(PW, "child of a bundled row must have investmentYi null");
    if (p.unit !== parent.unit) err(PW, "child unit differs from parent");
    if (p.section !== parent.section) err(PW, "child section differs from parent");
  }

  // warnings
  for (const [i, w] of warnings.entries()) {
    const WW = `${W} warning[${i}]`;
    checkKeys(w, ["target", "key", "code", "message"], WW);
    if (!WARNING_TARGETS.has(w.target)) err(WW, `bad target ${w.target}`);
    if (w.target === "plan" && w.key !== null) err(WW, "plan warning must have key null");
    if (w.target === "section" && !sectionKeys.has(w.key)) err(WW, `unknown section ${w.key}`);
    if (w.target === "project" && !byKey.has(w.key)) err(WW, `unknown project ${w.key}`);
    if (!/^[A-Z_]+$/.test(w.code ?? "")) err(WW, `bad code ${w.code}`);
    if (!w.message) err(WW, "empty message");
  }

  // counts + exact per-unit totals
  const perUnit = new Map();
  for (const u of units) perUnit.set(u.name, { sum: 0n, n: 0, priced: 0 });
  for (const p of projects) {
    const k = p.unit ?? "(无单位)";
    if (!perUnit.has(k)) perUnit.set(k, { sum: 0n, n: 0, priced: 0 });
    const e = perUnit.get(k);
    e.n++;
    if (p.investmentYi !== null && DECIMAL.test(p.investmentYi)) {
      e.sum += toScaled(p.investmentYi);
      e.priced++;
    }
  }
  report.push({ file, plan, sections, projects, units, warnings, perUnit });
}

// ------------------------------------------------------------------------------------------------
// report
// ------------------------------------------------------------------------------------------------
for (const { file, plan, sections, projects, units, warnings, perUnit } of report) {
  const nProj = projects.filter((p) => p.kind === "PROJECT").length;
  const nChild = projects.filter((p) => p.parent !== null).length;
  const secKinds = {};
  for (const s of sections) secKinds[s.kind] = (secKinds[s.kind] ?? 0) + 1;
  console.log(`\n${file}  [${plan.key}] ${plan.title} (${plan.level}, ${plan.regionName})`);
  console.log(
    `  sections: ${sections.length} (${Object.entries(secKinds)
      .map(([k, v]) => `${k} ${v}`)
      .join(", ")})` +
      `  projects: ${projects.length} (PROJECT ${nProj}, PROGRAMME ${projects.length - nProj}; sub-projects ${nChild})` +
      `  units: ${units.length}  warnings: ${warnings.length}`,
  );
  const anyMoney = [...perUnit.values()].some((e) => e.priced > 0);
  if (anyMoney) {
    let total = 0n;
    console.log("  investment by unit (亿元, rows with an amount):");
    for (const [name, e] of perUnit) {
      total += e.sum;
      console.log(`    ${name.padEnd(8, "\u3000")} ${fromScaled(e.sum).padStart(8)}  (${e.priced} priced / ${e.n} items)`);
    }
    console.log(`    ${"合计".padEnd(8, "\u3000")} ${fromScaled(total).padStart(8)}`);
  } else {
    console.log("  investment: the document gives no amounts (all investmentYi null)");
  }
}
console.log(`\nregions: ${regions.length}`);

if (errors.length) {
  console.error(`\n${errors.length} error(s):`);
  for (const e of errors) console.error(`  - ${e}`);
  process.exit(1);
}
console.log("\nOK: all checks passed");
