#!/usr/bin/env node
// Extracts the plans' main indicators (issue #14) into prisma/seed-data/indicators/<stem>.json:
// every row of the 主要指标 tables of 000 湘西, 001 湖南, 002 岳阳 and 004 平坝, and 003 某市's
// quantified 2025 targets stated in its 总体目标 text.
//
// Usage (from the repo root):  node scripts/seed-data/extract-indicators.mjs
//
// The SPECS below only locate things (line numbers, header cells compared without whitespace,
// verbatim quotes);
// every value written comes from the source text and is verified against it, and any mismatch
// aborts the build. Texts are kept verbatim ("≥ 77", "78.60左右", "待国家公布"): no comparator or
// number parsing here. Output is deterministic (re-running reproduces the committed JSON).
//
// Table layouts in the text files:
//   tabGroups  (000, 002) each cell on its own tab-led line, rows separated by blank lines; an empty
//              cell is a lone tab; a line without a leading tab continues the cell above ("健康资源"
//              + "配置"); a stray blank line can split a row (a row is complete with N cells).
//   lineCells  (001) each cell on its own line, cells separated by blank lines, no tabs; a row has
//              no 类别 cell unless the category changes and no 序号 cell for a "其中：" sub-row; a row
//              ends with its 性质 cell (预期性/约束性).
//   tabLines   (004) one row per line, cells separated by tabs; an empty first cell continues the
//              category above.
// A blank category cell carries the category of the row above (merged cells in the original).
import { readdirSync } from "node:fs";
import { join } from "node:path";
import { pathToFileURL } from "node:url";
import { SEED_DIR, PLANS_DIR, norm, readJSON, readSource, linesText, writeJSON, fail } from "./lib.mjs";

export const INDICATORS_DIR = join(SEED_DIR, "indicators");

const ATTRIBUTES = new Set(["预期性", "约束性"]);
/** Units recognised in a name's final bracket (whitespace removed: "/10 万" -> "/10万"). */
const KNOWN_UNITS = new Set(["岁", "%", "‰", "/10万", "1/10万", "张", "人", "个", "种类"]);
const squash = (s) => s.replace(/\s+/g, "");

