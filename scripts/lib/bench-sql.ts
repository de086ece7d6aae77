// Writes the exact SQL (text and parameters) the rollup API runs for the bench plan, so that
// scripts/bench.ts can time the same statements directly: with the kept rollup facts of the current
// portfolio version, as the API reads them after an approval. Run with --conditions=react-server.
import fs from "node:fs";
import { db } from "../../lib/db";
import { ROLLUP_SETS } from "../../lib/server/finance/get-rollup";
import { groupRollupSql } from "../../lib/server/rollups/group-rollup";
import { ensureRollupFacts, keptFactsVersion } from "../../lib/server/rollups/rollup-facts";

async function main() {
  const [planId, period, out] = process.argv.slice(2);
  await ensureRollupFacts(Number(planId));
  const factsVersion = await keptFactsVersion(db, Number(planId));
  if (!factsVersion) throw new Error("the bench plan's rollup facts were not kept");
  const q = { planId: Number(planId), period, includeSubmitted: false, factsVersion };
  const statement = (by: "unit" | "category") => {
    const sql = groupRollupSql(q, ROLLUP_SETS[by]);
    return { text: sql.text, values: sql.values };
  };
  fs.writeFileSync(out, JSON.stringify({ unit: statement("unit"), category: statement("category") }));
}
main().then(
  () => process.exit(0),
  (e) => {
    console.error(e);
    process.exit(1);
  },
);
