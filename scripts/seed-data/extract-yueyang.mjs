#!/usr/bin/env node
// Regenerates prisma/seed-data/plans/002_43e534452d03a9c6.json (健康岳阳“十四五”发展规划)
// from the source text (appendix table "重大项目") plus the hand-curated 专栏 boxes in
// scripts/seed-data/yueyang-columns.json.
//
// Usage (from the repo root):  node scripts/seed-data/extract-yueyang.mjs
//
// Table layout in the text file: each table row is a group of tab-led cells separated by blank
// lines; an empty cell is a lone tab; a line without a leading tab continues the cell above
// ("医院" + "（13个）"); a row can be split by a stray blank line. Blank 单位/类别 cells repeat
// the value above (merged cells).
import { join } from "node:path";
import { SCRIPT_DIR, PLANS_DIR, norm, readJSON, readSource, linesText, writeJSON, fail, planFile } from "./lib.mjs";
import { AMOUNT_PATTERN, parseCategory, parsePeriod, splitOnDunhao } from "../../lib/excel/appendix-rules.mjs";

const CONFIG = readJSON(join(SCRIPT_DIR, "yueyang-columns.json"));
const { plan } = CONFIG;
const { lines } = readSource(plan.sourceFile);
const PLAN_START = plan.periodStart;
const PLAN_END = plan.periodEnd;

const sections = [];
const projects = [];
const warnings = [...CONFIG.planWarnings];
const sectionWarnings = [];
const projectWarnings = [];

// ---------------------------------------------------------------------------------------------
// 1. 专栏 boxes (hand-curated line numbers, text taken from the source)
// ---------------------------------------------------------------------------------------------
const columnProjects = [];
for (const col of CONFIG.columns) {
  let locLine;
  if (col.headingLine) {
    const heading = linesText(lines, col.headingLine);
    const expected = norm(`${col.number} ${col.title}`);
    if (heading.replace(/\s/g, "") !== expected.replace(/\s/g, "")) {
      fail(`${col.key}: heading line ${col.headingLine} is "${heading}", expected "${expected}"`);
    }
    locLine = col.headingLine;
  } else {
    locLine = col.firstItemLine;
    // make sure the box really has no heading: nothing between the previous paragraph and the first item
    if (/专栏/.test(lines[locLine - 2] ?? "")) fail(`${col.key}: a heading exists above line ${locLine}`);
  }
  const headingNote = col.headingLine ? "" : "（无标题行，编号按位置推定）";
  sections.push({
    key: col.key,
    kind: "COLUMN",
    number: col.number,
    title: col.title,
    locator: `${col.context} · ${col.number} ${col.title}${headingNote} (第${locLine}行)`,
  });
  if (col.lostHeadingWarning) {
    sectionWarnings.push({ target: "section", key: col.key, code: "LOST_HEADING", message: col.lostHeadingWarning });
  }
  col.items.forEach((item, i) => {
    const text = linesText(lines, item.line);
    if (!text.startsWith(item.name)) fail(`${col.key} item ${i + 1}: line ${item.line} does not start with "${item.name}"`);
    const key = `yy-${col.key.replace("-", "")}-${i + 1}`;
    columnProjects.push({
      key,
      section: col.key,
      unit: null,
      kind: item.kind,
      name: item.name,
      locator: `${col.number} 第${i + 1}项 (第${item.line}行)`,
      sourceText: text,
    });
    if (item.warning) projectWarnings.push({ target: "project", key, code: item.warning.code, message: item.warning.message });
  });
}

// ---------------------------------------------------------------------------------------------
// 2. Appendix table
// ---------------------------------------------------------------------------------------------
const { titleLine, headerLine, noteLine, expectedHeader } = CONFIG.table;
if (!linesText(lines, titleLine).startsWith(`${plan.title}重大项目`)) {
  fail(`table title not found on line ${titleLine}`);
}
if (!linesText(lines, noteLine).startsWith("备注")) fail(`table note not found on line ${noteLine}`);

/** Split the lines between header and note into rows of 5 cells. */
function parseRows(firstLine, lastLine) {
  const rows = [];
  let cur = null; // { cells: [{text, line}], start, end }
  const flush = () => {
    if (!cur) return;
    if (cur.cells.length !== 5) fail(`row starting at line ${cur.start} has ${cur.cells.length} cells`);
    rows.push(cur);
    cur = null;
  };
  for (let ln = firstLine; ln <= lastLine; ln++) {
    const raw = lines[ln - 1];
    if (raw.trim() === "" && !raw.startsWith("\t")) {
      // blank line: ends a group; the row is complete once it has 5 cells
      if (cur && cur.cells.length >= 5) flush();
      continue;
    }
    if (raw.startsWith("\t")) {
      if (cur && cur.cells.length >= 5) flush();
      if (!cur) cur = { cells: [], start: ln, end: ln };
      cur.cells.push({ text: raw.slice(1).trim(), line: ln });
      cur.end = ln;
    } else {
      // continuation of the cell above (possibly across a stray blank line)
      if (!cur || cur.cells.length === 0) fail(`continuation line ${ln} has no cell above it`);
      cur.cells[cur.cells.length - 1].text += raw.trim();
      cur.end = ln;
    }
  }
  flush();
  return rows;
}

