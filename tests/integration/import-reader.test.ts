import { monitorEventLoopDelay } from "node:perf_hooks";
import { afterEach, beforeAll, describe, expect, it } from "vitest";
import { strToU8, zipSync, type Zippable } from "fflate";
import { db } from "@/lib/db";
import { makePlan } from "@/lib/server/seed/factories";
import { checkHealth } from "@/lib/server/health/check-health";
import { previewImport } from "@/lib/server/imports/preview-import";
import { READ_LIMITS, readSpreadsheet } from "@/lib/server/imports/read-file";
import type { SessionUser } from "@/lib/server/auth/current-user";
import { expectAppError, sessionFor } from "../support/users";

// Issue #13 item 10: the import reader. A 2 KB .xlsx of 160,000 <row> elements used to hold the whole
// server for over a minute (the old reader's regular expressions were quadratic in the rows). Reading
// is now linear, capped (rows, cells, characters, decompressed bytes, time) and runs in a worker
// thread, so other requests are answered meanwhile; a file past a cap gets a Chinese message naming it.

const MAIN = "http://schemas.openxmlformats.org/spreadsheetml/2006/main";
const REL = "http://schemas.openxmlformats.org/officeDocument/2006/relationships";

// A workbook from its sheets' XML (sheetData content), built with the zip library.
function workbook(sheets: string[], parts: Record<string, string> = {}, names = sheets.map((_, i) => `表${i + 1}`)): Buffer {
  const files: Zippable = {
    "[Content_Types].xml": strToU8(`<?xml version="1.0"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"/>`),
    "xl/workbook.xml": strToU8(
      `<?xml version="1.0"?><workbook xmlns="${MAIN}" xmlns:r="${REL}"><sheets>${names.map((n, i) => `<sheet name="${n}" sheetId="${i + 1}" r:id="rId${i + 1}"/>`).join("")}</sheets></workbook>`,
    ),
    "xl/_rels/workbook.xml.rels": strToU8(
      `<?xml version="1.0"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">${names.map((_, i) => `<Relationship Id="rId${i + 1}" Type="${REL}/worksheet" Target="worksheets/sheet${i + 1}.xml"/>`).join("")}</Relationships>`,
    ),
  };
  sheets.forEach(
    (s, i) => (files[`xl/worksheets/sheet${i + 1}.xml`] = strToU8(`<?xml version="1.0"?><worksheet xmlns="${MAIN}"><sheetData>${s}</sheetData></worksheet>`)),
  );
  for (const [name, xml] of Object.entries(parts)) files[name] = strToU8(xml);
  return Buffer.from(zipSync(files, { level: 9 }));
}

const HEADER = `<row r="1"><c r="A1" t="inlineStr"><is><t>项目名称</t></is></c></row>`;

// While `work` runs: the event loop's longest stall and the health checks answered meanwhile. That
// checks keep being answered during the read is what shows it is off the request thread (a read on
// it would let none through until it ends); the stall is logged, not asserted (times vary with load).
async function whileServing<T>(
  work: () => Promise<T>,
): Promise<{ result: PromiseSettledResult<T>; ms: number; maxStallMs: number; slowestHealthMs: number; answeredDuring: number }> {
  const stall = monitorEventLoopDelay({ resolution: 10 });
  stall.enable();
  let running = true;
  let slowestHealthMs = 0;
  let answered = 0;
  const probes = (async () => {
    while (running) {
      const t = performance.now();
      expect((await checkHealth()).ok).toBe(true);
      if (running) answered++;
      slowestHealthMs = Math.max(slowestHealthMs, performance.now() - t);
      await new Promise((r) => setTimeout(r, 20));
    }
  })();
  const t0 = performance.now();
  const [result] = await Promise.allSettled([work()]);
  const ms = performance.now() - t0;
  running = false;
  await probes;
  stall.disable();
  return { result, ms, maxStallMs: stall.max / 1e6, slowestHealthMs, answeredDuring: answered };
}

let admin: SessionUser;
let planId: number;
beforeAll(async () => {
  admin = await sessionFor("ADMIN");
  planId = (await makePlan(db, { unitNames: ["甲县"] })).plan.id;
  // What is measured is the reading, not the reader's start-up or the first query of each kind.
  await previewImport(admin, { planId, fileName: "warm.xlsx", bytes: workbook([HEADER]) }).catch(() => undefined);
  await checkHealth();
});

