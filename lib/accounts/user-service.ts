import { prisma } from "@/lib/db";
import { normaliseEmail } from "@/lib/auth/options";
import { checkLock, passwordChangeLockMessage, recordAttempt } from "@/lib/auth/login-throttle";
import { hashPassword, passwordProblem, verifyPassword } from "@/lib/auth/passwords";
import { endOtherSessions } from "@/lib/auth/sessions";
import { Refusal } from "@/lib/http/refusal";
import type { Locale } from "@/lib/i18n/locales";

export class AccountError extends Error {
  constructor(message: string) {
    super(message);
    this.name = "AccountError";
  }
}

const EMAIL = /^[^\s@]+@[^\s@]+\.[^\s@]+$/;

export function emailProblem(email: string): string | null {
  return EMAIL.test(email) && email.length <= 254 ? null : "Enter a valid e-mail address.";
}

export async function createUser(input: { email: string; name: string; password: string; isAdmin?: boolean }) {
  const email = normaliseEmail(input.email);
  const problem = emailProblem(email) ?? passwordProblem(input.password) ?? (input.name.trim() ? null : "Enter a name.");
  if (problem) throw new AccountError(problem);
  if (await prisma.user.findUnique({ where: { email } })) throw new AccountError(`An account for ${email} already exists.`);
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
  if (problem) throw new AccountError(problem);
  const user = await prisma.user.findUniqueOrThrow({ where: { id: actor.id } });
  const lock = await checkLock(prisma, user.email, clientAddress);
  if (lock.locked) throw new Refusal(passwordChangeLockMessage(lock), 429);
  const ok = await verifyPassword(user.passwordHash, currentPassword);
  await recordAttempt(prisma, user.email, clientAddress, ok);
  if (!ok) throw new AccountError("The current password is not right.");
  await prisma.user.update({ where: { id: user.id }, data: { passwordHash: await hashPassword(newPassword) } });
  return { endedSessions: await endOtherSessions(user.id, actor.sessionId ?? null) };
}

/** The interface language a person chose (lib/i18n/locales.ts); null: follow the browser's. */
export async function setUserLocale(userId: string, locale: Locale | null): Promise<void> {
  await prisma.user.update({ where: { id: userId }, data: { locale } });
}