// ------------------------------------------------------------------------------------------------
// Specs: locators only (verified against the source)
// ------------------------------------------------------------------------------------------------
export const SPECS = [
  {
    stem: "000_d8ddebddb8029f45",
    layout: "tabGroups",
    titleLine: 57,
    headerLine: 59,
    endLine: 198,
    after: "注：1.常住人口数",
    header: ["类别", "序号", "指标名称", "2020年", "2025年", "性质"],
    roles: ["category", "seq", "name", "baseline", "target", "attribute"],
    footnotes: [
      {
        mark: "*",
        line: 203,
        code: "SOURCE_FOOTNOTE",
        meaning: "该基期值为全省平均数，不是本州数据",
      },
    ],
    rowWarnings: [
      // 发展基础 reports other 2020 figures than the table's 2020 column
      {
        name: "人均预期寿命（岁）",
        code: "TEXT_CONTRADICTS",
        field: "baseline",
        line: 8,
        quote: "2020年末，全州居民人均期望寿命达76.57岁",
        message: "正文“发展基础”写2020年末人均期望寿命76.57岁，与表中基期值不同；按表格所印记录",
      },
      {
        name: "婴儿死亡率（‰）",
        code: "TEXT_CONTRADICTS",
        field: "baseline",
        line: 8,
        quote: "婴儿死亡率由5.36‰降低到3.54‰",
        message: "正文“发展基础”写婴儿死亡率降到3.54‰（即表中5岁以下儿童死亡率的基期值），与表中基期值不同；按表格所印记录",
      },
      {
        name: "5岁以下儿童死亡率（‰）",
        code: "SOURCE_AMBIGUOUS",
        field: "baseline",
        line: 8,
        quote: "婴儿死亡率由5.36‰降低到3.54‰",
        message:
          "表中5岁以下儿童死亡率基期值低于婴儿死亡率基期值（5.53），而5岁以下儿童死亡包含婴儿死亡，不应更低；正文把3.54‰写作婴儿死亡率，两行基期值疑似错位；按表格所印记录",
      },
    ],
  },
  {
    stem: "001_ff4f0b085b05f27f",
    layout: "lineCells",
    titleLine: 67,
    headerLine: 70,
    endLine: 356,
    after: "2.二〇三五年远景目标",
    header: ["类别", "序号", "指标", "2020年", "2025年", "性质"],
    roles: ["category", "seq", "name", "baseline", "target", "attribute"],
  },
  {
    stem: "002_43e534452d03a9c6",
    layout: "tabGroups",
    titleLine: 40,
    headerLine: 41,
    endLine: 166,
    after: "2.二Ο三五年远景目标",
    header: ["领域", "主要指标", "2020年", "2025年", "指标性质"],
    roles: ["category", "name", "baseline", "target", "attribute"],
    rowWarnings: [
      // 八 加强卫生健康人才队伍建设 1.优化人才队伍配置 states other 2025 floors than the table.
      {
        name: "每千常住人口中医类别执业（助理）医师数（人）",
        code: "TEXT_CONTRADICTS",
        line: 318,
        quote: "中医类别执业（助理）医师数、注册护士数和药师（士）数分别不低于2.8人、0.57人、3.8人和0.63？人",
        message: "正文“优化人才队伍配置”要求每千常住人口中医类别执业（助理）医师数不低于0.57人，与表中目标不同；按表格所印记录",
      },
      {
        name: "每千常住人口注册护士数（人）",
        code: "TEXT_CONTRADICTS",
        line: 318,
        quote: "中医类别执业（助理）医师数、注册护士数和药师（士）数分别不低于2.8人、0.57人、3.8人和0.63？人",
        message: "正文“优化人才队伍配置”要求每千常住人口注册护士数不低于3.8人，与表中目标不同；按表格所印记录",
      },
      {
        name: "每千常住人口药师（士）数（人）",
        code: "TEXT_CONTRADICTS",
        line: 318,
        quote: "中医类别执业（助理）医师数、注册护士数和药师（士）数分别不低于2.8人、0.57人、3.8人和0.63？人",
        message: "正文“优化人才队伍配置”要求每千常住人口药师（士）数不低于“0.63？人”（原文带问号），与表中目标不同；按表格所印记录",
      },
    ],
  },
  {
    stem: "003_01cee217d4c11053",
    layout: "goalText",
    line: 2,
    start: "(三)总体目标",
    end: "到2035年",
    // every number with a unit in the section is either a target below or listed here
    notTargets: [{ quote: "5岁以下童等主要健康水平指标达到或优于全省水平", why: "指标名的一部分，无数值目标" }],
    targets: [
      { name: "人均预期寿命", quote: "人均预期寿命达到82岁以上" },
      { name: "居民健康素养水平", quote: "居民健康素养水平达到40%" },
      { name: "重大慢病过早亡率", quote: "重大慢病过早亡率控制在8%以下" },
      { name: "县域就诊率", quote: "县域就诊率巩固在90%以上" },
      { name: "提供中医药服务的基层医疗卫生机构占比", quote: "提供中医药服务的基层医疗卫生机构占比达到95%" },
      { name: "政务服务事项掌办率", quote: "政务服务事项掌办率达100%" },
      { name: "个人卫生支出占卫生总费用比例", quote: "个人卫生支出占卫生总费用比例控制在25%以下" },
      { name: "国家级卫生人才数", quote: "拥有国家级卫生人才数达到300人" },
    ],
    warnings: [
      {
        name: "居民健康素养水平",
        code: "TEXT_CONTRADICTS",
        see: ["到2025年,居民健康素养水平达到80%o"],
        message: "总体目标写居民健康素养水平达到40%，主要任务“(五)深入推进健康城市发展”写到2025年达到80%，原文自相矛盾；按总体目标所印记录40%",
      },
      {
        name: "重大慢病过早亡率",
        code: "SOURCE_AMBIGUOUS",
        see: ["重大慢性病过早死亡率力争降至全省平均水平"],
        message: "指标名原文作“重大慢病过早亡率”，疑脱“死”字（同段另作“重大慢性病过早死亡率”）；名称按原文记录",
      },
      {
        name: "重大慢病过早亡率",
        code: "TEXT_CONTRADICTS",
        see: ["重大慢病过早死亡率降低到&5%以下", "重大慢性病过早死亡率力争降至全省平均水平"],
        message:
          "总体目标写控制在8%以下；主要任务“(五)深入推进健康城市发展”写“降低到&5%以下”（数字识别不清，与8%不一致），同段又写“力争降至全省平均水平”；按总体目标所印记录8%以下",
      },
      {
        name: "提供中医药服务的基层医疗卫生机构占比",
        code: "SOURCE_AMBIGUOUS",
        followedBy: "o4、",
        message: "原文作“95%o”，其后紧接“4、”另起一条，o疑为句号“。”的识别错误；目标按“95%”记录",
      },
    ],
  },
  {
    stem: "004_7652db6a697673a0",
    layout: "tabLines",
    titleLine: 168,
    headerLine: 170,
    endLine: 189,
    after: "第四章 主要任务及重点项目",
    header: ["领域", "指标", "2025 目标", "属性"],
    roles: ["category", "name", "target", "attribute"],
    rowWarnings: [
      {
        name: "每万常住人口全科医生数（人）",
        code: "TEXT_CONTRADICTS",
        line: 487,
        quote: "到 2025 年，实现城乡每万人口配备 3 名全科医生",
        message: "正文“加强基层人才队伍建设”写到2025年每万人口配备3名全科医生，与表中目标不同；按表格所印记录",
      },
    ],
  },
];