afterEach(() => {
  READ_LIMITS.ms = 20_000;
});

describe("import reader: a crafted file neither blocks the server nor takes unbounded time", () => {
  it("the 2 KB .xlsx of 160,000 unclosed <row> is refused in about a second while health checks keep being answered", async () => {
    const file = workbook(["<row>".repeat(160_000)]);
    expect(file.length).toBeLessThan(3000);
    const batches = await db.importBatch.count();
    const run = await whileServing(() => previewImport(admin, { planId, fileName: "crafted.xlsx", bytes: file }));
    console.log(
      `160,000 unclosed <row>: ${Math.round(run.ms)} ms, longest event-loop stall ${Math.round(run.maxStallMs)} ms, slowest health ${Math.round(run.slowestHealthMs)} ms`,
    );
    expect(run.result.status).toBe("rejected");
    const err = (run.result as PromiseRejectedResult).reason as { code: string; message: string };
    expect(err.code).toBe("BAD_FILE");
    expect(err.message).toMatch(/文件已损坏/);
    expect(run.ms).toBeLessThan(20_000); // the reader's own time cap; the old reader: 66 s
    expect(run.answeredDuring).toBeGreaterThanOrEqual(2);
    expect(await db.importBatch.count()).toBe(batches);
  });

  it("well-formed blank rows are read in linear time: 160,000 in well under the time 4 × 40,000 would allow if quadratic; past 200,000 refused", async () => {
    const time = async (rows: number) => {
      const t = performance.now();
      const err = await expectAppError(readSpreadsheet(workbook(["<row/>".repeat(rows)]), "blank.xlsx"), "BAD_FILE");
      return { ms: performance.now() - t, message: err.message };
    };
    const small = await time(40_000);
    const large = await time(160_000);
    console.log(`blank rows: 40,000 in ${Math.round(small.ms)} ms, 160,000 in ${Math.round(large.ms)} ms`);
    expect(small.message).toMatch(/文件是空的/);
    expect(large.message).toMatch(/文件是空的/);
    expect(large.ms).toBeLessThan(8 * small.ms + 500); // quadratic would be 16 ×
    const run = await whileServing(() => time(250_000));
    expect((run.result as PromiseFulfilledResult<{ message: string }>).value.message).toMatch(/行数太多：文件中的行（含空行）超过 200,000 行/);
    expect(run.answeredDuring).toBeGreaterThanOrEqual(2);
  });

  it("a file still being read when the time limit ends is refused with the limit named, and the next file is read", async () => {
    // A limit no read of 190,000 rows can meet on any machine (1 ms), so the outcome does not depend on speed.
    READ_LIMITS.ms = 1;
    const slow = await expectAppError(readSpreadsheet(workbook(["<row/>".repeat(190_000)]), "slow.xlsx"), "BAD_FILE");
    expect(slow.message).toMatch(/文件读取超时：0\.001 秒内未能读完/);
    READ_LIMITS.ms = 20_000;
    const next = await readSpreadsheet(workbook([HEADER + `<row r="2"><c r="A2" t="inlineStr"><is><t>甲县医院</t></is></c></row>`]), "next.xlsx");
    expect(next.sheets[0].rows).toEqual([
      { number: 1, cells: ["项目名称"] },
      { number: 2, cells: ["甲县医院"] },
    ]);
  });
});

