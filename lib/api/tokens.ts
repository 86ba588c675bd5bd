/**
 * Personal access tokens for the public API (issue 19): created on the account page, shown once,
 * stored only as a hash, revocable at once. A token acts as its user, narrowed to its scopes and,
 * optionally, to one project (lib/api/authenticate.ts).
 */
import { createHash, randomBytes, timingSafeEqual } from "node:crypto";
import { z } from "zod";
import { AccessDenied, effectiveRole } from "@/lib/auth/access";
import type { SessionUser } from "@/lib/auth/session";
import { prisma } from "@/lib/db";
import { CodedError } from "@/lib/http/coded-error";
import { API_SCOPES, type ApiScope } from "./scopes";

/** Every secret starts with this, so scanners (and people) can recognise a leaked Duizhao token. */
export const TOKEN_PREFIX = "dzp_";
/** `dzp_` and 32 random bytes in base64url (43 characters, no padding). */
const TOKEN_PATTERN = /^dzp_[A-Za-z0-9_-]{43}$/;
/** How much of the secret lists show: enough to tell tokens apart, far too little to guess the rest. */
const SHOWN_CHARACTERS = TOKEN_PREFIX.length + 6;
/** The expiries the account page offers, in days; null: never. */
export const TOKEN_EXPIRY_DAYS = [30, 90, 365] as const;
/** lastUsedAt is written at most this often per token, so a busy client does not cost a write per request. */
const LAST_USED_RESOLUTION_MS = 60_000;
/** Live (unrevoked) tokens one person may hold: a bound on rows, far above what anyone needs. */
const MAX_LIVE_TOKENS = 50;

export function generateTokenSecret(): string {
  return TOKEN_PREFIX + randomBytes(32).toString("base64url");
}

export function isTokenFormat(value: string): boolean {
  return TOKEN_PATTERN.test(value);
}

/**
 * SHA-256 of the secret, hex. Passwords need a slow, salted hash because people choose guessable
 * ones; a token's 256 random bits cannot be guessed or looked up in a table, so a fast hash loses
 * nothing — and verifying runs on every API request, where a slow hash would cost ~100 ms each.
 */
export function hashToken(secret: string): string {
  return createHash("sha256").update(secret, "utf8").digest("hex");
}

export function tokenPrefix(secret: string): string {
  return secret.slice(0, SHOWN_CHARACTERS);
}

/** Stored as "read,write": the known scopes in API_SCOPES order, unknown names dropped. */
export function parseScopes(stored: string): ApiScope[] {
  const names = new Set(stored.split(",").map((s) => s.trim()));
  return API_SCOPES.filter((scope) => names.has(scope));
}

export function serializeScopes(scopes: readonly ApiScope[]): string {
  return parseScopes(scopes.join(",")).join(",");
}

export const createTokenSchema = z.object({
  name: z.string("token-name-invalid").trim().min(1, "token-name-invalid").max(100, "token-name-invalid"),
  scopes: z.array(z.enum(API_SCOPES, "token-scopes-required")).min(1, "token-scopes-required").max(API_SCOPES.length),
  projectId: z.string().min(1).max(100).nullable(),
  expiresInDays: z.union([z.literal(TOKEN_EXPIRY_DAYS[0]), z.literal(TOKEN_EXPIRY_DAYS[1]), z.literal(TOKEN_EXPIRY_DAYS[2])]).nullable(),
});
export type CreateTokenInput = z.infer<typeof createTokenSchema>;

export interface TokenListItem {
  id: string;
  name: string;
  prefix: string;
  scopes: ApiScope[];
  project: { id: string; name: string } | null;
  user: { id: string; name: string; email: string };
  createdAt: Date;
  lastUsedAt: Date | null;
  expiresAt: Date | null;
}

/**
 * A new token for `user`; the secret is in the answer and nowhere else — it cannot be shown again.
 * A project restriction must name a project the user belongs to (else 404, as for any project
 * they cannot see).
 */
