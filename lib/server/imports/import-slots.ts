import "server-only";
import { env } from "@/lib/env";
import { AppError } from "@/lib/errors";
import { zhExcel } from "@/lib/i18n/zh-CN-excel";

// A confirmed import is the one long write in the app (20,000 rows: seconds of inserts in one
// transaction). The connection pool is shared with every page and action, so confirmations are
// kept from taking it over:
// - a batch already being confirmed in this process is refused at once (before taking a
//   connection); across processes the transaction's advisory lock does the same (commit-import.ts);
// - at most IMPORT_MAX_CONCURRENT confirmations of different batches run at once per process; the
//   others wait here, holding no connection, up to IMPORT_QUEUE_WAIT_MS, then are told to retry.
const inFlight = new Set<number>();
let running = 0;
const waiting: (() => void)[] = [];

export async function withImportSlot<T>(batchId: number, fn: () => Promise<T>): Promise<T> {
  if (inFlight.has(batchId)) throw new AppError("CONFLICT", zhExcel.importErrors.inProgress);
  inFlight.add(batchId);
  try {
    await acquire();
    try {
      return await fn();
    } finally {
      release();
    }
  } finally {
    inFlight.delete(batchId);
  }
}

function acquire(): Promise<void> {
  const { IMPORT_MAX_CONCURRENT, IMPORT_QUEUE_WAIT_MS } = env();
  if (running < IMPORT_MAX_CONCURRENT) {
    running++;
    return Promise.resolve();
  }
  return new Promise((resolve, reject) => {
    const turn = () => {
      clearTimeout(timer);
      resolve(); // the slot passes from release() to this waiter: `running` stays as it is
    };
    const timer = setTimeout(() => {
      waiting.splice(waiting.indexOf(turn), 1);
      reject(new AppError("UNAVAILABLE", zhExcel.importErrors.busy));
    }, IMPORT_QUEUE_WAIT_MS);
    waiting.push(turn);
  });
}

function release() {
  const next = waiting.shift();
  if (next) next();
  else running--;
}
