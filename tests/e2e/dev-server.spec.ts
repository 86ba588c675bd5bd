/**
 * `npm run dev` as a new user runs it: no NEXTAUTH_URL, any port, opened as localhost, 127.0.0.1
 * or another address. Starts its own `next dev` (Next.js 16 keeps its files in .next/dev, apart
 * from the production build the other specs use) on a copy of the browser tests' database.
 */
import { spawn, type ChildProcess } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { expect, test, type Page } from "@playwright/test";
import { DEMO } from "./helpers";

// Not 3000 (next-auth's fallback) and not the production server's port.
const PORT = Number(process.env.E2E_PORT ?? 3100) + 7;
test.describe.configure({ mode: "serial" });

let server: ChildProcess;
let log = "";
const dir = fs.mkdtempSync(path.join(os.tmpdir(), "duizhao-dev-e2e-"));

test.beforeAll(async ({ browser }) => {
  test.setTimeout(600_000);
  const source = (process.env.E2E_DATABASE_URL ?? `file:${path.resolve("data/e2e.db")}`).replace(/^file:/, "");
  const db = path.join(dir, "dev.db");
  fs.copyFileSync(source, db);
  const env: NodeJS.ProcessEnv = { ...process.env, NODE_ENV: "development", NEXT_TELEMETRY_DISABLED: "1", DATABASE_URL: `file:${db}` };
  for (const name of ["NEXTAUTH_URL", "NEXTAUTH_SECRET", "AUTH_TRUST_HOST", "DUIZHAO_DEV_ORIGINS", "DUIZHAO_TRUSTED_PROXY_HOPS"]) delete env[name];
  server = spawn(path.resolve("node_modules/.bin/next"), ["dev", "-p", String(PORT)], { env, stdio: ["ignore", "pipe", "pipe"], detached: true });
  server.stdout!.on("data", (d) => (log += d));
  server.stderr!.on("data", (d) => (log += d));
  const deadline = Date.now() + 240_000;
  while (Date.now() < deadline) {
    const ok = await fetch(`http://localhost:${PORT}/api/health`).then((r) => r.ok, () => false);
    if (ok) break;
    await new Promise((r) => setTimeout(r, 1000));
  }
  if (Date.now() >= deadline) throw new Error(`next dev did not answer on ${PORT}:\n${log}`);
  // The first visit compiles the sign-in page and its scripts (minutes on a busy machine): done
  // here, so the tests below time what they test.
  const page = await browser.newPage();
  await page.goto(`http://localhost:${PORT}/login`, { timeout: 300_000 });
  await expect(page.getByRole("button", { name: "Sign in", exact: true })).toBeEnabled({ timeout: 300_000 });
  await page.close();
});

test.afterEach(async ({}, testInfo) => {
  if (testInfo.status !== testInfo.expectedStatus) await testInfo.attach("next-dev.log", { body: log, contentType: "text/plain" });
});

test.afterAll(() => {
  if (server?.pid) process.kill(-server.pid, "SIGTERM");
  fs.rmSync(dir, { recursive: true, force: true });
});

async function signInAndOut(page: Page, origin: string) {
  test.setTimeout(240_000);
  await page.goto(`${origin}/login`, { timeout: 180_000 });
  await page.getByLabel("E-mail").fill(DEMO.owner.email);
  await page.getByLabel("Password").fill(DEMO.owner.password);
  // Enabled once the page's scripts run (blocked scripts left it grey for good).
  await expect(page.getByRole("button", { name: "Sign in", exact: true })).toBeEnabled({ timeout: 120_000 });
  await page.getByRole("button", { name: "Sign in", exact: true }).click();
  await expect(page.getByRole("link", { name: "Sign out" })).toBeVisible({ timeout: 120_000 });
  expect(new URL(page.url()).origin).toBe(origin);
  await page.getByRole("link", { name: "Sign out" }).click();
  // The sign-out page compiles on its first visit; its button is enabled once its scripts run.
  await expect(page.getByRole("button", { name: "Sign out" })).toBeEnabled({ timeout: 120_000 });
  await page.getByRole("button", { name: "Sign out" }).click();
  // Back on this address's sign-in page, not http://localhost:3000/login.
  await expect(page).toHaveURL(`${origin}/login`, { timeout: 60_000 });
  await expect(page.getByRole("heading", { name: /Sign in to/ })).toBeVisible();
  // Signed out for real: a page of the app sends us back to sign in.
  await page.goto(`${origin}/work`);
  await expect(page).toHaveURL(/\/login\?callbackUrl=%2Fwork/);
}

test("without NEXTAUTH_URL, on another port, sign-in and sign-out stay on localhost:<port>", async ({ page }) => {
  await signInAndOut(page, `http://localhost:${PORT}`);
});

test("opened as 127.0.0.1 the development app becomes interactive, and signs in and out there", async ({ page }) => {
  await signInAndOut(page, `http://127.0.0.1:${PORT}`);
  expect(log).not.toContain("Blocked cross-origin request");
});

test("opened by an address the development server refuses its scripts to, the page says what to do", async ({ page }) => {
  test.setTimeout(240_000);
  // 127.0.0.2 is this machine too, but not one of the allowed development hosts.
  await page.goto(`http://127.0.0.2:${PORT}/login`, { timeout: 180_000 });
  await expect(page.getByTestId("hydration-notice")).toBeVisible({ timeout: 30_000 });
  await expect(page.getByTestId("hydration-notice")).toContainText("add this host name to DUIZHAO_DEV_ORIGINS");
  await expect(page.getByRole("button", { name: "Sign in", exact: true })).toBeDisabled();
  await page.screenshot({ path: "test-results/e2e/hydration-notice.png" });
});
