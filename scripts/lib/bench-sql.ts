// Writes the exact SQL (text and parameters) the rollup API runs for the bench plan, so that
// scripts/bench.ts can time the same statements directly: the statement the API runs after an
// approval, with the facts partial sums it keeps for the base version (lib/server/rollups/group-rollup.ts
// cachedGroupRollup), made here from the kept rollup facts. Run with --conditions=react-server.
import fs from "node:fs";
import { db } from "../../lib/db";
import { ROLLUP_SETS } from "../../lib/server/finance/get-rollup";
import { dimsOf, factPartials, groupRollupSql } from "../../lib/server/rollups/group-rollup";
import { ensureRollupFacts } from "../../lib/server/rollups/rollup-facts";

async function main() {
  const [planId, period, out] = process.argv.slice(2);
  const factsVersion = await ensureRollupFacts(Number(planId));
  if (!factsVersion) throw new Error("the bench plan's rollup facts were not kept");
  const q = { planId: Number(planId), period, includeSubmitted: false };
  const statement = async (by: "unit" | "category") => {
    const sets = ROLLUP_SETS[by];
    const partials = await factPartials(db, { ...q, factsVersion }, dimsOf(sets));
    const sql = groupRollupSql(q, sets, partials.value);
    return { text: sql.text, values: sql.values };
  };
  fs.writeFileSync(out, JSON.stringify({ unit: await statement("unit"), category: await statement("category") }));
}
main().then(
  () => process.exit(0),
  (e) => {
    console.error(e);
    process.exit(1);
  },
);