const allRows = parseRows(headerLine, noteLine - 1);
const header = allRows.shift();
if (header.start !== headerLine) fail("header row not where expected");
header.cells.forEach((c, i) => {
  if (norm(c.text) !== norm(expectedHeader[i])) fail(`header cell ${i + 1} is "${c.text}", expected "${expectedHeader[i]}"`);
});

const unitMap = CONFIG.units;
const units = [];
const categorySections = new Map(); // title -> section
const groups = []; // { unit, category, declared, rows: [projectKey...], actual, firstKey, firstLine }
const tableProjects = [];
let curUnit = null;
let curCat = null;
let curGroup = null;
const usedOverrides = new Set();
const usedNotes = new Set();

allRows.forEach((row, idx) => {
  const n = idx + 1;
  const [unitCell, catCell, nameCell, periodCell, amountCell] = row.cells;
  const key = `yy-r${String(n).padStart(3, "0")}`;
  const sourceText = linesText(lines, row.start, row.end);

  // 单位 (merged cells repeat the value above)
  if (unitCell.text) {
    if (!(unitCell.text in unitMap)) fail(`unknown unit "${unitCell.text}" on line ${unitCell.line}; add it to yueyang-columns.json`);
    curUnit = unitCell.text;
    curCat = null;
    if (!units.some((u) => u.name === curUnit)) units.push({ name: curUnit, regionName: unitMap[curUnit] });
  }
  if (!curUnit) fail(`row ${n} (line ${row.start}) has no unit`);

  // 项目类别（N个）
  let newGroup = false;
  if (catCell.text) {
    const { title, declared } = parseCategory(catCell.text);
    curCat = { title, declared, line: catCell.line, raw: catCell.text };
    newGroup = true;
    if (!categorySections.has(title)) {
      categorySections.set(title, {
        key: `cat-${title}`,
        kind: "CATEGORY",
        number: null,
        title,
        locator: `附录 健康岳阳“十四五”发展规划重大项目表 · 项目类别“${title}” (首见第${catCell.line}行)`,
      });
    }
  } else if (unitCell.text) {
    fail(`row ${n}: new unit without a category (line ${row.start})`);
  }
  if (!curCat) fail(`row ${n} (line ${row.start}) has no category`);
  if (newGroup) {
    curGroup = { unit: curUnit, category: curCat, actual: 0, firstKey: key };
    groups.push(curGroup);
  }

  // 建设周期
  let startYear = null;
  let endYear = null;
  const pm = parsePeriod(periodCell.text);
  if (pm) {
    ({ startYear, endYear } = pm);
    if (startYear > endYear) {
      projectWarnings.push({
        target: "project",
        key,
        code: "PERIOD_INVALID",
        message: `${curUnit} · ${nameCell.text}：建设周期“${periodCell.text}”起始年晚于结束年`,
      });
    } else if (startYear < PLAN_START || endYear > PLAN_END) {
      const why = [];
      if (startYear < PLAN_START) why.push(`起始年${startYear}早于规划期起点${PLAN_START}`);
      if (endYear > PLAN_END) why.push(`结束年${endYear}晚于规划期终点${PLAN_END}`);
      projectWarnings.push({
        target: "project",
        key,
        code: "PERIOD_OUTSIDE_PLAN",
        message: `${curUnit} · ${nameCell.text}：建设周期${periodCell.text}超出规划期${PLAN_START}–${PLAN_END}（${why.join("，")}）`,
      });
    }
  } else {
    projectWarnings.push({
      target: "project",
      key,
      code: "PERIOD_UNPARSED",
      message: `${curUnit} · ${nameCell.text}：建设周期“${periodCell.text}”无法识别，年份留空`,
    });
  }

  // 总投资（亿元）— kept as the printed decimal string
  let investmentYi = null;
  if (AMOUNT_PATTERN.test(amountCell.text)) investmentYi = amountCell.text;
  else {
    projectWarnings.push({
      target: "project",
      key,
      code: "AMOUNT_NOT_NUMERIC",
      message: `${curUnit} · ${nameCell.text}：总投资“${amountCell.text || "（空）"}”不是数字，投资额留空`,
    });
  }

  const parentRecord = {
    key,
    section: `cat-${curCat.title}`,
    unit: curUnit,
    kind: "PROJECT",
    name: nameCell.text,
    startYear,
    endYear,
    investmentYi,
    parent: null,
    locator: `附录 重大项目表 第${n}行 (第${nameCell.line}行)`,
    sourceText,
  };
  tableProjects.push(parentRecord);

  // bundled rows: 、-separated sub-projects
  const override = CONFIG.splitOverrides.find((o) => o.unit === curUnit && o.name === nameCell.text);
  let items;
  if (override) {
    usedOverrides.add(override);
    items = override.items;
    if (items) {
      // every item must be a verbatim piece of the cell, in order
      let pos = 0;
      for (const it of items) {
        const at = nameCell.text.indexOf(it, pos);
        if (at < 0) fail(`split override item "${it}" not found in row ${n}`);
        pos = at + it.length;
      }
    }
    projectWarnings.push({ target: "project", key, code: "SOURCE_AMBIGUOUS", message: `${curUnit} · ${override.warning}` });
  } else {
    const parts = splitOnDunhao(nameCell.text);
    items = parts.length > 1 ? parts : null;
  }
  const note = CONFIG.fragmentNotes.find((o) => o.unit === curUnit && o.name === nameCell.text);
  if (note) {
    usedNotes.add(note);
    projectWarnings.push({ target: "project", key, code: "SOURCE_AMBIGUOUS", message: `${curUnit} · ${note.warning}` });
  }
  const rowNote = CONFIG.rowNotes.find((o) => o.unit === curUnit && o.name === nameCell.text);
  if (rowNote) {
    usedNotes.add(rowNote);
    projectWarnings.push({ target: "project", key, code: rowNote.code, message: `${curUnit} · ${rowNote.warning}` });
  }

  if (items) {
    items.forEach((it, i) => {
      tableProjects.push({
        key: `${key}-${i + 1}`,
        section: parentRecord.section,
        unit: curUnit,
        kind: "PROJECT",
        name: it,
        startYear,
        endYear,
        investmentYi: null,
        parent: key,
        locator: `附录 重大项目表 第${n}行 子项${i + 1}/${items.length} (第${nameCell.line}行)`,
        sourceText,
      });
    });
    curGroup.actual += items.length;
  } else {
    curGroup.actual += 1;
  }
});

