import hkdf from "@panva/hkdf";
import { EncryptJWT, jwtDecrypt } from "jose";
import type { JWT, JWTDecodeParams, JWTEncodeParams } from "next-auth/jwt";

/**
 * next-auth's own session-token format (JWE, dir + A256GCM, key derived from the secret by HKDF),
 * with one difference: the derived key is computed once per secret instead of on every request.
 * next-auth re-derives it for each decode — in the proxy and again in the route — which was a
 * measurable share of every save's CPU time. Tokens stay interchangeable with next-auth's.
 */
const keys = new Map<string, Promise<Uint8Array>>();
function encryptionKey(secret: string | Buffer, salt = ""): Promise<Uint8Array> {
  const id = `${typeof secret === "string" ? secret : secret.toString("hex")}\u0000${salt}`;
  let key = keys.get(id);
  if (!key) keys.set(id, (key = hkdf("sha256", secret, salt, `NextAuth.js Generated Encryption Key${salt ? ` (${salt})` : ""}`, 32)));
  return key;
}

const now = () => Math.floor(Date.now() / 1000);

export async function encodeSessionToken({ token = {}, secret, maxAge = 30 * 24 * 60 * 60, salt = "" }: JWTEncodeParams): Promise<string> {
  return new EncryptJWT(token)
    .setProtectedHeader({ alg: "dir", enc: "A256GCM" })
    .setIssuedAt()
    .setExpirationTime(now() + maxAge)
    .setJti(crypto.randomUUID())
    .encrypt(await encryptionKey(secret, salt));
}

export async function decodeSessionToken({ token, secret, salt = "" }: JWTDecodeParams): Promise<JWT | null> {
  if (!token) return null;
  const { payload } = await jwtDecrypt(token, await encryptionKey(secret, salt), { clockTolerance: 15 });
  return payload as JWT;
}

// Decrypted tokens, kept until they expire: the proxy and then the route read the same token on
// every request, and a token never changes. On globalThis so the proxy's bundle and the routes'
// share it. Whether the session the token names is still open is not cached: lib/auth/session.ts
// reads it from the database on every request, so a sign-out or a password change ends it at once.
const MAX_DECODED = 5_000;
/** jose's tolerance when checking `exp` (decodeSessionToken). */
const CLOCK_TOLERANCE_MS = 15_000;
const decoded = ((globalThis as unknown as { duizhaoDecodedTokens?: Map<string, { payload: JWT; expiresAt: number }> }).duizhaoDecodedTokens ??= new Map());

/** decodeSessionToken, once per token (throws, uncached, for a token that does not decrypt or has expired). */
export async function decodeSessionTokenCached({ token, secret, salt = "" }: JWTDecodeParams): Promise<JWT | null> {
  if (!token) return null;
  const key = `${salt}\u0000${token}`;
  const cached = decoded.get(key);
  if (cached && Date.now() <= cached.expiresAt) return cached.payload;
  if (cached) decoded.delete(key);
  const payload = await decodeSessionToken({ token, secret, salt });
  if (payload && typeof payload.exp === "number") {
    if (decoded.size >= MAX_DECODED) decoded.clear();
    decoded.set(key, { payload, expiresAt: payload.exp * 1000 + CLOCK_TOLERANCE_MS });
  }
  return payload;
}
