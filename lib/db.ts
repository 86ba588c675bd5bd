import type Database from "better-sqlite3";
import type pg from "pg";
import { PrismaBetterSqlite3 } from "@prisma/adapter-better-sqlite3";
import { PrismaPg } from "@prisma/adapter-pg";
import { PrismaClient } from "@/lib/generated/prisma/client";
import { PrismaClient as PrismaPgClient } from "@/lib/generated/prisma-pg/client";
import { databaseUrl, isSqlite } from "@/lib/config/database-url";

// The one place that builds the Prisma client. It is kept on globalThis in every mode: Next.js dev
// reloads modules on every change, and a production build bundles each route with its own copy of
// this module — one client (one SQLite connection) per process, whose kept statements
// (lib/sqlite-statements.ts) every route shares.
const globalForPrisma = globalThis as unknown as {
  duizhaoPrisma?: PrismaClient;
  duizhaoSqlite?: { connection: Database.Database | null };
  duizhaoPg?: { pool: pg.Pool | null };
};
const sqlite = (globalForPrisma.duizhaoSqlite ??= { connection: null });
const postgres = (globalForPrisma.duizhaoPg ??= { pool: null });

/**
 * `file:` — embedded SQLite (the default); `postgresql://` — PostgreSQL, for several app
 * instances. Both clients are generated from the same data model (prisma/schema.prisma, and
 * prisma/postgresql/schema.prisma made from it), so they have the same API; the SQLite client's
 * type stands for both.
 */
function createClient(): PrismaClient {
  const url = databaseUrl();
  if (isSqlite(url)) {
    // busy timeout: a writer waits for another writer's commit instead of failing at once.
    const factory = new PrismaBetterSqlite3({ url, timeout: 10_000 });
    sqlite.connection = null;
    // The adapter's connection, kept for the hot paths that run kept statements on it directly
    // (the save, the session check): the same connection, so no second writer to wait on.
    const connect = factory.connect.bind(factory);
    factory.connect = async () => {
      const adapter = await connect();
      const client = (adapter as unknown as { client: Database.Database }).client;
      // In WAL mode SQLite's default (NORMAL) syncs only at checkpoints: a save acknowledged
      // since the last one could be lost with the machine's power. FULL syncs the log at every
      // commit, so an acknowledged save survives that too.
      client.pragma("synchronous = FULL");
      sqlite.connection = client;
      return adapter;
    };
    return new PrismaClient({ adapter: factory });
  }
  if (/^postgres(ql)?:\/\//.test(url)) {
    const poolSize = Number(process.env.DUIZHAO_PG_POOL) > 0 ? Number(process.env.DUIZHAO_PG_POOL) : 10;
    // A pooled connection idle this long is closed (node-postgres's default is 10 s). A new one is
    // slow for its first statements — PostgreSQL starts a process, loads the tables' catalog
    // entries, plans the save's named statements afresh — so a burst after a quieter spell of
    // 10 s paid 50–200 ms per new connection on saves (the load bench's open loop, issue 18).
    const idleSeconds = Number(process.env.DUIZHAO_PG_IDLE_SECONDS) > 0 ? Number(process.env.DUIZHAO_PG_IDLE_SECONDS) : 600;
    // TCP keepalive: a connection kept idle that long must not be dropped silently by a proxy or NAT.
    const factory = new PrismaPg({ connectionString: url, max: poolSize, idleTimeoutMillis: idleSeconds * 1000, keepAlive: true, keepAliveInitialDelayMillis: 60_000 });
    postgres.pool = null;
    // The adapter's pool, kept for the save's single statement (lib/revisions/pg-save.ts): the
    // same connections Prisma uses, so no second pool competes for the server's connections.
    const connect = factory.connect.bind(factory);
    factory.connect = async () => {
      const adapter = await connect();
      postgres.pool = (adapter as unknown as { underlyingDriver(): pg.Pool }).underlyingDriver();
      return adapter;
    };
    return new PrismaPgClient({ adapter: factory }) as unknown as PrismaClient;
  }
  throw new Error(`DATABASE_URL must be a file: URL (embedded SQLite) or a postgresql:// URL; got ${url.split(":")[0]}:…`);
}

export const prisma: PrismaClient = (globalForPrisma.duizhaoPrisma ??= createClient());

/**
 * The better-sqlite3 connection under the Prisma client (SQLite only; null on PostgreSQL), opened
 * if need be. Statements run on it synchronously, so none interleaves with Prisma's own; a caller
 * that writes must check `inTransaction` first (an interactive Prisma transaction may be open).
 */
export async function sqliteConnection(): Promise<Database.Database | null> {
  if (!isSqlite(databaseUrl())) return null;
  if (!sqlite.connection?.open) await prisma.$connect();
  return sqlite.connection?.open ? sqlite.connection : null;
}

/**
 * The node-postgres pool under the Prisma client (PostgreSQL only; null on SQLite), opened if need
 * be — a new one after $disconnect ended the last. Statements sent on it are outside any Prisma
 * transaction: each is one transaction of its own.
 */
export async function pgPool(): Promise<pg.Pool | null> {
  if (isSqlite(databaseUrl())) return null;
  const usable = () => postgres.pool && !postgres.pool.ending && !postgres.pool.ended;
  if (!usable()) await prisma.$connect();
  return usable() ? postgres.pool : null;
}

export type { PrismaClient };
