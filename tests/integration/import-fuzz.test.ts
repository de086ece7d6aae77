import { beforeAll, describe, expect, it } from "vitest";
import ExcelJS from "exceljs";
import { db } from "@/lib/db";
import { makePlan } from "@/lib/server/seed/factories";
import { previewImport } from "@/lib/server/imports/preview-import";
import { runAction } from "@/lib/server/run-action";
import type { SessionUser } from "@/lib/server/auth/current-user";
import { sessionFor } from "../support/users";

// ≥ 1,000 mutated import files (deterministic PRNG): truncated and bit-flipped zips, random bytes,
// wrong types, huge cells, formulas, odd encodings. None may crash (an INTERNAL error is what a 500
// would be); each is either rejected with a message or previewed; projects are never touched.
const FILES = 1000;

function prng(seed: number) {
  return () => {
    seed = (seed * 1103515245 + 12345) & 0x7fffffff;
    return seed / 0x7fffffff;
  };
}

let admin: SessionUser;
let planId: number;
let seeds: Buffer[];

beforeAll(async () => {
  admin = await sessionFor("ADMIN");
  const { plan } = await makePlan(db, { unitNames: ["甲县", "乙县"] });
  planId = plan.id;
  const wb = new ExcelJS.Workbook();
  const ws = wb.addWorksheet("附表");
  ws.addRow(["单位", "项目类别", "项目名称", "建设周期", "总投资（亿元）"]);
  ws.addRow(["甲县", "医院", "甲县人民医院", "2021-2025", 1.5]);
  ws.addRow(["", "", '=HYPERLINK("http://x","y")', "2021-2025", "abc"]);
  ws.addRow(["乙县", "医院", "乙县中医院、乙县妇幼保健院", "2022-2024", 0.8]);
  const csv = "\uFEFF单位,项目类别,项目名称,建设周期,总投资（亿元）\n甲县,医院,甲县疾控中心,2021-2023,0.3\n乙县,公卫机构,@SUM(1),2021,x\n";
  seeds = [Buffer.from(await wb.xlsx.writeBuffer()), Buffer.from(csv, "utf8")];
});

function mutate(rand: () => number, i: number): { name: string; bytes: Buffer } {
  const base = seeds[i % 2];
  const ext = i % 2 === 0 ? "xlsx" : "csv";
  const pick = (n: number) => Math.floor(rand() * n);
  switch (i % 10) {
    case 0: // truncated
      return { name: `t${i}.${ext}`, bytes: base.subarray(0, pick(base.length)) };
    case 1: {
      // flipped bytes
      const b = Buffer.from(base);
      for (let k = 0; k < 1 + pick(20); k++) b[pick(b.length)] ^= 1 + pick(255);
      return { name: `f${i}.${ext}`, bytes: b };
    }
    case 2: // random bytes
      return { name: `r${i}.${ext}`, bytes: Buffer.from(Array.from({ length: pick(4096) }, () => pick(256))) };
    case 3: // wrong type under a spreadsheet name
      return { name: `w${i}.xlsx`, bytes: Buffer.from(pick(2) ? "%PDF-1.7\n%âãÏÓ\n" : "<html><script>alert(1)</script></html>") };
    case 4: // huge cell
      return {
        name: `h${i}.csv`,
        bytes: Buffer.from(`单位,项目类别,项目名称,建设周期,总投资（亿元）\n甲县,医院,${"长".repeat(50_000 + pick(100_000))},2021-2025,1\n`),
      };
    case 5: // formulas and injection in every column
      return { name: `x${i}.csv`, bytes: Buffer.from(`单位,项目类别,项目名称,建设周期,总投资（亿元）\n=1+1,+cmd,-2,@A1,\t=0\n`) };
    case 6: // UTF-16 / GB18030 / Latin-1 encodings
      return {
        name: `e${i}.csv`,
        bytes: pick(2) ? Buffer.from(`\uFEFF${seeds[1].toString("utf8")}`, "utf16le") : Buffer.from("Unit,Category,Name\n\xe9\xe8,\xff,\x00\n", "latin1"),
      };
    case 7: // xlsx with the zip's central directory cut off
      return { name: `z${i}.xlsx`, bytes: Buffer.concat([seeds[0].subarray(0, seeds[0].length - 22 - pick(200)), Buffer.from([0x50, 0x4b, 0x05, 0x06])]) };
    case 8: // empty or whitespace
      return { name: `n${i}.${ext}`, bytes: Buffer.from(pick(2) ? "" : " \n\n ") };
    default: {
      // shuffled lines of the CSV, with random delimiters and quotes
      const lines = seeds[1].toString("utf8").split("\n");
      const noisy = lines.map((l) => (rand() < 0.3 ? l.replace(/,/g, pick(2) ? ";" : '","') : l)).sort(() => rand() - 0.5);
      return { name: `s${i}.csv`, bytes: Buffer.from(noisy.join(pick(2) ? "\r\n" : "\n")) };
    }
  }
}

describe("import fuzz", () => {
  it(`${FILES} mutated files: no crash, every rejection has a message, projects untouched`, { timeout: 300_000 }, async () => {
    const rand = prng(20261123);
    const before = await db.project.count();
    const audit = await db.auditEvent.count();
    let rejected = 0;
    for (let i = 0; i < FILES; i++) {
      const { name, bytes } = mutate(rand, i);
      const result = await runAction(() => previewImport(admin, { planId, fileName: name, bytes }));
      if (result.ok) continue;
      expect(result.code, `${name}: ${result.message}`).not.toBe("INTERNAL");
      expect(result.message.length, name).toBeGreaterThan(0);
      rejected++;
    }
    expect(rejected).toBeGreaterThan(FILES / 2);
    expect(await db.project.count()).toBe(before);
    expect(await db.auditEvent.count()).toBe(audit);
  });
});
