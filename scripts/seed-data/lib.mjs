// Shared helpers for the seed-data extraction scripts (plain Node 20 ESM, no dependencies).
import { readFileSync, writeFileSync } from "node:fs";
import { dirname, join, resolve } from "node:path";
import { fileURLToPath } from "node:url";

export const SCRIPT_DIR = dirname(fileURLToPath(import.meta.url));
export const REPO_ROOT = resolve(SCRIPT_DIR, "..", "..");
export const SEED_DIR = join(REPO_ROOT, "prisma", "seed-data");
export const SOURCES_DIR = join(SEED_DIR, "sources");
export const PLANS_DIR = join(SEED_DIR, "plans");

/** Collapse every run of whitespace to one space and trim (the provenance check uses this). */
export const norm = (s) => s.replace(/\s+/g, " ").trim();

export function readJSON(path) {
  return JSON.parse(readFileSync(path, "utf8"));
}

/** Deterministic JSON output: 2-space indent + trailing newline. */
export function writeJSON(path, data) {
  writeFileSync(path, JSON.stringify(data, null, 2) + "\n", "utf8");
}

/** Read a source file; returns { text, lines } where lines[0] is line 1. */
export function readSource(fileName) {
  const text = readFileSync(join(SOURCES_DIR, fileName), "utf8");
  const lines = text.split("\n").map((l) => l.replace(/\r$/, ""));
  return { text, lines };
}

/** Normalised text of lines [from, to] (1-based, inclusive). */
export function linesText(lines, from, to = from) {
  if (from < 1 || to > lines.length || to < from) {
    throw new Error(`line range ${from}-${to} out of bounds (file has ${lines.length} lines)`);
  }
  return norm(lines.slice(from - 1, to).join("\n"));
}

export class BuildError extends Error {}

export function fail(msg) {
  throw new BuildError(msg);
}

/** Key order used for every project record. */
export function projectRecord(p) {
  return {
    key: p.key,
    section: p.section,
    unit: p.unit ?? null,
    kind: p.kind,
    name: p.name,
    owner: p.owner ?? null,
    startYear: p.startYear ?? null,
    endYear: p.endYear ?? null,
    investmentYi: p.investmentYi ?? null,
    parent: p.parent ?? null,
    locator: p.locator,
    sourceText: p.sourceText,
  };
}

export function sectionRecord(s) {
  return {
    key: s.key,
    kind: s.kind,
    number: s.number ?? null,
    title: s.title,
    locator: s.locator,
  };
}

export function warningRecord(w) {
  return {
    target: w.target,
    key: w.key ?? null,
    code: w.code,
    message: w.message,
  };
}

export function planFile({ plan, units, sections, projects, warnings }) {
  return {
    plan: {
      key: plan.key,
      title: plan.title,
      level: plan.level,
      regionName: plan.regionName,
      periodStart: plan.periodStart,
      periodEnd: plan.periodEnd,
      sourceFile: plan.sourceFile,
      hasProjectList: plan.hasProjectList,
    },
    units: units.map((u) => ({ name: u.name, regionName: u.regionName ?? null })),
    sections: sections.map(sectionRecord),
    projects: projects.map(projectRecord),
    warnings: warnings.map(warningRecord),
  };
}
