import { createHash, randomBytes, randomUUID } from "node:crypto";
import path from "node:path";
import Database from "better-sqlite3";
import { expect, type Page } from "@playwright/test";

export const DEMO = {
  owner: { email: "owner@duizhao.test", password: "owner-demo-pass" },
  translator: { email: "translator@duizhao.test", password: "translator-demo-pass" },
  reviewer: { email: "reviewer@duizhao.test", password: "reviewer-demo-pass" },
  admin: { email: "admin@duizhao.test", password: "admin-demo-pass" },
} as const;

/** The app's origin (as in playwright.config.ts): API calls made by a test send it, as the pages do. */
export const ORIGIN = `http://localhost:${Number(process.env.E2E_PORT ?? 3100)}`;
export const SAME_ORIGIN = { origin: ORIGIN };

export async function signIn(page: Page, who: { email: string; password: string }, landing = "/") {
  await page.goto(`/login?callbackUrl=${encodeURIComponent(landing)}`);
  await page.getByLabel("E-mail").fill(who.email);
  await page.getByLabel("Password").fill(who.password);
  await page.getByRole("button", { name: "Sign in", exact: true }).click();
  await expect(page).not.toHaveURL(/\/login/);
}

/** The browser tests' own database (scripts/test.mjs resets and seeds it), for set-up and checks. */
export function e2eDatabase(): Database.Database {
  const url = process.env.E2E_DATABASE_URL ?? `file:${path.resolve("data/e2e.db")}`;
  return new Database(url.replace(/^file:/, ""));
}

/** The demo document a fresh install seeds (the one the browser tests share). */
export function seedDocumentId(): string {
  const db = e2eDatabase();
  try {
    return (db.prepare(`SELECT id FROM "Document" WHERE origin = 'seed' LIMIT 1`).get() as { id: string }).id;
  } finally {
    db.close();
  }
}

/** The seeded demo document, its project and how many segments it has. */
export function seedDocument(): { documentId: string; projectId: string; segments: number } {
  const db = e2eDatabase();
  try {
    const { id, projectId } = db.prepare(`SELECT id, projectId FROM "Document" WHERE origin = 'seed' LIMIT 1`).get() as { id: string; projectId: string };
    const { n } = db.prepare(`SELECT COUNT(*) AS n FROM "Segment" WHERE documentId = ? AND removedAt IS NULL`).get(id) as { n: number };
    return { documentId: id, projectId, segments: n };
  } finally {
    db.close();
  }
}

/** One row of a query on the browser tests' database (for checks). */
export function query<T>(sql: string, ...args: unknown[]): T {
  const db = e2eDatabase();
  try {
    return db.prepare(sql).get(...args) as T;
  } finally {
    db.close();
  }
}

/** A statement on the browser tests' database, foreign keys on (for set-up and putting data back). */
export function run(sql: string, ...args: unknown[]): void {
  const db = e2eDatabase();
  try {
    db.pragma("foreign_keys = ON");
    db.prepare(sql).run(...args);
  } finally {
    db.close();
  }
}

/**
 * A personal access token for a demo person, written straight into the browser tests' database
 * as lib/api/tokens.ts stores one (SHA-256 of the secret, its first ten characters, the scopes).
 * The account page's own token form is tested in api-tokens.spec.ts; this is set-up.
 */
export function createApiToken(email: string, scopes: ("read" | "write" | "review" | "admin")[], name = "e2e"): string {
  const secret = `dzp_${randomBytes(32).toString("base64url")}`;
  const db = e2eDatabase();
  try {
    const user = db.prepare("SELECT id FROM User WHERE email = ?").get(email) as { id: string };
    db.prepare(`INSERT INTO "ApiToken" (id, userId, name, prefix, hash, scopes, createdAt) VALUES (?, ?, ?, ?, ?, ?, ?)`).run(
      randomUUID(),
      user.id,
      `${name} ${Date.now().toString(36)}`,
      secret.slice(0, 10),
      createHash("sha256").update(secret, "utf8").digest("hex"),
      scopes.join(","),
      new Date().toISOString(),
    );
  } finally {
    db.close();
  }
  return secret;
}

/** Makes a demo person a member of a project (invitations are not part of the API). */
export function addMember(projectId: string, email: string, role: "owner" | "reviewer" | "translator" | "viewer"): void {
  const db = e2eDatabase();
  try {
    const user = db.prepare("SELECT id FROM User WHERE email = ?").get(email) as { id: string };
    db.prepare("INSERT INTO Membership (id, projectId, userId, role) VALUES (?, ?, ?, ?)").run(randomUUID(), projectId, user.id, role);
  } finally {
    db.close();
  }
}

/**
 * Holds back the page's scripts (stylesheets pass: they block the first paint): what the server's
 * HTML shows before hydration can be read and used. Returns the release.
 */
export async function holdBackScripts(page: Page): Promise<() => void> {
  let release!: () => void;
  const held = new Promise<void>((resolve) => (release = resolve));
  await page.route((url) => url.pathname.startsWith("/_next/static/") && url.pathname.endsWith(".js"), async (route) => {
    await held;
    await route.continue();
  });
  return release;
}
