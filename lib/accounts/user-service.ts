import { prisma } from "@/lib/db";
import { normaliseEmail } from "@/lib/auth/options";
import { hashPassword, passwordProblem, verifyPassword } from "@/lib/auth/passwords";

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

export async function changePassword(userId: string, currentPassword: string, newPassword: string): Promise<void> {
  const user = await prisma.user.findUniqueOrThrow({ where: { id: userId } });
  if (!(await verifyPassword(user.passwordHash, currentPassword))) throw new AccountError("The current password is not right.");
  const problem = passwordProblem(newPassword);
  if (problem) throw new AccountError(problem);
  await prisma.user.update({ where: { id: userId }, data: { passwordHash: await hashPassword(newPassword) } });
}