// ------------------------------------------------------------------------------------------------
// Helpers
// ------------------------------------------------------------------------------------------------

/** "人均预期寿命（岁）" -> { shortName: "人均预期寿命", unit: "岁" }; no final bracket -> unit null. */
export function splitUnit(name, where) {
  const m = name.match(/^(.*\S)\s*（([^（）]+)）$/);
  if (!m) return { shortName: name, unit: null };
  const unit = squash(m[2]);
  if (!KNOWN_UNITS.has(unit)) fail(`${where}: final bracket "（${m[2]}）" of "${name}" is not a known unit; add it to KNOWN_UNITS or check the row`);
  return { shortName: m[1], unit };
}

/** The year printed in a header cell ("2020年", "2025 目标"). */
function headerYear(cell, where) {
  const m = cell.match(/^(\d{4})\s*(年|目标)$/);
  if (!m) fail(`${where}: header cell "${cell}" carries no year`);
  return Number(m[1]);
}

/** 1-based column of the first non-whitespace character of a line. */
const firstColumn = (line) => line.search(/\S/) + 1;

/** The normalised source from (line, column) onward starts with `text` (the check uses the same rule). */
export function textAt(lines, line, column, text) {
  if (line < 1 || line > lines.length) return false;
  const rest = [lines[line - 1].slice(column - 1), ...lines.slice(line, line + 60)].join("\n");
  return norm(rest).startsWith(norm(text));
}

function indicatorRecord(r) {
  return {
    key: r.key,
    category: r.category ?? null,
    seq: r.seq ?? null,
    name: r.name,
    shortName: r.shortName,
    unit: r.unit ?? null,
    baselineYear: r.baselineYear ?? null,
    baselineText: r.baselineText ?? null,
    targetYear: r.targetYear ?? null,
    targetText: r.targetText ?? null,
    attribute: r.attribute ?? null,
    source: { file: r.source.file, line: r.source.line, column: r.source.column, text: r.source.text },
    warnings: (r.warnings ?? []).map((w) => ({ code: w.code, message: w.message })),
  };
}

