import { execFileSync, spawn, type ChildProcess } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { CHROMIUM_ARGS } from "../../tests/support/chromium-args";

export const root = path.join(import.meta.dirname, "../..");

/** A fresh, migrated and seeded SQLite database for a benchmark run (`seed: false`: migrated only). */
export function prepareDatabase(options: { seed?: boolean } = {}): { dir: string; url: string } {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), "duizhao-bench-"));
  const url = `file:${path.join(dir, "bench.db")}`;
  const env = { ...process.env, DATABASE_URL: url };
  execFileSync(process.execPath, [path.join(root, "scripts/db.mjs"), "deploy"], { env, stdio: "pipe" });
  if (options.seed !== false) execFileSync(path.join(root, "node_modules/.bin/tsx"), [path.join(root, "prisma/seed.ts")], { env, stdio: "pipe" });
  return { dir, url };
}

/** Builds the app if needed and serves it as `npm start` does (scripts/start-server.mjs) on the given database. */
export async function startServer(databaseUrl: string, port: number, extraEnv: Record<string, string> = {}): Promise<{ baseUrl: string; stop: () => void; process: ChildProcess }> {
  if (!fs.existsSync(path.join(root, ".next/BUILD_ID"))) {
    execFileSync(path.join(root, "node_modules/.bin/next"), ["build"], { cwd: root, stdio: "inherit", env: { ...process.env, NEXT_TELEMETRY_DISABLED: "1" } });
  }
  const baseUrl = `http://localhost:${port}`;
  // BENCH_SERVER_NODE_ARGS (e.g. "--cpu-prof --cpu-prof-dir=/tmp/prof") runs the server under node with those flags.
  const nodeArgs = process.env.BENCH_SERVER_NODE_ARGS?.split(/\s+/).filter(Boolean);
  const child = spawn(process.execPath, [...(nodeArgs ?? []), path.join(root, "scripts/start-server.mjs"), "-p", String(port)], {
    cwd: root,
    env: {
      ...process.env,
      // BENCH_SERVER_NODE_OPTIONS reaches the server only (e.g. GC settings).
      ...(process.env.BENCH_SERVER_NODE_OPTIONS ? { NODE_OPTIONS: process.env.BENCH_SERVER_NODE_OPTIONS } : {}),
      DATABASE_URL: databaseUrl,
      NEXTAUTH_URL: baseUrl,
      NEXTAUTH_SECRET: "bench-secret-not-for-production",
      NEXT_TELEMETRY_DISABLED: "1",
      ...extraEnv,
    },
    // BENCH_SERVER_STDOUT=<file>: the server's output there (e.g. with --trace-gc in BENCH_SERVER_NODE_OPTIONS).
    stdio: ["ignore", process.env.BENCH_SERVER_STDOUT ? fs.openSync(process.env.BENCH_SERVER_STDOUT, "a") : "ignore", process.env.BENCH_SERVER_STDERR ? "inherit" : "ignore"],
    detached: true,
  });
  const deadline = Date.now() + 60_000;
  for (;;) {
    try {
      if ((await fetch(`${baseUrl}/api/health`)).ok) break;
    } catch {
      // not up yet
    }
    if (Date.now() > deadline) throw new Error("the server did not come up within 60 s");
    await new Promise((r) => setTimeout(r, 300));
  }
  return { baseUrl, process: child, stop: () => process.kill(-child.pid!, "SIGTERM") };
}

/** Signs in through next-auth's credentials endpoint and returns the session cookie header. */
export async function signInCookie(baseUrl: string, email: string, password: string): Promise<string> {
  const csrf = await fetch(`${baseUrl}/api/auth/csrf`);
  const { csrfToken } = (await csrf.json()) as { csrfToken: string };
  const csrfCookie = csrf.headers.getSetCookie().map((c) => c.split(";")[0]).join("; ");
  const response = await fetch(`${baseUrl}/api/auth/callback/credentials`, {
    method: "POST",
    redirect: "manual",
    headers: { "content-type": "application/x-www-form-urlencoded", cookie: csrfCookie, "x-forwarded-for": `10.1.${Math.floor(Math.random() * 250)}.${Math.floor(Math.random() * 250)}` },
    body: new URLSearchParams({ csrfToken, email, password, json: "true" }),
  });
  const session = response.headers.getSetCookie().find((c) => c.includes("next-auth.session-token"));
  if (!session) throw new Error(`sign-in failed for ${email}`);
  return session.split(";")[0]!;
}

/** Writes one named section of BENCHMARKS.md, replacing the previous run's. */
export function writeBenchmarkSection(name: string, body: string): void {
  const file = path.join(root, "BENCHMARKS.md");
  const start = `<!-- bench:${name}:start -->`;
  const end = `<!-- bench:${name}:end -->`;
  const section = `${start}\n${body.trim()}\n${end}`;
  const current = fs.existsSync(file) ? fs.readFileSync(file, "utf8") : "# Benchmarks\n";
  const pattern = new RegExp(`${start}[\\s\\S]*${end}`);
  fs.writeFileSync(file, pattern.test(current) ? current.replace(pattern, section) : `${current.trimEnd()}\n\n${section}\n`);
}

export function machineDescription(): string {
  const cpu = os.cpus();
  return `${cpu[0]?.model.trim()} × ${cpu.length} cores, ${(os.totalmem() / 1024 ** 3).toFixed(0)} GiB RAM, Node ${process.version}`;
}

/** Debian's Chromium where installed (else Playwright's), with the browser tests' flags (tests/support/chromium-args.ts). */
export async function launchChromium() {
  const { chromium } = await import("@playwright/test");
  return chromium.launch({
    executablePath: fs.existsSync("/usr/bin/chromium") ? "/usr/bin/chromium" : undefined,
    args: CHROMIUM_ARGS,
  });
}

/** Signs a browser page in through the real sign-in form. */
export async function signInPage(page: import("@playwright/test").Page, baseUrl: string, email: string, password: string) {
  await page.goto(`${baseUrl}/login`);
  await page.getByLabel("E-mail").fill(email);
  await page.getByLabel("Password").fill(password);
  await page.getByRole("button", { name: "Sign in" }).click();
  await page.waitForURL(`${baseUrl}/`);
}