export async function createApiToken(user: SessionUser, input: CreateTokenInput, now = new Date()): Promise<{ secret: string; token: TokenListItem }> {
  const data = createTokenSchema.parse(input);
  if (data.projectId && !(await effectiveRole(user, data.projectId))) throw new AccessDenied(404);
  if (data.projectId && !(await prisma.project.findUnique({ where: { id: data.projectId }, select: { id: true } }))) throw new AccessDenied(404);
  const live = await prisma.apiToken.count({ where: { userId: user.id, revokedAt: null } });
  if (live >= MAX_LIVE_TOKENS) throw new CodedError("token-limit-reached", 422, { max: MAX_LIVE_TOKENS });
  const secret = generateTokenSecret();
  const row = await prisma.apiToken.create({
    data: {
      userId: user.id,
      name: data.name,
      prefix: tokenPrefix(secret),
      hash: hashToken(secret),
      scopes: serializeScopes(data.scopes),
      projectId: data.projectId,
      expiresAt: data.expiresInDays === null ? null : new Date(now.getTime() + data.expiresInDays * 86_400_000),
      createdAt: now,
    },
    select: LIST_SELECT,
  });
  return { secret, token: toListItem(row) };
}

const LIST_SELECT = {
  id: true,
  name: true,
  prefix: true,
  scopes: true,
  createdAt: true,
  lastUsedAt: true,
  expiresAt: true,
  project: { select: { id: true, name: true } },
  user: { select: { id: true, name: true, email: true } },
} as const;

function toListItem(row: Omit<TokenListItem, "scopes"> & { scopes: string }): TokenListItem {
  return { ...row, scopes: parseScopes(row.scopes) };
}

/** The unrevoked tokens of `user`, newest first; with `everyone` (site admins only), all users'. */
export async function listApiTokens(user: SessionUser, options: { everyone?: boolean } = {}): Promise<TokenListItem[]> {
  if (options.everyone && !user.isAdmin) throw new AccessDenied(403);
  const rows = await prisma.apiToken.findMany({
    where: { revokedAt: null, ...(options.everyone ? {} : { userId: user.id }) },
    orderBy: [{ createdAt: "desc" }, { id: "asc" }],
    select: LIST_SELECT,
    take: 1000,
  });
  return rows.map(toListItem);
}

/** Revokes a token at once: the next request with it answers 401. Its owner or a site admin; anyone else gets 404. */
export async function revokeApiToken(user: SessionUser, tokenId: string, now = new Date()): Promise<void> {
  const { count } = await prisma.apiToken.updateMany({
    where: { id: tokenId, revokedAt: null, ...(user.isAdmin ? {} : { userId: user.id }) },
    data: { revokedAt: now },
  });
  if (count === 0) throw new AccessDenied(404);
}

export interface VerifiedToken {
  id: string;
  scopes: ApiScope[];
  projectId: string | null;
  user: SessionUser;
}

/**
 * The token a secret belongs to, with its user; null when the secret is malformed, unknown,
 * expired or revoked, or its user is gone. The lookup is by hash (a unique index), so response
 * time says nothing about how close a guess came to a real secret; the final comparison is
 * constant-time all the same.
 */
export async function verifyApiToken(secret: string, now = new Date()): Promise<VerifiedToken | null> {
  if (!isTokenFormat(secret)) return null;
  const hash = hashToken(secret);
  const row = await prisma.apiToken.findUnique({
    where: { hash },
    select: {
      id: true,
      hash: true,
      scopes: true,
      projectId: true,
      expiresAt: true,
      revokedAt: true,
      lastUsedAt: true,
      user: { select: { id: true, email: true, name: true, isAdmin: true, locale: true } },
    },
  });
  if (!row || !timingSafeEqual(Buffer.from(row.hash), Buffer.from(hash))) return null;
  if (row.revokedAt || (row.expiresAt && row.expiresAt <= now)) return null;
  if (!row.lastUsedAt || now.getTime() - row.lastUsedAt.getTime() >= LAST_USED_RESOLUTION_MS) {
    // Conditional, so that of several instances seeing the same stale time only one writes.
    await prisma.apiToken.updateMany({
      where: { id: row.id, OR: [{ lastUsedAt: null }, { lastUsedAt: { lte: new Date(now.getTime() - LAST_USED_RESOLUTION_MS) } }] },
      data: { lastUsedAt: now },
    });
  }
  return { id: row.id, scopes: parseScopes(row.scopes), projectId: row.projectId, user: row.user };
}