// ------------------------------------------------------------------------------------------------
// Table layouts -> raw rows: { cells: [{ text }], first, last } (first = first line with text)
// ------------------------------------------------------------------------------------------------

function tabGroupRows(lines, from, to, width, where) {
  const rows = [];
  let cur = null;
  const flush = () => {
    if (!cur) return;
    if (cur.cells.length !== width) fail(`${where}: row at line ${cur.first ?? cur.start} has ${cur.cells.length} cells, expected ${width}`);
    rows.push(cur);
    cur = null;
  };
  for (let ln = from; ln <= to; ln++) {
    const raw = lines[ln - 1];
    const hasText = raw.trim() !== "";
    if (!raw.startsWith("\t") && !hasText) {
      if (cur && cur.cells.length >= width) flush(); // a blank line inside a row (cells < width) is a stray split
      continue;
    }
    if (raw.startsWith("\t")) {
      if (cur && cur.cells.length >= width) flush();
      if (!cur) cur = { cells: [], start: ln, first: null, last: ln };
      cur.cells.push({ text: raw.trim() });
    } else {
      if (!cur || cur.cells.length === 0) fail(`${where}: continuation line ${ln} has no cell above it`);
      cur.cells[cur.cells.length - 1].text += raw.trim(); // a cell wrapped onto the next line
    }
    if (hasText && cur.first === null) cur.first = ln;
    cur.last = ln;
  }
  flush();
  return rows;
}

function tabLineRows(lines, from, to, width, where) {
  const rows = [];
  for (let ln = from; ln <= to; ln++) {
    const raw = lines[ln - 1];
    if (raw.trim() === "") continue;
    const cells = raw.split("\t").map((c) => ({ text: c.trim() }));
    if (cells.length !== width) fail(`${where}: line ${ln} has ${cells.length} cells, expected ${width}`);
    rows.push({ cells, first: ln, last: ln });
  }
  return rows;
}

/**
 * 001: one cell per line. The header is the first `width` cells; each later row ends with its 性质
 * cell and has 4 cells (name, baseline, target, 性质) plus an optional 序号 (digits) before them and
 * an optional category before that.
 */
function lineCellRows(lines, from, to, spec, where) {
  const width = spec.header.length;
  const cells = [];
  for (let ln = from; ln <= to; ln++) {
    const t = lines[ln - 1].trim();
    if (t !== "") cells.push({ text: t, line: ln });
  }
  const header = { cells: cells.slice(0, width), first: cells[0].line, last: cells[width - 1].line };
  const rows = [header];
  let pending = [];
  for (const c of cells.slice(width)) {
    pending.push(c);
    if (!ATTRIBUTES.has(c.text)) continue;
    const tail = pending.slice(-4); // name, baseline, target, 性质
    const lead = pending.slice(0, -4);
    let category = "";
    let seq = "";
    if (lead.length === 2) [category, seq] = lead.map((x) => x.text);
    else if (lead.length === 1 && /^\d+$/.test(lead[0].text)) seq = lead[0].text;
    else if (lead.length === 1) category = lead[0].text;
    else if (lead.length !== 0) fail(`${where}: row ending at line ${c.line} has ${pending.length} cells`);
    if (lead.length === 2 && !/^\d+$/.test(seq)) fail(`${where}: row at line ${pending[0].line}: 序号 "${seq}" is not a number`);
    const byRole = { category, seq, name: tail[0].text, baseline: tail[1].text, target: tail[2].text, attribute: tail[3].text };
    rows.push({ cells: spec.roles.map((r) => ({ text: byRole[r] })), first: pending[0].line, last: c.line });
    pending = [];
  }
  if (pending.length) fail(`${where}: ${pending.length} cell(s) after the last 性质 cell (line ${pending[0].line})`);
  return rows;
}

