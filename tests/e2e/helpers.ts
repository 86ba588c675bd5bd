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
