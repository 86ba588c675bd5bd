import type { PrismaClient } from "@/lib/generated/prisma/client";
import { lockCodeFor } from "./lock-code";

export const MAX_FAILURES = 5;
export const WINDOW_MS = 15 * 60 * 1000;

export interface LockState {
  locked: boolean;
  /** When the oldest counted failure leaves the window and attempts are allowed again. */
  retryAt?: Date;
}

async function lockFor(db: PrismaClient, where: { email: string } | { ip: string }, now: Date): Promise<LockState> {
  const windowStart = new Date(now.getTime() - WINDOW_MS);
  const lastSuccess = await db.loginAttempt.findFirst({
    where: { ...where, success: true, createdAt: { gt: windowStart } },
    orderBy: { createdAt: "desc" },
    select: { createdAt: true },
  });
  const since = lastSuccess?.createdAt ?? windowStart;
  const failures = await db.loginAttempt.findMany({
    where: { ...where, success: false, createdAt: { gt: since } },
    orderBy: { createdAt: "desc" },
    take: MAX_FAILURES,
    select: { createdAt: true },
  });
  if (failures.length < MAX_FAILURES) return { locked: false };
  const oldestCounted = failures[failures.length - 1]!.createdAt;
  return { locked: true, retryAt: new Date(oldestCounted.getTime() + WINDOW_MS) };
}

/**
 * Five failures in fifteen minutes lock the account, and separately the client address, until
 * the oldest of them is fifteen minutes old. A success clears the count. Attempts refused while
 * locked are not recorded, so the lock ends on time. Kept in the database: it holds across
 * instances. Without a known client address only the account is throttled, so one attacker
 * cannot lock everybody out by sharing an "unknown" address with them.
 */
export async function checkLock(db: PrismaClient, email: string, ip: string | null, now = new Date()): Promise<LockState> {
  const byAccount = await lockFor(db, { email }, now);
  if (byAccount.locked || !ip) return byAccount;
  return lockFor(db, { ip }, now);
}

export async function recordAttempt(db: PrismaClient, email: string, ip: string | null, success: boolean): Promise<void> {
  await db.loginAttempt.create({ data: { email, ip: ip ?? "", success } });
}

/** The refusal a locked sign-in throws (lock-code.ts): the form words it in the reader's language. */
export function lockCode(state: LockState, now = new Date()): string {
  return lockCodeFor(lockMinutes(state, now));
}

/** Whole minutes until a lock ends (at least 1): the `password-change-locked` refusal's parameter. */
export function lockMinutes(state: LockState, now = new Date()): number {
  return Math.max(1, Math.ceil(((state.retryAt?.getTime() ?? now.getTime()) - now.getTime()) / 60_000));
}
