import type { NextAuthOptions } from "next-auth";
import CredentialsProvider from "next-auth/providers/credentials";
import { prisma } from "@/lib/db";
import { clientAddress, type HeaderSource } from "./client-address";
import { normaliseEmail } from "./email";
import { checkLock, lockCode, recordAttempt } from "./login-throttle";
import { burnVerification, verifyPassword } from "./passwords";
import { decodeSessionTokenCached, encodeSessionToken } from "./jwt";
import { sameOriginPath } from "./redirects";
import { authSecret } from "./secret";
import { endSession, SESSION_MAX_AGE_S, startSession } from "./sessions";
import { passwordSignIn } from "./password-policy";
import { PASSWORDS_OFF } from "./sign-in-errors";
import { accountForIdentity } from "@/lib/sso/accounts";
import { OIDC_PROVIDER_ID, oidcConfig } from "@/lib/sso/config";
import { oidcProvider, type OidcProfile } from "@/lib/sso/provider";

/** One message for every failure, so sign-in never tells which accounts exist. */
export const SIGN_IN_FAILED = "The e-mail address or password is not right.";

export { normaliseEmail };

/**
 * Checks a sign-in attempt: whether passwords are open at all (lib/auth/password-policy.ts), then
 * throttling, then the password. Returns the user or throws/null.
 */
export async function authenticate(emailInput: string, password: string, ip: string | null) {
  const email = normaliseEmail(emailInput);
  const policy = await passwordSignIn();
  // Passwords off: refused before anything is looked up or counted — there is nothing to guess.
  if (policy === "off") throw new Error(PASSWORDS_OFF);
  if (!email || !password) return null;
  const lock = await checkLock(prisma, email, ip);
  if (lock.locked) throw new Error(lockCode(lock));
  const user = await prisma.user.findUnique({ where: { email } });
  // The recovery override lets site admins in; everyone else stays on single sign-on.
  if (policy === "admins-only" && !user?.isAdmin) throw new Error(PASSWORDS_OFF);
  const ok = user ? await verifyPassword(user.passwordHash, password) : (await burnVerification(password), false);
  await recordAttempt(prisma, email, ip, ok);
  return ok && user ? { id: user.id, email: user.email, name: user.name, isAdmin: user.isAdmin } : null;
}

/**
 * In development next-auth takes its origin from the request (Host, X-Forwarded-Proto) when
 * NEXTAUTH_URL is unset, so sign-in and sign-out return to whatever address `next dev` is opened
 * on (another port, 127.0.0.1, the "Network:" address) instead of next-auth's fallback
 * http://localhost:3000. Production keeps requiring NEXTAUTH_URL (docs/deployment.md): there the
 * Host header is whatever a client sends.
 */
export function trustRequestHostInDevelopment(env: NodeJS.ProcessEnv = process.env): void {
  if (env.NODE_ENV !== "production" && !env.NEXTAUTH_URL && !env.AUTH_TRUST_HOST) env.AUTH_TRUST_HOST = "true";
}
trustRequestHostInDevelopment();

const oidc = oidcConfig();

export const authOptions: NextAuthOptions = {
  secret: authSecret(),
  session: { strategy: "jwt", maxAge: SESSION_MAX_AGE_S },
  jwt: { encode: encodeSessionToken, decode: decodeSessionTokenCached },
  pages: { signIn: "/login", error: "/login" },
  providers: [
    CredentialsProvider({
      name: "E-mail and password",
      credentials: { email: { label: "E-mail", type: "email" }, password: { label: "Password", type: "password" } },
      async authorize(credentials, req) {
        return authenticate(String(credentials?.email ?? ""), String(credentials?.password ?? ""), clientAddress(req?.headers as HeaderSource));
      },
    }),
    ...(oidc ? [oidcProvider(oidc)] : []),
  ],
  callbacks: {
    /**
     * A sign-in through the OpenID provider becomes a Duizhao account here (lib/sso): matched by
     * verified e-mail, or created for an allowed domain, or refused with a reason the sign-in page
     * words. next-auth hands this same `user` object to jwt() next (core/routes/callback), so the
     * account is written into it; jwt() refuses an OIDC user that was not matched (`ssoMatched`).
     */
    async signIn({ user, account, profile }) {
      if (account?.provider !== OIDC_PROVIDER_ID || !oidc) return true;
      const result = await accountForIdentity(profile as unknown as OidcProfile, oidc.autoCreateDomains);
      if (!result.ok) return `/login?error=${result.reason}`;
      Object.assign(user, { id: result.user.id, email: result.user.email, name: result.user.name, isAdmin: result.user.isAdmin, ssoMatched: true });
      return true;
    },
    async jwt({ token, user, account }) {
      if (user) {
        if (account?.provider === OIDC_PROVIDER_ID && (user as { ssoMatched?: boolean }).ssoMatched !== true) throw new Error("OIDC sign-in without a matched account");
        // A sign-in: the token names a new server-side session, which sign-out can end.
        token.uid = user.id;
        token.isAdmin = (user as { isAdmin?: boolean }).isAdmin === true;
        token.sid = await startSession(user.id);
      }
      return token;
    },
    session({ session, token }) {
      if (session.user) {
        session.user.id = String(token.uid ?? "");
        session.user.isAdmin = token.isAdmin === true;
        session.user.sid = typeof token.sid === "string" ? token.sid : undefined;
      }
      return session;
    },
    // After signing in or out, only paths of this site are followed (no open redirect).
    redirect({ url, baseUrl }) {
      return new URL(sameOriginPath(url, baseUrl), baseUrl).toString();
    },
  },
  events: {
    // Signing out ends the session on the server too: a copy of the token stops working.
    async signOut({ token }) {
      if (typeof token?.sid === "string") await endSession(token.sid);
    },
  },
};
