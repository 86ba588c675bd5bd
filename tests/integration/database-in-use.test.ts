/**
 * `npm install` (scripts/setup.mjs → scripts/db.mjs deploy) while another process holds the
 * SQLite file locked — a running server — says so in plain words, not the schema engine's
 * "unknown variant `SocketTimeout`". The lock is held by a separate process, as a server would.
 */
import { spawn, spawnSync, type ChildProcess } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";

const root = path.join(__dirname, "../..");
const dir = fs.mkdtempSync(path.join(os.tmpdir(), "duizhao-in-use-"));
const file = path.join(dir, "busy.db");
let holder: ChildProcess;

function deploy(extraEnv: Record<string, string> = {}) {
  const env: NodeJS.ProcessEnv = { ...process.env, DATABASE_URL: `file:${file}`, ...extraEnv };
  delete env.PRISMA_SCHEMA;
  delete env.PRISMA_MIGRATIONS;
  return spawnSync(process.execPath, [path.join(root, "scripts/db.mjs"), "deploy"], { cwd: root, env, encoding: "utf8", timeout: 60_000 });
}

beforeAll(async () => {
  expect(deploy().status).toBe(0);
  holder = spawn(process.execPath, ["-e", `const D = require("better-sqlite3"); const db = new D(${JSON.stringify(file)}); db.exec("BEGIN EXCLUSIVE"); console.log("locked"); setInterval(() => {}, 1000);`], {
    cwd: root,
    stdio: ["ignore", "pipe", "inherit"],
  });
  await new Promise<void>((resolve) => holder.stdout!.once("data", () => resolve()));
}, 60_000);

afterAll(() => {
  holder?.kill();
  fs.rmSync(dir, { recursive: true, force: true });
});

describe("migrating a database another process has locked", () => {
  it("names the file and what to stop, and what to run again", () => {
    const result = deploy({ npm_lifecycle_event: "postinstall" });
    expect(result.status).toBe(1);
    expect(result.stderr).toContain(`The database file ${file} is in use by another program — most likely a running Duizhao server.`);
    expect(result.stderr).toContain("Stop it (npm run dev, npm start or next start) and run npm install again.");
    expect(result.stderr).not.toMatch(/SocketTimeout|WASM_ERROR|wasm-function/);
  });

  it("run by hand, it says to run that command again; once the lock is gone it works", async () => {
    const result = deploy({ npm_lifecycle_event: "db:deploy" });
    expect(result.stderr).toContain("and run npm run db:deploy again.");
    holder.kill();
    await new Promise((r) => holder.once("exit", r));
    const after = deploy();
    expect(after.stderr).toBe("");
    expect(after.status).toBe(0);
  });
});