for (const o of CONFIG.splitOverrides) if (!usedOverrides.has(o)) fail(`split override not used: ${o.name}`);
for (const o of [...CONFIG.fragmentNotes, ...CONFIG.rowNotes]) if (!usedNotes.has(o)) fail(`note not used: ${o.name}`);

// declared count per unit + category vs what is actually listed
const countWarnings = [];
for (const g of groups) {
  const label = `${g.unit} · ${g.category.title}`;
  if (g.category.declared === null) {
    countWarnings.push({
      target: "project",
      key: g.firstKey,
      code: "DECLARED_COUNT_MISSING",
      message: `${label}：项目类别栏“${g.category.raw}”未声明项目个数，实际列出${g.actual}个（第${g.category.line}行）`,
    });
  } else if (g.category.declared !== g.actual) {
    countWarnings.push({
      target: "project",
      key: g.firstKey,
      code: "DECLARED_COUNT_MISMATCH",
      message: `${label}：表中声明${g.category.declared}个，实际列出${g.actual}个项目（按顿号拆分子项目后计数，第${g.category.line}行）`,
    });
  }
}

// category naming anomaly: a title used by a single unit only while others use a similar one
const catUse = new Map();
for (const g of groups) catUse.set(g.category.title, [...(catUse.get(g.category.title) ?? []), g.unit]);
if (catUse.has("公共卫生") && catUse.has("公卫机构")) {
  sectionWarnings.push({
    target: "section",
    key: "cat-公共卫生",
    code: "SOURCE_AMBIGUOUS",
    message: `项目类别“公共卫生”仅见于${catUse.get("公共卫生").join("、")}，其他单位均作“公卫机构”；按原文单列为一个类别，未合并`,
  });
}

// ---------------------------------------------------------------------------------------------
// 3. Assemble + write
// ---------------------------------------------------------------------------------------------
sections.push(...categorySections.values());
projects.push(...columnProjects, ...tableProjects);

// order warnings: plan, section, then project warnings in project order
const order = new Map(projects.map((p, i) => [p.key, i]));
const projectLevel = [...projectWarnings, ...countWarnings].sort((a, b) => order.get(a.key) - order.get(b.key));
// stable: count warnings for the same row come after the row's own warnings (sort is stable)
warnings.push(...sectionWarnings, ...projectLevel);

const out = planFile({ plan, units, sections, projects, warnings });
const outPath = join(PLANS_DIR, plan.sourceFile.replace(/\.txt$/, ".json"));
writeJSON(outPath, out);

const tableRows = tableProjects.filter((p) => !p.parent).length;
const children = tableProjects.length - tableRows;
console.log(
  `wrote ${outPath}\n  ${sections.length} sections, ${projects.length} projects ` +
    `(${columnProjects.length} 专栏 items, ${tableRows} table rows, ${children} sub-projects), ` +
    `${units.length} units, ${out.warnings.length} warnings`,
);
