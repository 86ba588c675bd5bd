import fs from "node:fs";
import path from "node:path";
import { defineConfig, devices } from "@playwright/test";
import { CHROMIUM_ARGS } from "./tests/support/chromium-args";
import { OIDC_TEST_ALLOWED_DOMAIN, OIDC_TEST_CLIENT, oidcTestPort } from "./tests/support/oidc-accounts";

const PORT = Number(process.env.E2E_PORT ?? 3100);
const baseURL = `http://localhost:${PORT}`;
// The browser tests run against their own database, reset and seeded by scripts/test.mjs.
// The OpenID provider the single sign-on tests use (tests/support/oidc-provider.ts); every spec's
// app is configured with it, so the sign-in page shows its button throughout the run.
const OIDC_PORT = oidcTestPort(PORT);
const OIDC_ISSUER = `http://localhost:${OIDC_PORT}`;
const E2E_DATABASE_URL = process.env.E2E_DATABASE_URL ?? `file:${path.resolve("data/e2e.db")}`;
// Browsers cannot be downloaded here: use Debian's chromium where it is installed.
const SYSTEM_CHROMIUM = "/usr/bin/chromium";
// A real SMTP server beside the app (tests/support/smtp-sink-server.ts): the app sends every mail
// there, and the specs read what arrived from MAIL_DIR (tests/e2e/mail.ts). Outside outputDir,
// which Playwright empties when the run starts, after the sink has started.
const SMTP_PORT = Number(process.env.E2E_SMTP_PORT ?? PORT + 2025);
const MAIL_DIR = path.resolve(`test-results/mail-sink-${PORT}`);
const executablePath = process.env.CHROMIUM_PATH ?? (fs.existsSync(SYSTEM_CHROMIUM) ? SYSTEM_CHROMIUM : undefined);

export default defineConfig({
  testDir: "./tests/e2e",
  outputDir: "./test-results/e2e",
  timeout: 60_000,
  expect: { timeout: 15_000 },
  retries: 0,
  workers: 1,
  reporter: process.env.PLAYWRIGHT_JSON_OUTPUT_NAME ? [["list"], ["json"]] : [["list"]],
  use: {
    baseURL,
    trace: "retain-on-failure",
    screenshot: "only-on-failure",
  },
  projects: [
    {
      name: "chromium",
      use: {
        ...devices["Desktop Chrome"],
        viewport: { width: 1440, height: 900 },
        launchOptions: {
          executablePath,
          args: CHROMIUM_ARGS,
        },
      },
    },
  ],
  // The mail sink and the OpenID provider are up before the first test; the app reads the
  // provider's discovery document only when someone signs in with it.
  webServer: [
    {
      command: "npx tsx tests/support/smtp-sink-server.ts",
      port: SMTP_PORT,
      reuseExistingServer: false,
      timeout: 60_000,
      env: { E2E_SMTP_PORT: String(SMTP_PORT), E2E_MAIL_DIR: MAIL_DIR },
    },
    {
      command: "npx tsx tests/support/oidc-provider.ts",
      url: `${OIDC_ISSUER}/.well-known/openid-configuration`,
      reuseExistingServer: false,
      timeout: 60_000,
      env: { E2E_OIDC_PORT: String(OIDC_PORT), E2E_APP_ORIGIN: baseURL },
    },
    {
      // The production server users run (`npm start`): Next.js, with the save's fast path in front.
      command: `node scripts/start-server.mjs -p ${PORT}`,
      url: `${baseURL}/api/health`,
      reuseExistingServer: false,
      timeout: 120_000,
      env: {
        NEXT_TELEMETRY_DISABLED: "1",
        DATABASE_URL: E2E_DATABASE_URL,
        NEXTAUTH_URL: baseURL,
        NEXTAUTH_SECRET: "e2e-test-secret-not-for-production",
        // The tests play a reverse proxy: each sets X-Forwarded-For, so the sign-in lock-outs they
        // trigger stay on their own addresses instead of locking out localhost for the rest.
        DUIZHAO_TRUSTED_PROXY_HOPS: "1",
        // The webhooks test's receiver listens on loopback, which webhooks otherwise refuse.
        DUIZHAO_WEBHOOKS_ALLOW_PRIVATE: "1",
        // Mail goes to the sink above (plain SMTP on loopback, no login).
        DUIZHAO_SMTP_HOST: "127.0.0.1",
        DUIZHAO_SMTP_PORT: String(SMTP_PORT),
        DUIZHAO_MAIL_FROM: "Duizhao <duizhao@localhost>",
        DUIZHAO_OIDC_ISSUER: OIDC_ISSUER,
        DUIZHAO_OIDC_CLIENT_ID: OIDC_TEST_CLIENT.clientId,
        DUIZHAO_OIDC_CLIENT_SECRET: OIDC_TEST_CLIENT.clientSecret,
        DUIZHAO_OIDC_NAME: OIDC_TEST_CLIENT.name,
        DUIZHAO_OIDC_AUTO_CREATE_DOMAINS: OIDC_TEST_ALLOWED_DOMAIN,
      },
    },
  ],
});
