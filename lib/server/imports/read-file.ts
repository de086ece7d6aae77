import "server-only";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { Worker } from "node:worker_threads";
import { IMPORT_MAX_BYTES, IMPORT_MAX_ROWS } from "@/lib/excel/limits";
import { AppError } from "@/lib/errors";
import { zhExcel } from "@/lib/i18n/zh-CN-excel";

// Reads an uploaded project list into plain rows of cells, refusing anything that is not a readable
// spreadsheet with a clear Chinese message (BAD_FILE) before any database work. The reading itself
// runs in a worker thread (read-worker.mjs: fflate + saxes, linear in the file), within the caps
// below and a time limit, so that no file can hold up the server's other requests.
export type RawCell = string | number | null;
export type RawRow = { number: number; cells: RawCell[] };
export type RawSheet = { name: string; rows: RawRow[] };
export type ReadResult = { kind: "xlsx" | "csv"; sheets: RawSheet[] };

const MB = 1024 * 1024;
// What one file may hold. Rows and bytes are the import's own limits; the others are far above what
// a real 20,000-row list needs and keep a crafted file's cost bounded.
export const READ_LIMITS = {
  rows: IMPORT_MAX_ROWS, // rows with content
  rowElements: 200_000, // rows of the file, blank ones included
  cells: 2_000_000, // cells, blank ones included
  cellChars: 32_767, // characters in one cell (Excel's own limit)
  sharedStrings: 2_000_000, // distinct texts of a workbook
  partBytes: 64 * MB, // one part of a workbook, decompressed (a "zip bomb" is refused here)
  totalBytes: 128 * MB, // all parts read, decompressed
  zipEntries: 10_000, // files inside the .xlsx
  ms: 20_000, // reading time
};

const E = zhExcel.importErrors;
const n = (v: number) => v.toLocaleString("en-US");
// The refusals the reader gives beyond the import's messages, each naming its limit.
const LIMIT_MESSAGES: Record<string, string> = {
  tooManyRowElements: `行数太多：文件中的行（含空行）超过 ${n(READ_LIMITS.rowElements)} 行，请删除多余的空行后再导入。`,
  tooManyCells: `单元格太多：文件中的单元格（含空白单元格）超过 ${n(READ_LIMITS.cells)} 个，请删除多余的行列后再导入。`,
  cellTooLong: `单元格内容太长：一个单元格不能超过 ${n(READ_LIMITS.cellChars)} 个字符。`,
  tooManyStrings: `文本太多：文件中不同的文本超过 ${n(READ_LIMITS.sharedStrings)} 条，请拆分后分批导入。`,
  partTooBig: `文件解压后太大：工作簿中的一个部分解压后超过 ${READ_LIMITS.partBytes / MB} MB，可能是异常的压缩文件，请在 Excel/WPS 中重新保存或拆分后再导入。`,
  totalTooBig: `文件解压后太大：工作簿解压后合计超过 ${READ_LIMITS.totalBytes / MB} MB，可能是异常的压缩文件，请在 Excel/WPS 中重新保存或拆分后再导入。`,
  outOfMemory: `文件内容太多，无法读取：请拆分后分批导入。`,
  tooManyRows: E.tooManyRows,
  notSpreadsheet: E.notSpreadsheet,
  corrupt: E.corrupt,
};
const timedOut = (ms: number) => `文件读取超时：${ms / 1000} 秒内未能读完，请检查文件或拆分后分批导入。`;
const bad = (message: string) => new AppError("BAD_FILE", message);

const CFB_MAGIC = Buffer.from([0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1]);

export async function readSpreadsheet(bytes: Buffer, fileName: string, onRows?: (rows: number) => void): Promise<ReadResult> {
  if (bytes.length === 0) throw bad(E.empty);
  if (bytes.length > IMPORT_MAX_BYTES) throw bad(E.tooLarge);
  let kind: ReadResult["kind"];
  if (bytes.subarray(0, 8).equals(CFB_MAGIC)) {
    // An OLE compound file: an encrypted .xlsx (Excel puts the encrypted package in one) or an old .xls.
    throw bad(bytes.includes(Buffer.from("EncryptedPackage", "utf16le")) ? E.encrypted : E.oldXls);
  } else if (bytes.length >= 4 && (bytes.readUInt32LE(0) === 0x04034b50 || bytes.readUInt32LE(0) === 0x06054b50)) {
    kind = "xlsx";
  } else if (/\.(csv|txt)$/i.test(fileName) && !bytes.includes(0)) {
    kind = "csv";
  } else {
    throw bad(E.notSpreadsheet);
  }
  const sheets = await inWorker({ kind, bytes, sheetName: fileName.replace(/\.[^.]+$/, "") }, onRows);
  if (sheets.every((s) => s.rows.length === 0)) throw bad(E.empty);
  return { kind, sheets };
}