describe("import reader: zip bombs and the other caps answer BAD_FILE naming the limit", () => {
  it(
    "a 64 KB part that inflates to 65 MB, parts past 128 MB in all, and a part that lies about its size are refused before inflating",
    { timeout: 60_000 },
    async () => {
      const zeros = new Uint8Array(65 * 1024 * 1024);
      const bomb = Buffer.from(zipSync({ "xl/workbook.xml": strToU8("<workbook/>"), "xl/worksheets/sheet1.xml": [zeros, { level: 9 }] }));
      expect(bomb.length).toBeLessThan(200_000);
      const run = await whileServing(() => readSpreadsheet(bomb, "bomb.xlsx"));
      expect(((run.result as PromiseRejectedResult).reason as Error).message).toMatch(/文件解压后太大：工作簿中的一个部分解压后超过 64 MB/);
      expect(run.ms).toBeLessThan(5000); // refused from the declared size, before inflating 65 MB

      const part = zeros.subarray(0, 44 * 1024 * 1024);
      const parts = Buffer.from(
        zipSync({
          "xl/workbook.xml": strToU8("<workbook/>"),
          ...Object.fromEntries([1, 2, 3].map((i) => [`xl/worksheets/sheet${i}.xml`, [part, { level: 1 }]])),
        }),
      );
      expect((await expectAppError(readSpreadsheet(parts, "parts.xlsx"), "BAD_FILE")).message).toMatch(/工作簿解压后合计超过 128 MB/);

      // The same bomb with its central directory claiming 1,000 bytes: refused as damaged, at once.
      const lying = Buffer.from(bomb);
      const cd = lying.lastIndexOf(Buffer.from("PK\x01\x02", "latin1"));
      expect(lying.toString("latin1", cd + 46, cd + 46 + lying.readUInt16LE(cd + 28))).toBe("xl/worksheets/sheet1.xml");
      lying.writeUInt32LE(1000, cd + 24);
      const t = performance.now();
      expect((await expectAppError(readSpreadsheet(lying, "lying.xlsx"), "BAD_FILE")).message).toMatch(/文件已损坏/);
      expect(performance.now() - t).toBeLessThan(5000);
    },
  );

  const caps: [string, () => { name: string; bytes: Buffer }, RegExp][] = [
    [
      "cells: 200 rows reaching column XFD (3.3 million cells counting the blank ones between)",
      () => ({
        name: "wide.xlsx",
        bytes: workbook([Array.from({ length: 200 }, (_, i) => `<row r="${i + 1}"><c r="XFD${i + 1}"><v>1</v></c></row>`).join("")]),
      }),
      /单元格太多：文件中的单元格（含空白单元格）超过 2,000,000 个/,
    ],
    ["a cell past column XFD", () => ({ name: "far.xlsx", bytes: workbook([`<row r="1"><c r="XFE1"><v>1</v></c></row>`]) }), /文件已损坏/],
    [
      "one shared string of 40,000 characters",
      () => ({
        name: "long.xlsx",
        bytes: workbook([`<row r="1"><c r="A1" t="s"><v>0</v></c></row>`], {
          "xl/sharedStrings.xml": `<sst xmlns="${MAIN}"><si><t>${"长".repeat(40_000)}</t></si></sst>`,
        }),
      }),
      /单元格内容太长：一个单元格不能超过 32,767 个字符/,
    ],
    [
      "2,000,001 shared strings",
      () => ({ name: "strings.xlsx", bytes: workbook([HEADER], { "xl/sharedStrings.xml": `<sst xmlns="${MAIN}">${"<si/>".repeat(2_000_001)}</sst>` }) }),
      /文本太多：文件中不同的文本超过 2,000,000 条/,
    ],
    [
      "XML entity expansion (a billion laughs)",
      () => ({
        name: "laughs.xlsx",
        bytes: workbook([], {
          "xl/worksheets/sheet1.xml": `<?xml version="1.0"?><!DOCTYPE w [<!ENTITY a "哈哈哈哈哈哈哈哈哈哈"><!ENTITY b "&a;&a;&a;&a;&a;&a;&a;&a;&a;&a;"><!ENTITY c "&b;&b;&b;&b;&b;&b;&b;&b;&b;&b;">]><worksheet xmlns="${MAIN}"><sheetData><row><c t="inlineStr"><is><t>&c;&c;&c;</t></is></c></row></sheetData></worksheet>`,
          "xl/workbook.xml": `<workbook xmlns="${MAIN}" xmlns:r="${REL}"><sheets><sheet name="s" r:id="rId1"/></sheets></workbook>`,
          "xl/_rels/workbook.xml.rels": `<Relationships><Relationship Id="rId1" Target="worksheets/sheet1.xml"/></Relationships>`,
        }),
      }),
      /文件已损坏/,
    ],
    ["a CSV of 300,000 blank lines", () => ({ name: "blank.csv", bytes: Buffer.from("项目名称\n" + "\n".repeat(300_000)) }), /含空行）超过 200,000 行/],
    [
      "a CSV cell of 40,000 characters",
      () => ({ name: "long.csv", bytes: Buffer.from(`项目名称\n${"长".repeat(40_000)}\n`) }),
      /一个单元格不能超过 32,767 个字符/,
    ],
  ];
  it.each(caps)("%s", async (_label, make, message) => {
    const { name, bytes } = make();
    const batches = await db.importBatch.count();
    const run = await whileServing(() => previewImport(admin, { planId, fileName: name, bytes }));
    const err = (run.result as PromiseRejectedResult).reason as { code: string; message: string };
    expect(err.code).toBe("BAD_FILE");
    expect(err.message).toMatch(message);
    console.log(`${_label}: longest event-loop stall ${Math.round(run.maxStallMs)} ms, ${run.answeredDuring} health checks answered meanwhile`);
    expect(await db.importBatch.count()).toBe(batches);
  });
});

