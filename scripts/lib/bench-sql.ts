// Writes the exact SQL (text and parameters) the rollup API runs for the bench plan, so that
// scripts/bench.ts can time the same statements directly. Run with --conditions=react-server.
import fs from "node:fs";
import { ROLLUP_SETS } from "../../lib/server/finance/get-rollup";
import { groupRollupSql } from "../../lib/server/rollups/group-rollup";

const [planId, period, out] = process.argv.slice(2);
const q = { planId: Number(planId), period, includeSubmitted: false };
const statement = (by: "unit" | "category") => {
  const sql = groupRollupSql(q, ROLLUP_SETS[by]);
  return { text: sql.text, values: sql.values };
};
fs.writeFileSync(out, JSON.stringify({ unit: statement("unit"), category: statement("category") }));
process.exit(0);
