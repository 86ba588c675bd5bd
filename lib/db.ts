import { PrismaBetterSqlite3 } from "@prisma/adapter-better-sqlite3";
import { PrismaPg } from "@prisma/adapter-pg";
import { PrismaClient } from "@/lib/generated/prisma/client";
import { PrismaClient as PrismaPgClient } from "@/lib/generated/prisma-pg/client";
import { databaseUrl, isSqlite } from "@/lib/config/database-url";

// The one place that builds the Prisma client. Next.js dev reloads modules on every change,
// so the client is kept on globalThis to avoid opening a new connection per reload.
const globalForPrisma = globalThis as unknown as { duizhaoPrisma?: PrismaClient };

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
    return new PrismaClient({ adapter: new PrismaBetterSqlite3({ url, timeout: 10_000 }) });
  }
  if (/^postgres(ql)?:\/\//.test(url)) {
    const poolSize = Number(process.env.DUIZHAO_PG_POOL) > 0 ? Number(process.env.DUIZHAO_PG_POOL) : 10;
    return new PrismaPgClient({ adapter: new PrismaPg({ connectionString: url, max: poolSize }) }) as unknown as PrismaClient;
  }
  throw new Error(`DATABASE_URL must be a file: URL (embedded SQLite) or a postgresql:// URL; got ${url.split(":")[0]}:…`);
}

export const prisma: PrismaClient = globalForPrisma.duizhaoPrisma ?? createClient();
if (process.env.NODE_ENV !== "production") globalForPrisma.duizhaoPrisma = prisma;

export type { PrismaClient };