describe("import reader: what a workbook holds is read as before", () => {
  it("shared and inline strings, rich text without phonetic guides, cached formula results, booleans, errors, gaps, blank rows, sheet order, progress", async () => {
    const shared = `<sst xmlns="${MAIN}"><si><t>单位</t></si><si><r><rPr><b/></rPr><t>甲县</t></r><r><t xml:space="preserve"> 人民医院 &amp; 分院</t></r><rPh sb="0" eb="2"><t>こう</t></rPh></si><si><t>A_x000D_B</t></si></sst>`;
    const sheet = [
      `<row r="1"><c r="A1" t="s"><v>0</v></c><c r="B1" t="inlineStr"><is><t>项目名称</t></is></c><c r="C1" t="inlineStr"><is><t>总投资（亿元）</t></is></c></row>`,
      `<row r="2"><c r="A2" s="1"/><c r="B2" s="1"/></row>`, // styled but blank: left out
      `<row r="3"><c r="A3" t="inlineStr"><is><t>  </t></is></c></row>`, // whitespace only: left out
      `<row r="4"><c r="A4" t="s"><v>1</v></c><c r="C4"><f>1+0.5</f><v>1.5</v></c><c r="E4" t="b"><v>1</v></c></row>`,
      `<row><c t="str"><f>A1</f><v>x &lt; y</v></c><c t="e"><v>#N/A</v></c><c t="s"><v>2</v></c><c><v><![CDATA[abc]]></v></c></row>`,
    ].join("");
    // a sheet in SpreadsheetML with an "x:" prefix, as some generators write it
    const prefixed = `<?xml version="1.0"?><x:worksheet xmlns:x="${MAIN}"><x:sheetData><x:row r="7"><x:c r="B7"><x:v>42</x:v></x:c></x:row></x:sheetData></x:worksheet>`;
    // the third sheet's part is missing: it is left out
    const file = workbook([sheet], { "xl/sharedStrings.xml": shared, "xl/worksheets/sheet2.xml": prefixed }, ["附表 &amp; 一", "二", "三"]);
    const read = await readSpreadsheet(file, "a.xlsx");
    expect(read).toEqual({
      kind: "xlsx",
      sheets: [
        {
          name: "附表 & 一",
          rows: [
            { number: 1, cells: ["单位", "项目名称", "总投资（亿元）"] },
            { number: 4, cells: ["甲县 人民医院 & 分院", null, 1.5, null, "TRUE"] },
            { number: 5, cells: ["x < y", "#N/A", "A\rB", "abc"] },
          ],
        },
        { name: "二", rows: [{ number: 7, cells: [null, 42] }] },
      ],
    });

    const rows = Array.from({ length: 1200 }, (_, i) => `<row r="${i + 1}"><c r="A${i + 1}"><v>${i}</v></c></row>`).join("");
    const progress: number[] = [];
    const many = await readSpreadsheet(workbook([rows]), "many.xlsx", (n) => progress.push(n));
    expect(many.sheets[0].rows).toHaveLength(1200);
    expect(progress).toEqual([500, 1000]);
  });
});
