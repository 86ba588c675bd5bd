import { createHash, randomBytes } from "node:crypto";
import { AccountError, emailProblem } from "@/lib/accounts/user-service";
import { prisma } from "@/lib/db";
import { takeFromWindow } from "@/lib/http/window-counter";
import { isLocale, type Locale } from "@/lib/i18n/locales";
import { mailConfigured } from "@/lib/mail/config";
import { queueMail } from "@/lib/mail/queue-mail";
import { recordAttempt } from "./login-throttle";
import { normaliseEmail } from "./options";
import { passwordResetMail } from "./password-reset-mail";
import { hashPassword, passwordProblem } from "./passwords";
import { endAllSessions } from "./sessions";

/**
 * "Forgot password?" (issue 20). A request mails a link with a random token to the account's
 * address; only the token's SHA-256 is stored. The link works once, for an hour; using it sets a
 * new password, ends every session of the account and makes every other link of the account
 * unusable. The answer to a request never tells whether an account exists.
 *
 * Throttled, in the database (the RateLimitCounter windows every instance shares), before anything
 * is looked up, so the refusal is the same for known and unknown addresses:
 * - per e-mail address asked for: RESET_REQUESTS_PER_ADDRESS an hour (no mail bombing of one person);
 * - per client address: RESET_REQUESTS_PER_CLIENT an hour (no sweeping through many addresses).
 * And per account, silently: at most RESET_LINKS_PER_ACCOUNT live links an hour, whatever the
 * address was written like.
 */
export const PASSWORD_RESET_TTL_MS = 60 * 60 * 1000;
export const RESET_REQUESTS_PER_ADDRESS = 3;
export const RESET_REQUESTS_PER_CLIENT = 10;
export const RESET_LINKS_PER_ACCOUNT = 3;
const THROTTLE_WINDOW_MS = 60 * 60 * 1000;

export function hashResetToken(token: string): string {
  return createHash("sha256").update(token).digest("hex");
}

/** The counter key of an address: hashed, so addresses people mistype are not kept readable. */
function addressKey(email: string): string {
  return `password-reset:email:${createHash("sha256").update(email).digest("hex").slice(0, 32)}`;
}

async function throttle(key: string, limit: number, now: Date): Promise<void> {
  const result = await takeFromWindow(key, { windowMs: THROTTLE_WINDOW_MS, limit, now: now.getTime() });
  if (!result.ok) throw new AccountError("password-reset-throttled", { minutes: Math.ceil(result.retryAfterSeconds / 60) }, 429);
}

/**
 * Handles a "forgot password" request. Resolves the same way whether or not the address has an
 * account (the caller shows one answer); refuses only for reasons that do not depend on that: mail
 * is off, the address is malformed, too many requests.
 */
export async function requestPasswordReset(input: { email: string; clientAddress: string | null; locale: Locale; now?: Date }): Promise<void> {
  if (!mailConfigured()) throw new AccountError("password-reset-unavailable", {}, 403);
  const email = normaliseEmail(input.email);
  const problem = emailProblem(email);
  if (problem) throw AccountError.of(problem);
  const now = input.now ?? new Date();
  await throttle(addressKey(email), RESET_REQUESTS_PER_ADDRESS, now);
  if (input.clientAddress) await throttle(`password-reset:client:${input.clientAddress}`, RESET_REQUESTS_PER_CLIENT, now);

  const user = await prisma.user.findUnique({ where: { email }, select: { id: true, email: true, name: true, locale: true } });
  if (!user) return;
  const recent = await prisma.passwordResetToken.count({ where: { userId: user.id, createdAt: { gt: new Date(now.getTime() - THROTTLE_WINDOW_MS) } } });
  if (recent >= RESET_LINKS_PER_ACCOUNT) return;

  const token = randomBytes(32).toString("base64url");
  const locale = isLocale(user.locale) ? user.locale : input.locale;
  const mail = passwordResetMail(locale, { name: user.name, email: user.email, token, validMinutes: PASSWORD_RESET_TTL_MS / 60_000 });
  // The link and its mail commit together: no mail for a link that was not stored, and no link without its mail.
  await prisma.$transaction(async (tx) => {
    await tx.passwordResetToken.create({ data: { userId: user.id, tokenHash: hashResetToken(token), expiresAt: new Date(now.getTime() + PASSWORD_RESET_TTL_MS), createdAt: now } });
    await queueMail(tx, { to: user.email, kind: "password-reset", locale, ...mail });
  });
}

export type ResetLinkState = { usable: true; email: string } | { usable: false; reason: "unknown" | "used" | "expired" };

/** What a reset link is worth now (the reset page shows the form, or why not). Reading it changes nothing. */
export async function resetLinkState(token: string, now = new Date()): Promise<ResetLinkState> {
  if (!token || token.length > 200) return { usable: false, reason: "unknown" };
  const row = await prisma.passwordResetToken.findUnique({ where: { tokenHash: hashResetToken(token) }, include: { user: { select: { email: true } } } });
  if (!row) return { usable: false, reason: "unknown" };
  if (row.usedAt) return { usable: false, reason: "used" };
  if (row.expiresAt <= now) return { usable: false, reason: "expired" };
  return { usable: true, email: row.user.email };
}

const REFUSALS = { unknown: "reset-link-unknown", used: "reset-link-used", expired: "reset-link-expired" } as const;

function refusal(state: ResetLinkState): AccountError {
  return new AccountError(state.usable ? REFUSALS.used : REFUSALS[state.reason], {}, state.usable || state.reason !== "unknown" ? 410 : 404);
}

/**
 * Sets a new password through a reset link. Single use even when two requests race: the link is
 * claimed by a conditional update in the transaction that changes the password. Afterwards every
 * session of the account ends, and the sign-in lock-out of the account is lifted (the person has
 * just proved they hold its mailbox).
 */
export async function resetPassword(token: string, newPassword: string, now = new Date()): Promise<{ email: string; endedSessions: number }> {
  const state = await resetLinkState(token, now);
  if (!state.usable) throw refusal(state);
  const problem = passwordProblem(newPassword);
  if (problem) throw AccountError.of(problem);
  const passwordHash = await hashPassword(newPassword);
  const tokenHash = hashResetToken(token);
  const userId = await prisma.$transaction(async (tx) => {
    const row = await tx.passwordResetToken.findUniqueOrThrow({ where: { tokenHash }, select: { id: true, userId: true } });
    const claimed = await tx.passwordResetToken.updateMany({ where: { id: row.id, usedAt: null, expiresAt: { gt: now } }, data: { usedAt: now } });
    if (claimed.count === 0) return null;
    await tx.user.update({ where: { id: row.userId }, data: { passwordHash } });
    // The account's other links die with this one: a mailbox read later must not reset it again.
    await tx.passwordResetToken.updateMany({ where: { userId: row.userId, usedAt: null }, data: { usedAt: now } });
    return row.userId;
  });
  if (!userId) throw refusal(await resetLinkState(token, now));
  const endedSessions = await endAllSessions(userId);
  await recordAttempt(prisma, state.email, null, true);
  return { email: state.email, endedSessions };
}
