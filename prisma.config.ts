// Prisma CLI config for the offline JS (wasm) schema engine. The shim below works around two
// @prisma/adapter-pg 6.19 bugs (README: "Notes on the offline Prisma setup").
import { defineConfig } from "prisma/config";
import { PrismaPg } from "@prisma/adapter-pg";
import pg from "pg";

// Catalog-only column types that adapter-pg rejects (prisma/orm#27403) are reported as text / text[].
const AS_TEXT: Record<number, number> = { 18: 25, 19: 25, 22: 25, 24: 25, 30: 25, 194: 25, 2205: 25, 1002: 1009, 1003: 1009 };
// eslint-disable-next-line @typescript-eslint/no-explicit-any
type AnyResult = any;
const asText = (res: AnyResult) => {
  for (const f of res?.fields ?? []) f.dataTypeID = AS_TEXT[f.dataTypeID] ?? f.dataTypeID;
  // PostgreSQL 18 lists NOT NULL constraints in pg_constraint (contype 'n'); the 6.19 schema
  // engine does not know that type and panics ("unreachable"). Nullability is read elsewhere.
  // Constraint triggers (contype 't', the rollup stamp's deferred triggers) are not in the Prisma
  // schema either and panic the engine the same way.
  const typeIndex = res?.fields?.findIndex((f: AnyResult) => f.name === "constraint_type") ?? -1;
  if (typeIndex >= 0 && Array.isArray(res.rows)) {
    res.rows = res.rows.filter((r: AnyResult) => !["n", "t"].includes(Array.isArray(r) ? r[typeIndex] : r.constraint_type));
    res.rowCount = res.rows.length;
  }
  // Covering indexes (INCLUDE, migration covering_rollup_indexes): Prisma's schema cannot express the
  // included columns and would drop and recreate such an index on every diff. Its index query lists
  // them with no operator class (only key columns have one); leave them out, so it sees the key.
  const names: string[] = res?.fields?.map((f: AnyResult) => f.name) ?? [];
  if (names.includes("column_index") && names.includes("opclass") && Array.isArray(res.rows)) {
    const opclass = names.indexOf("opclass");
    res.rows = res.rows.filter((r: AnyResult) => (Array.isArray(r) ? r[opclass] : r.opclass) !== null);
    res.rowCount = res.rows.length;
  }
  return res;
};
class CatalogSafeClient extends pg.Client {
  query(...args: AnyResult[]) {
    const cb = args[args.length - 1];
    if (typeof cb === "function") args[args.length - 1] = (err: unknown, res: AnyResult) => cb(err, asText(res));
    const out = (super.query as (...a: AnyResult[]) => AnyResult)(...args);
    return out && typeof out.then === "function" ? out.then(asText) : out;
  }
}
function poolConfig(url: string, database?: string): AnyResult {
  const u = new URL(url);
  return {
    host: u.hostname,
    port: Number(u.port || 5432),
    user: decodeURIComponent(u.username),
    password: decodeURIComponent(u.password),
    database: database ?? u.pathname.slice(1),
    Client: CatalogSafeClient,
    allowExitOnIdle: true,
  };
}
// adapter-pg 6.19 runs a migration by splitting it on ";", which breaks function bodies ($$ … $$)
// and runs the statements one by one. Send the script whole: PostgreSQL runs a multi-statement
// simple query as one implicit transaction, so a failing migration leaves nothing half-applied.
function wholeScripts<T>(adapter: T): T {
  const a = adapter as AnyResult;
  a.executeScript = async (script: string) => {
    try {
      await a.client.query(script);
    } catch (error) {
      a.onError(error);
    }
  };
  return adapter;
}

// Shadow database: close its pool before dropping it (adapter-pg 6.19 drops first).
class MigrationAdapter extends PrismaPg {
  async connect() {
    return wholeScripts(await super.connect());
  }
  async connectToShadowDb() {
    const main = await this.connect();
    const database = `prisma_migrate_shadow_db_${crypto.randomUUID()}`;
    await main.executeScript(`CREATE DATABASE "${database}"`);
    const shadow = wholeScripts(await new PrismaPg(poolConfig(process.env.DATABASE_URL!, database)).connect());
    const dispose = shadow.dispose.bind(shadow);
    shadow.dispose = async () => {
      await dispose();
      await main.executeScript(`DROP DATABASE IF EXISTS "${database}"`);
      await main.dispose();
    };
    return shadow;
  }
}
export default defineConfig({
  engine: "js",
  experimental: { adapter: true },
  schema: "prisma/schema.prisma",
  async adapter() {
    return new MigrationAdapter(poolConfig(process.env.DATABASE_URL!));
  },
});
