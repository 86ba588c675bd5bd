import type { NextAuthOptions } from "next-auth";
import CredentialsProvider from "next-auth/providers/credentials";
import { prisma } from "@/lib/db";
import { checkLock, lockMessage, recordAttempt } from "./login-throttle";
import { burnVerification, verifyPassword } from "./passwords";
import { decodeSessionToken, encodeSessionToken } from "./jwt";
import { authSecret } from "./secret";

/** One message for every failure, so sign-in never tells which accounts exist. */
export const SIGN_IN_FAILED = "The e-mail address or password is not right.";

type HeaderBag = Record<string, string | string[] | undefined> | undefined;

/** The client address as the reverse proxy or Next.js reports it; null when unknown. */
export function clientIp(headers: HeaderBag): string | null {
  const forwarded = headers?.["x-forwarded-for"];
  const first = (Array.isArray(forwarded) ? forwarded[0] : forwarded)?.split(",")[0]?.trim();
  const real = headers?.["x-real-ip"];
  return first || (Array.isArray(real) ? real[0] : real)?.trim() || null;
}

export function normaliseEmail(email: string): string {
  return email.trim().toLowerCase();
}

/** Checks a sign-in attempt: throttling first, then the password. Returns the user or throws/null. */
export async function authenticate(emailInput: string, password: string, ip: string | null) {
  const email = normaliseEmail(emailInput);
  if (!email || !password) return null;
  const lock = await checkLock(prisma, email, ip);
  if (lock.locked) throw new Error(lockMessage(lock));
  const user = await prisma.user.findUnique({ where: { email } });
  const ok = user ? await verifyPassword(user.passwordHash, password) : (await burnVerification(password), false);
  await recordAttempt(prisma, email, ip, ok);
  return ok && user ? { id: user.id, email: user.email, name: user.name, isAdmin: user.isAdmin } : null;
}

export const authOptions: NextAuthOptions = {
  secret: authSecret(),
  session: { strategy: "jwt", maxAge: 12 * 60 * 60 },
  jwt: { encode: encodeSessionToken, decode: decodeSessionToken },
  pages: { signIn: "/login", error: "/login" },
  providers: [
    CredentialsProvider({
      name: "E-mail and password",
      credentials: { email: { label: "E-mail", type: "email" }, password: { label: "Password", type: "password" } },
      async authorize(credentials, req) {
        return authenticate(credentials?.email ?? "", credentials?.password ?? "", clientIp(req?.headers as HeaderBag));
      },
    }),
  ],
  callbacks: {
    jwt({ token, user }) {
      if (user) {
        token.uid = user.id;
        token.isAdmin = (user as { isAdmin?: boolean }).isAdmin === true;
      }
      return token;
    },
    session({ session, token }) {
      if (session.user) {
        session.user.id = String(token.uid ?? "");
        session.user.isAdmin = token.isAdmin === true;
      }
      return session;
    },
  },
};
