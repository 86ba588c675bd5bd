#!/usr/bin/env node
// `npm test`: every test, on a fresh clone too. Installs what is missing (node_modules, the
// browser), runs the unit and integration suites (vitest), builds the app, runs the browser
// suite (Playwright) against its own freshly seeded database, and ends with one line:
// "N passed, N failed".
import { spawnSync } from "node:child_process";
import fs from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "..");
const results = path.join(root, "test-results");
const bin = (name) => path.join(root, "node_modules", ".bin", name);
const env = { ...process.env, NEXT_TELEMETRY_DISABLED: "1" };

function run(command, args, extraEnv = {}) {
  console.log(`\n[npm test] ${command} ${args.join(" ")}`);
  return spawnSync(command, args, { cwd: root, stdio: "inherit", env: { ...env, ...extraEnv } }).status ?? 1;
}
function must(label, status) {
  if (status !== 0) {
    console.error(`[npm test] ${label} failed.`);
    console.log("0 passed, 1 failed");
    process.exit(1);
  }
}

// 1. Dependencies (npm install also generates the client, migrates and seeds: scripts/setup.mjs).
if (!fs.existsSync(bin("vitest")) || !fs.existsSync(bin("playwright"))) must("npm install", run("npm", ["install"]));
if (!fs.existsSync(path.join(root, "lib/generated/prisma/client.ts")) || !fs.existsSync(path.join(root, "lib/generated/prisma-pg/client.ts"))) must("setup", run(process.execPath, ["scripts/setup.mjs"]));

// 2. The browser: Debian's chromium where it is (or can be) installed, else Playwright's own.
const SYSTEM_CHROMIUM = "/usr/bin/chromium";
if (!process.env.CHROMIUM_PATH && !fs.existsSync(SYSTEM_CHROMIUM)) {
  const isRoot = process.getuid?.() === 0;
  const hasApt = fs.existsSync("/usr/bin/apt-get");
  if (isRoot && hasApt) {
    run("apt-get", ["update", "-qq"]);
    run("apt-get", ["install", "-y", "-qq", "chromium"], { DEBIAN_FRONTEND: "noninteractive" });
  }
  if (!fs.existsSync(SYSTEM_CHROMIUM)) must("installing Playwright's chromium", run(bin("playwright"), ["install", "chromium"]));
}

// 3. The real readers of our export files (xmllint, translate-toolkit, LibreOffice, pdftotext):
// installed from Debian where we may; their tests say so and skip where they are missing.
const READER_PACKAGES = {
  "/usr/bin/xmllint": "libxml2-utils",
  "/usr/bin/xliff2po": "translate-toolkit",
  "/usr/bin/soffice": "libreoffice-writer-nogui",
  // Word round trip (issue 21): pandoc reads tracked changes; LibreOffice is driven through Python-UNO.
  "/usr/bin/pandoc": "pandoc",
  "/usr/lib/python3/dist-packages/uno.py": "python3-uno",
  "/usr/bin/pdftotext": "poppler-utils",
  // The multi-instance browser test puts two instances behind nginx; backup uses pg_dump.
  "/usr/sbin/nginx": "nginx-light",
  "/usr/bin/pg_dump": "postgresql-client",
};
const missingReaders = Object.entries(READER_PACKAGES).filter(([file]) => !fs.existsSync(file)).map(([, pkg]) => pkg);
if (missingReaders.length && process.getuid?.() === 0 && fs.existsSync("/usr/bin/apt-get")) {
  run("apt-get", ["update", "-qq"]);
  run("apt-get", ["install", "-y", "-qq", "--no-install-recommends", ...missingReaders], { DEBIAN_FRONTEND: "noninteractive" });
}

// The precompiled command line (the integration tests run it as users do).
must("building the command line", run(process.execPath, ["scripts/build-cli.mjs", "--if-stale"]));

fs.mkdirSync(results, { recursive: true });
const vitestJson = path.join(results, "vitest.json");
const playwrightJson = path.join(results, "playwright.json");
for (const f of [vitestJson, playwrightJson]) fs.rmSync(f, { force: true });

