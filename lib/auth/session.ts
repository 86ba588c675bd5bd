import { getServerSession } from "next-auth";
import { prisma } from "@/lib/db";
import { authOptions } from "./options";

export interface SessionUser {
  id: string;
  email: string;
  name: string;
  isAdmin: boolean;
}

/**
 * The signed-in user, re-read from the database on every request: a deleted account or a
 * revoked admin flag takes effect at once, not when the session token expires.
 */
export async function getSessionUser(): Promise<SessionUser | null> {
  const session = await getServerSession(authOptions);
  const id = session?.user?.id;
  if (!id) return null;
  const user = await prisma.user.findUnique({ where: { id }, select: { id: true, email: true, name: true, isAdmin: true } });
  return user;
}
