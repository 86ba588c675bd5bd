import { prisma, type PrismaClient } from "@/lib/db";

export type WindowResult = { ok: true } | { ok: false; retryAfterSeconds: number };

/**
 * Counts one event under `key` in the current fixed window of `windowMs` and says whether the
 * count is within `limit` (the API's rate limits, password-reset requests). One UPSERT on the
 * RateLimitCounter table, the same SQL on SQLite and PostgreSQL, so every instance counts the same
 * events. A stored window newer than the current one (another instance's clock a little ahead)
 * keeps counting rather than going back. A fixed window lets up to twice the limit through across
 * a boundary: acceptable for a guard against abuse, for one row per key.
 */
export async function takeFromWindow(key: string, options: { windowMs: number; limit: number; now?: number; db?: PrismaClient }): Promise<WindowResult> {
  const now = options.now ?? Date.now();
  const db = options.db ?? prisma;
  const window = Math.floor(now / options.windowMs);
  const rows = await db.$queryRaw<{ window: number | bigint; count: number | bigint }[]>`
    INSERT INTO "RateLimitCounter" ("key", "window", "count") VALUES (${key}, ${window}, 1)
    ON CONFLICT ("key") DO UPDATE SET
      "count" = CASE WHEN "RateLimitCounter"."window" < excluded."window" THEN 1 ELSE "RateLimitCounter"."count" + 1 END,
      "window" = CASE WHEN "RateLimitCounter"."window" < excluded."window" THEN excluded."window" ELSE "RateLimitCounter"."window" END
    RETURNING "window", "count"`;
  const row = rows[0]!;
  if (Number(row.count) <= options.limit) return { ok: true };
  const windowEnd = (Number(row.window) + 1) * options.windowMs;
  return { ok: false, retryAfterSeconds: Math.max(1, Math.ceil((windowEnd - now) / 1000)) };
}