// 4. Unit and integration tests on SQLite; then the integration tests again on PostgreSQL when a
// server answers (DUIZHAO_TEST_PG_URL, default postgresql://postgres@127.0.0.1:5432; CI has one).
run(bin("vitest"), ["run", "--reporter=default", "--reporter=json", `--outputFile.json=${vitestJson}`]);
const vitestPgJson = path.join(results, "vitest-postgresql.json");
fs.rmSync(vitestPgJson, { force: true });
const pgServer = process.env.DUIZHAO_TEST_PG_URL ?? "postgresql://postgres@127.0.0.1:5432";
const pgUp =
  spawnSync(process.execPath, ["-e", `const {Client}=require("pg");const c=new Client({connectionString:${JSON.stringify(`${pgServer}/postgres`)},connectionTimeoutMillis:3000});c.connect().then(()=>c.end()).then(()=>process.exit(0),()=>process.exit(1))`], { cwd: root }).status === 0;
if (pgUp) {
  run(bin("vitest"), ["run", "--project", "integration", "--reporter=default", "--reporter=json", `--outputFile.json=${vitestPgJson}`], { DUIZHAO_TEST_DB: "postgresql" });
} else if (process.env.CI) {
  console.error(`[npm test] PostgreSQL at ${pgServer} does not answer: the PostgreSQL integration run counts as failed.`);
} else {
  console.warn(`[npm test] PostgreSQL at ${pgServer} does not answer; the integration suite ran on SQLite only.`);
}

// 5. Browser tests: a production build served as `npm start` serves it (scripts/start-server.mjs:
// Next.js with the save's fast path, built with the command line above) on a freshly seeded database.
const e2eDb = path.join(root, "data", "e2e.db");
for (const suffix of ["", "-wal", "-shm", "-journal"]) fs.rmSync(e2eDb + suffix, { force: true });
const dbEnv = { DATABASE_URL: `file:${e2eDb}` };
let browserCrashed = false;
if (run(process.execPath, ["scripts/db.mjs", "deploy"], dbEnv) !== 0 || run(bin("tsx"), ["prisma/seed.ts"], dbEnv) !== 0) {
  browserCrashed = true;
} else if (run(bin("next"), ["build"]) !== 0) {
  browserCrashed = true;
} else {
  run(bin("playwright"), ["test"], { E2E_DATABASE_URL: dbEnv.DATABASE_URL, PLAYWRIGHT_JSON_OUTPUT_NAME: playwrightJson });
}

// 6. One summary line over both runners. A runner that produced no report counts as a failure.
function readJson(file) {
  try {
    return JSON.parse(fs.readFileSync(file, "utf8"));
  } catch {
    return null;
  }
}
let passed = 0;
let failed = 0;
const vitest = readJson(vitestJson);
if (vitest) {
  passed += vitest.numPassedTests;
  failed += vitest.numFailedTests + (vitest.success === false && vitest.numFailedTests === 0 ? 1 : 0);
} else {
  console.error("[npm test] vitest produced no report.");
  failed += 1;
}
const vitestPg = readJson(vitestPgJson);
if (vitestPg) {
  passed += vitestPg.numPassedTests;
  failed += vitestPg.numFailedTests + (vitestPg.success === false && vitestPg.numFailedTests === 0 ? 1 : 0);
} else if (pgUp || process.env.CI) {
  console.error("[npm test] the PostgreSQL integration run produced no report.");
  failed += 1;
}
const playwright = readJson(playwrightJson);
if (playwright && !browserCrashed) {
  passed += playwright.stats.expected + playwright.stats.flaky;
  failed += playwright.stats.unexpected + (playwright.errors?.length ? 1 : 0);
} else {
  console.error("[npm test] the browser tests did not run (see above).");
  failed += 1;
}
console.log(`\n${passed} passed, ${failed} failed`);
process.exit(failed === 0 ? 0 : 1);
