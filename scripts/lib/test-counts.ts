import fs from "node:fs";

export type Counts = { passed: number; failed: number; skipped: number };

// Adds up vitest's and Playwright's JSON reports (a report missing means that step did not run).
export function readCounts(vitestJson: string, playwrightJson: string): Counts {
  const read = (file: string) => (fs.existsSync(file) ? JSON.parse(fs.readFileSync(file, "utf8")) : null);
  const v = read(vitestJson);
  const p = read(playwrightJson);
  return {
    passed: (v?.numPassedTests ?? 0) + (p?.stats?.expected ?? 0) + (p?.stats?.flaky ?? 0),
    failed: (v?.numFailedTests ?? 0) + (p?.stats?.unexpected ?? 0),
    skipped: (v?.numPendingTests ?? 0) + (v?.numTodoTests ?? 0) + (p?.stats?.skipped ?? 0),
  };
}
