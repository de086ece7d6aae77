import { execFileSync } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { PassThrough, type Writable } from "node:stream";
import ExcelJS from "exceljs";

// Runs an export's writer into memory (tests only) and reads the .xlsx back with exceljs.
export async function collect(write: (out: Writable) => Promise<void>): Promise<Buffer> {
  const out = new PassThrough();
  const chunks: Buffer[] = [];
  out.on("data", (c: Buffer) => chunks.push(c));
  const ended = new Promise((resolve) => out.on("end", resolve));
  await write(out);
  if (!out.writableEnded) out.end();
  await ended;
  return Buffer.concat(chunks);
}

export async function readWorkbook(buf: Buffer) {
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.load(buf as unknown as ArrayBuffer);
  return wb;
}

// Converts a file with LibreOffice headless (Debian libreoffice-calc) and returns the output path:
// proves the file opens in another spreadsheet application. A private profile per call, so
// parallel runs do not share LibreOffice's lock.
export function convertWithLibreOffice(buf: Buffer, ext: string, to: string, infilter?: string): string {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), "lo-"));
  const input = path.join(dir, `in.${ext}`);
  fs.writeFileSync(input, buf);
  const outDir = path.join(dir, "out");
  execFileSync(
    "soffice",
    [
      `-env:UserInstallation=file://${dir}/profile`,
      "--headless",
      ...(infilter ? [`--infilter=${infilter}`] : []),
      "--convert-to",
      to,
      "--outdir",
      outDir,
      input,
    ],
    { stdio: "pipe", timeout: 120_000 },
  );
  const out = path.join(outDir, `in.${to.split(":")[0]}`);
  if (!fs.existsSync(out)) throw new Error(`LibreOffice did not produce ${out}`);
  return out;
}
