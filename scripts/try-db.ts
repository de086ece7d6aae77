import { ensureDatabase } from "./lib/database";
import { prisma } from "./lib/run";
void (async () => {
  const db = await ensureDatabase({ purpose: process.argv[2] as "app" });
  console.log(db.url);
  await prisma(process.argv.slice(3), db.url);
  await db.stop();
})();
