/** Used only outside production, so `npm run dev` works with no configuration. */
const DEVELOPMENT_SECRET = "duizhao-development-secret-not-for-production";

export const MISSING_SECRET_MESSAGE =
  "NEXTAUTH_SECRET is not set. In production Duizhao refuses to start without it: set it to a long random string (e.g. `openssl rand -base64 32`).";

/**
 * The secret that signs session tokens: required in production, a fixed dev value otherwise.
 * `next build` evaluates modules without serving anything, so it may go without; the server
 * refuses to start without one (instrumentation.ts) and a request never gets this far.
 */
export function authSecret(env: NodeJS.ProcessEnv = process.env): string {
  const secret = env.NEXTAUTH_SECRET?.trim();
  if (secret) return secret;
  if (env.NODE_ENV === "production" && env.NEXT_PHASE !== "phase-production-build") throw new Error(MISSING_SECRET_MESSAGE);
  return DEVELOPMENT_SECRET;
}