// ------------------------------------------------------------------------------------------------
// Plans
// ------------------------------------------------------------------------------------------------

function extractTable(spec, plan, lines) {
  const W = `${spec.stem}`;
  const file = plan.sourceFile;
  const title = linesText(lines, spec.titleLine);
  if (!title.includes("主要") || !title.includes("指标")) fail(`${W}: line ${spec.titleLine} is "${title}", not a 主要指标 title`);
  // the table ends at endLine: the next non-blank line is the text after it
  let next = spec.endLine + 1;
  while (next <= lines.length && lines[next - 1].trim() === "") next++;
  if (!linesText(lines, next).startsWith(spec.after)) fail(`${W}: line ${next} after the table does not start with "${spec.after}"`);
  for (let ln = spec.titleLine + 1; ln < spec.headerLine; ln++) {
    if (lines[ln - 1].trim() !== "") fail(`${W}: unexpected text on line ${ln} between title and header`);
  }

  const width = spec.header.length;
  let rows;
  if (spec.layout === "tabGroups") rows = tabGroupRows(lines, spec.headerLine, spec.endLine, width, W);
  else if (spec.layout === "tabLines") rows = tabLineRows(lines, spec.headerLine, spec.endLine, width, W);
  else if (spec.layout === "lineCells") rows = lineCellRows(lines, spec.headerLine, spec.endLine, spec, W);
  else fail(`${W}: unknown layout ${spec.layout}`);

  const header = rows.shift();
  if (header.first !== spec.headerLine) fail(`${W}: header starts on line ${header.first}, expected ${spec.headerLine}`);
  header.cells.forEach((c, i) => {
    if (squash(c.text) !== squash(spec.header[i])) fail(`${W}: header cell ${i + 1} is "${c.text}", expected "${spec.header[i]}"`);
  });
  const headerText = header.cells.map((c) => norm(c.text));
  const col = (role) => spec.roles.indexOf(role);
  const baselineYear = col("baseline") >= 0 ? headerYear(header.cells[col("baseline")].text, W) : null;
  const targetYear = headerYear(header.cells[col("target")].text, W);

  const footnotes = (spec.footnotes ?? []).map((f) => {
    const text = linesText(lines, f.line);
    if (!text.includes(`“${f.mark}”`)) fail(`${W}: footnote line ${f.line} does not explain the mark ${f.mark}`);
    return { ...f, text };
  });

  const indicators = [];
  let category = null;
  for (const row of rows) {
    const cell = (role) => (col(role) >= 0 ? row.cells[col(role)].text : null);
    if (cell("category")) category = cell("category");
    if (!category) fail(`${W}: row at line ${row.first} has no category`);
    const name = cell("name");
    if (!name) fail(`${W}: row at line ${row.first} has no name`);
    const attribute = cell("attribute");
    if (!ATTRIBUTES.has(attribute)) fail(`${W}: row at line ${row.first}: 性质 "${attribute}" is not 预期性/约束性`);
    const baselineText = col("baseline") >= 0 ? cell("baseline") : null;
    const targetText = cell("target");
    if (baselineText === "" || targetText === "") fail(`${W}: row at line ${row.first} has an empty value cell`);
    const source = { file, line: row.first, column: firstColumn(lines[row.first - 1]), text: linesText(lines, row.first, row.last) };
    for (const v of [name, baselineText, targetText, attribute]) {
      if (v !== null && !squash(source.text).includes(squash(v))) fail(`${W}: "${v}" not in row text "${source.text}"`);
    }
    const warnings = [];
    for (const f of footnotes) {
      for (const [label, v] of [
        ["基期值", baselineText],
        ["目标值", targetText],
      ]) {
        if (v?.startsWith(f.mark)) {
          warnings.push({ code: f.code, message: `${label}“${v}”带“${f.mark}”标记，表注（第${f.line}行）“${f.text}”：${f.meaning}` });
        }
      }
    }
    indicators.push({
      category,
      seq: col("seq") >= 0 ? cell("seq") || null : null,
      name,
      ...splitUnit(name, `${W} line ${row.first}`),
      baselineYear: baselineText === null ? null : baselineYear,
      baselineText,
      targetYear,
      targetText,
      attribute,
      source,
      warnings,
    });
  }

  for (const rw of spec.rowWarnings ?? []) {
    const hits = indicators.filter((r) => r.name === rw.name);
    if (hits.length !== 1) fail(`${W}: row warning for "${rw.name}" matches ${hits.length} rows`);
    if (!linesText(lines, rw.line).includes(norm(rw.quote))) fail(`${W}: quote not found on line ${rw.line}: "${rw.quote}"`);
    const shown = rw.field === "baseline" ? `表中${baselineYear}年基期值“${hits[0].baselineText}”` : `表中${targetYear}年目标“${hits[0].targetText}”`;
    hits[0].warnings.push({ code: rw.code, message: `${rw.message}（${shown}；第${rw.line}行：“${rw.quote}”）` });
  }

  const planWarnings = [];
  if (baselineYear === null) {
    planWarnings.push({
      code: "NO_BASELINE",
      message: `主要指标表（第${spec.headerLine}行表头“${headerText.join(" | ")}”）只列${targetYear}年目标，没有基期值列；baselineYear、baselineText 留空`,
    });
  }
  return {
    origin: { kind: "TABLE", title, line: spec.titleLine, header: headerText },
    indicators,
    warnings: planWarnings,
  };
}

