/**
 * Rate limits for the public API (issue 19): so many requests per minute per token, or per user for
 * browser-session callers. Counted in the database — one UPSERT per request on a small table, the
 * same SQL on SQLite and PostgreSQL — so that several instances share one count; an in-memory
 * counter would give each instance its own allowance.
 *
 * A fixed window: the count starts again each minute. A client may thus send up to twice the limit
 * across a window boundary, which is acceptable for a guard against runaway scripts and costs one
 * row per caller instead of a row per request.
 */
import type { PrismaClient } from "@/lib/db";
import { takeFromWindow, type WindowResult } from "@/lib/http/window-counter";
import { errorMessage } from "@/lib/http/coded-error";
import type { Locale } from "@/lib/i18n/locales";
import type { ApiCaller } from "./authenticate";

const WINDOW_MS = 60_000;
const DEFAULT_PER_MINUTE = 600;

/** Requests allowed per caller per minute: DUIZHAO_API_RATE_PER_MINUTE (a positive integer), else 600. */
export function ratePerMinute(env: Record<string, string | undefined> = process.env): number {
  const value = Number(env.DUIZHAO_API_RATE_PER_MINUTE);
  return Number.isInteger(value) && value > 0 ? value : DEFAULT_PER_MINUTE;
}

/** Whose allowance a request spends: its token's, else its user's. */
export function rateLimitKey(caller: Pick<ApiCaller, "tokenId" | "user">): string {
  return caller.tokenId ? `token:${caller.tokenId}` : `user:${caller.user.id}`;
}

export type RateLimitResult = WindowResult;

/** Counts one request for the caller and says whether it is within the limit (lib/http/window-counter.ts). */
export async function takeRateLimit(
  caller: Pick<ApiCaller, "tokenId" | "user">,
  options: { now?: number; limit?: number; db?: PrismaClient } = {},
): Promise<RateLimitResult> {
  return takeFromWindow(rateLimitKey(caller), { windowMs: WINDOW_MS, limit: options.limit ?? ratePerMinute(), now: options.now, db: options.db });
}

/** The API's 429: `Retry-After` and the API error shape, the message in the caller's language. */
export function rateLimitedResponse(retryAfterSeconds: number, locale: Locale): Response {
  return Response.json(
    { error: { code: "rate-limited", message: errorMessage("rate-limited", { seconds: retryAfterSeconds }, locale), details: { retryAfterSeconds } } },
    { status: 429, headers: { "Retry-After": String(retryAfterSeconds) } },
  );
}