// Readers run one per spare core (at least one): a burst of uploads queues here rather than taking
// every core from the requests the server is answering. A reader is kept for the next file (starting
// one costs a tenth of a second) until it has been idle a while, and ended when a file takes too long.
type Job = { kind: ReadResult["kind"]; bytes: Buffer; sheetName: string };
type WorkerMessage = { progress: number } | { ok: true; sheets: RawSheet[] } | { ok: false; code: string };
const PARALLEL = Math.max(1, os.availableParallelism() - 1);
const IDLE_MS = 30_000;
let running = 0;
const queue: (() => void)[] = [];
const idle: { worker: Worker; timer: NodeJS.Timeout }[] = [];

async function inWorker(job: Job, onRows?: (rows: number) => void): Promise<RawSheet[]> {
  if (running < PARALLEL) running++;
  else await new Promise<void>((resolve) => queue.push(resolve));
  try {
    const parked = idle.pop();
    if (parked) clearTimeout(parked.timer);
    return await readWith(parked?.worker ?? startWorker(), job, onRows);
  } finally {
    const next = queue.shift();
    if (next) next();
    else running--;
  }
}

function startWorker(): Worker {
  const worker = new Worker(workerFile(), { resourceLimits: { maxOldGenerationSizeMb: 512 } });
  // Errors while reading are handled per file (readWith); a reader that ends is forgotten.
  worker.on("error", () => {});
  worker.on("exit", () => {
    const i = idle.findIndex((p) => p.worker === worker);
    if (i >= 0) clearTimeout(idle.splice(i, 1)[0].timer);
  });
  return worker;
}

function park(worker: Worker) {
  worker.unref(); // an idle reader does not keep the process alive
  const parked = {
    worker,
    timer: setTimeout(() => {
      idle.splice(idle.indexOf(parked), 1);
      void worker.terminate();
    }, IDLE_MS),
  };
  parked.timer.unref();
  idle.push(parked);
}

function readWith(worker: Worker, job: Job, onRows?: (rows: number) => void): Promise<RawSheet[]> {
  const bytes = new Uint8Array(job.bytes); // the reader's own copy; the caller still hashes the upload
  const { ms, ...limits } = READ_LIMITS;
  worker.ref();
  return new Promise((resolve, reject) => {
    // An answer, read or refused, leaves the reader ready for the next file.
    const onMessage = (m: WorkerMessage) => {
      if ("progress" in m) return onRows?.(m.progress);
      finish(() => (m.ok ? resolve(m.sheets) : reject(bad(LIMIT_MESSAGES[m.code] ?? E.corrupt))));
      park(worker);
    };
    // Out of memory is the file's doing; anything else (the reader could not start) is the server's.
    const onError = (e: Error & { code?: string }) => stop(e.code === "ERR_WORKER_OUT_OF_MEMORY" ? bad(LIMIT_MESSAGES.outOfMemory) : e);
    const onExit = (code: number) => stop(new Error(`import reader exited (${code}) without an answer`));
    const timer = setTimeout(() => stop(bad(timedOut(ms))), ms);
    let done = false;
    function finish(settle: () => void) {
      if (done) return;
      done = true;
      clearTimeout(timer);
      worker.off("message", onMessage).off("error", onError).off("exit", onExit);
      settle();
    }
    // The reader is ended with the file: it may be stuck in it, or have run out of memory.
    function stop(e: Error) {
      finish(() => reject(e));
      void worker.terminate();
    }
    worker.on("message", onMessage).on("error", onError).on("exit", onExit);
    worker.postMessage({ ...job, bytes, limits }, [bytes.buffer]);
  });
}

// The reader's code. Turbopack (`next dev`, `next build`) recognises this and bundles read-worker.mjs
// as a worker chunk of its own; run from source (vitest, scripts) it is the file beside this module;
// the path in the project directory is for a bundler that would move this module but not the file.
function workerFile(): URL | string {
  const beside = new URL("./read-worker.mjs", import.meta.url);
  if (beside.protocol === "file:" && fs.existsSync(beside)) return beside;
  return path.join(process.cwd(), "lib", "server", "imports", "read-worker.mjs");
}