/** 003: the quantified 2025 targets in the 总体目标 section (all on one line). */
function extractGoalText(spec, plan, lines) {
  const W = spec.stem;
  const file = plan.sourceFile;
  const lineText = lines[spec.line - 1];
  const unique = (q, from = 0, to = lineText.length) => {
    const at = lineText.indexOf(q, from);
    if (at < 0 || at + q.length > to) fail(`${W}: "${q}" not found on line ${spec.line}`);
    const again = lineText.indexOf(q, at + 1);
    if (again >= 0 && again + q.length <= to) fail(`${W}: "${q}" occurs more than once on line ${spec.line}`);
    return at;
  };
  const start = unique(spec.start);
  const end = lineText.indexOf(spec.end, start);
  if (end < 0) fail(`${W}: end marker "${spec.end}" not found after "${spec.start}"`);
  const section = lineText.slice(start, end);
  const ym = section.slice(spec.start.length).match(/^到(\d{4})年/);
  if (!ym) fail(`${W}: the section does not open with 到YYYY年`);
  const targetYear = Number(ym[1]);

  // numbered goals "L打造…。" / "2、打造…。" (the 1 is printed as L) are the categories
  const goals = [...section.matchAll(/(?:L|\d、)(打造[^。]+)。/g)].map((m) => ({ at: start + m.index, title: m[1] }));
  if (goals.length === 0) fail(`${W}: no numbered goals in the section`);

  const covered = [];
  const indicators = spec.targets.map((t) => {
    const at = unique(t.quote, start, end);
    covered.push([at, at + t.quote.length]);
    const m = t.quote.match(/^(.*?)(达到|控制在|巩固在|达)(\d+(?:\.\d+)?(岁|%|‰|人).*)$/);
    if (!m) fail(`${W}: cannot split "${t.quote}" into indicator, verb and target`);
    const [, subject, , targetText, unit] = m;
    if (!subject.endsWith(t.name)) fail(`${W}: "${t.name}" is not how "${t.quote}" names its indicator`);
    const goal = goals.filter((g) => g.at < at).at(-1);
    return {
      category: goal ? goal.title : null,
      seq: null,
      name: t.name,
      shortName: t.name,
      unit,
      baselineYear: null,
      baselineText: null,
      targetYear,
      targetText,
      attribute: null,
      source: { file, line: spec.line, column: at + 1, text: t.quote },
      warnings: [],
    };
  });
  for (const n of spec.notTargets) {
    const at = unique(n.quote, start, end);
    covered.push([at, at + n.quote.length]);
  }
  // completeness: every number with a unit in the section belongs to a target or a listed non-target
  for (const m of section.matchAll(/\d+(?:\.\d+)?(?:岁|%|‰|人)/g)) {
    const at = start + m.index;
    if (!covered.some(([a, b]) => at >= a && at < b)) fail(`${W}: "${m[0]}" at column ${at + 1} is neither a target nor listed in notTargets`);
  }

  for (const w of spec.warnings) {
    const hit = indicators.find((r) => r.name === w.name);
    if (!hit) fail(`${W}: warning for unknown target "${w.name}"`);
    const refs = (w.see ?? []).map((q) => `第${spec.line}行第${unique(q) + 1}字“${q}”`);
    if (w.followedBy) {
      const after = hit.source.column - 1 + hit.source.text.length;
      if (lineText.slice(after, after + w.followedBy.length) !== w.followedBy) fail(`${W}: "${hit.source.text}" is not followed by "${w.followedBy}"`);
    }
    hit.warnings.push({ code: w.code, message: refs.length ? `${w.message}（见${refs.join("；")}）` : w.message });
  }

  return {
    origin: { kind: "TEXT", title: spec.start, line: spec.line, header: null },
    indicators,
    warnings: [
      {
        code: "NO_TABLE",
        message: `本规划没有主要指标表；指标取自“${spec.start}”一节（第${spec.line}行第${start + 1}字起）中给出数值的${targetYear}年目标，无基期值、无指标属性`,
      },
    ],
  };
}

