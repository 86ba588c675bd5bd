import { PrismaBetterSqlite3 } from "@prisma/adapter-better-sqlite3";
import { PrismaClient } from "@/lib/generated/prisma/client";
import { databaseUrl, isSqlite } from "@/lib/config/database-url";

// The one place that builds the Prisma client. Next.js dev reloads modules on every change,
// so the client is kept on globalThis to avoid opening a new connection per reload.
const globalForPrisma = globalThis as unknown as { duizhaoPrisma?: PrismaClient };

function createClient(): PrismaClient {
  const url = databaseUrl();
  if (!isSqlite(url)) {
    throw new Error(
      `DATABASE_URL=${url.split(":")[0]}:… is not supported by this build: use a file: URL (embedded SQLite).`,
    );
  }
  // busy timeout: a writer waits for another writer's commit instead of failing at once.
  const adapter = new PrismaBetterSqlite3({ url, timeout: 10_000 });
  return new PrismaClient({ adapter });
}

export const prisma: PrismaClient = globalForPrisma.duizhaoPrisma ?? createClient();
if (process.env.NODE_ENV !== "production") globalForPrisma.duizhaoPrisma = prisma;

export type { PrismaClient };
