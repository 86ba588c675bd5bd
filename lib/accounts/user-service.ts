import { prisma } from "@/lib/db";
import { normaliseEmail } from "@/lib/auth/options";
import { checkLock, lockMinutes, recordAttempt } from "@/lib/auth/login-throttle";
import { hashPassword, passwordProblem, verifyPassword } from "@/lib/auth/passwords";
import { endAllSessions, endOtherSessions } from "@/lib/auth/sessions";
import { CodedError, type ErrorCode, type ErrorParams } from "@/lib/http/coded-error";
import type { Locale } from "@/lib/i18n/locales";

/**
 * A refusal of the account and membership rules (a bad e-mail address, a taken name, the last
 * owner…): each case its own code (`errors.*`), answered in the person's language (400 unless
 * said otherwise). The CLI prints its English message.
 */
export class AccountError extends CodedError {
  constructor(code: ErrorCode, params: ErrorParams = {}, status = 400) {
    super(code, status, params);
    this.name = "AccountError";
  }

  /** A problem found by a rule (`passwordProblem`, `emailProblem`): its code and parameters. */
  static of(problem: { code: ErrorCode; params?: ErrorParams }): AccountError {
    return new AccountError(problem.code, problem.params);
  }
}

const EMAIL = /^[^\s@]+@[^\s@]+\.[^\s@]+$/;

export function emailProblem(email: string): { code: "email-invalid" } | null {
  return EMAIL.test(email) && email.length <= 254 ? null : { code: "email-invalid" };
}

export async function createUser(input: { email: string; name: string; password: string; isAdmin?: boolean }) {
  const email = normaliseEmail(input.email);
  const problem = emailProblem(email) ?? passwordProblem(input.password);
  if (problem) throw AccountError.of(problem);
  if (!input.name.trim()) throw new AccountError("account-name-required");
  if (await prisma.user.findUnique({ where: { email } })) throw new AccountError("account-exists", { email });
  return prisma.user.create({
    data: { email, name: input.name.trim().slice(0, 100), isAdmin: input.isAdmin === true, passwordHash: await hashPassword(input.password) },
  });
}

/**
 * Changes a password after checking the current one. Guesses of the current password count as
 * failed sign-ins of the account (and of the client address): five in fifteen minutes lock both
 * the form and sign-in, so a borrowed session cannot try passwords without limit. The change ends
 * every other session of the account; the one that made it stays signed in.
 */
export async function changePassword(
  actor: { id: string; sessionId?: string },
  currentPassword: string,
  newPassword: string,
  clientAddress: string | null,
): Promise<{ endedSessions: number }> {
  const problem = passwordProblem(newPassword);
  if (problem) throw AccountError.of(problem);
  const user = await prisma.user.findUniqueOrThrow({ where: { id: actor.id } });
  const lock = await checkLock(prisma, user.email, clientAddress);
  if (lock.locked) throw new AccountError("password-change-locked", { minutes: lockMinutes(lock) }, 429);
  const ok = await verifyPassword(user.passwordHash, currentPassword);
  await recordAttempt(prisma, user.email, clientAddress, ok);
  if (!ok) throw new AccountError("current-password-wrong");
  await prisma.user.update({ where: { id: user.id }, data: { passwordHash: await hashPassword(newPassword) } });
  return { endedSessions: await endOtherSessions(user.id, actor.sessionId ?? null) };
}

/**
 * An administrator sets someone's password (`duizhao user password`): for a person who forgot it
 * when the site sends no mail. Like a reset by e-mail it ends every session of the account, makes
 * its reset links unusable and lifts its sign-in lock-out.
 */
export async function setPasswordAsAdmin(emailInput: string, newPassword: string): Promise<{ email: string; endedSessions: number }> {
  const email = normaliseEmail(emailInput);
  const problem = passwordProblem(newPassword);
  if (problem) throw AccountError.of(problem);
  const user = await prisma.user.findUnique({ where: { email }, select: { id: true } });
  if (!user) throw new AccountError("account-not-found", { email }, 404);
  const passwordHash = await hashPassword(newPassword);
  await prisma.$transaction([
    prisma.user.update({ where: { id: user.id }, data: { passwordHash } }),
    prisma.passwordResetToken.updateMany({ where: { userId: user.id, usedAt: null }, data: { usedAt: new Date() } }),
  ]);
  const endedSessions = await endAllSessions(user.id);
  await recordAttempt(prisma, email, null, true);
  return { email, endedSessions };
}

/** The interface language a person chose (lib/i18n/locales.ts); null: follow the browser's. */
export async function setUserLocale(userId: string, locale: Locale | null): Promise<void> {
  await prisma.user.update({ where: { id: userId }, data: { locale } });
}