/** Builds every plan's indicator file in memory: Map stem -> data. Throws BuildError on any mismatch. */
export function extractIndicators() {
  const out = new Map();
  for (const spec of SPECS) {
    const planData = readJSON(join(PLANS_DIR, `${spec.stem}.json`));
    const plan = planData.plan;
    if (plan.sourceFile !== `${spec.stem}.txt`) fail(`${spec.stem}: plan file names source ${plan.sourceFile}`);
    const { lines } = readSource(plan.sourceFile);
    const part = spec.layout === "goalText" ? extractGoalText(spec, plan, lines) : extractTable(spec, plan, lines);
    const indicators = part.indicators.map((r, i) => indicatorRecord({ ...r, key: `${plan.key}-ind-${String(i + 1).padStart(2, "0")}` }));
    for (const r of indicators) {
      if (!textAt(lines, r.source.line, r.source.column, r.source.text))
        fail(`${spec.stem} ${r.key}: source text not found at line ${r.source.line} column ${r.source.column}`);
    }
    out.set(spec.stem, {
      plan: { key: plan.key, title: plan.title, sourceFile: plan.sourceFile },
      origin: part.origin,
      indicators,
      warnings: part.warnings,
    });
  }
  return out;
}

/** The exact bytes writeJSON produces (the check compares committed files against this). */
export const serialize = (data) => JSON.stringify(data, null, 2) + "\n";

export const indicatorFiles = () =>
  readdirSync(INDICATORS_DIR)
    .filter((f) => f.endsWith(".json"))
    .sort();

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) {
  const { mkdirSync } = await import("node:fs");
  mkdirSync(INDICATORS_DIR, { recursive: true });
  const all = extractIndicators();
  for (const [stem, data] of all) {
    writeJSON(join(INDICATORS_DIR, `${stem}.json`), data);
    const warned = data.indicators.filter((r) => r.warnings.length).length;
    console.log(
      `wrote indicators/${stem}.json  [${data.plan.key}] ${data.indicators.length} indicators (${warned} with warnings, ${data.warnings.length} plan warnings)`,
    );
  }
}
