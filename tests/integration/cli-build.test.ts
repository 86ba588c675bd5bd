import { spawnSync } from "node:child_process";
import { randomUUID } from "node:crypto";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { afterAll, describe, expect, it } from "vitest";

const root = path.join(__dirname, "../..");
// A build directory of this test's own: as on a fresh checkout, there is no build in it yet.
const buildDir = path.join(root, "dist", `cli-test-${randomUUID().slice(0, 8)}`);
const env = { ...process.env, DUIZHAO_CLI_DIR: buildDir };
const npmCli = (...args: string[]) => spawnSync("npm", ["run", "--silent", "cli", "--", ...args], { cwd: root, env, encoding: "utf8" });
const builds = () => fs.readdirSync(buildDir).filter((f) => f.startsWith("build-"));
const manifestFile = path.join(buildDir, "manifest.json");

afterAll(() => fs.rmSync(buildDir, { recursive: true, force: true }));

/**
 * The packages a command line run loaded: a preloaded script writes Node's module cache out as
 * the process exits (the built CLI is CommonJS, so every package it requires is in it).
 */
function packagesLoaded(...args: string[]): string[] {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), "duizhao-loaded-"));
  const hook = path.join(dir, "record.cjs");
  const out = path.join(dir, "loaded.json");
  fs.writeFileSync(hook, `process.on("exit", () => require("node:fs").writeFileSync(${JSON.stringify(out)}, JSON.stringify(Object.keys(require.cache))));`);
  const run = spawnSync(process.execPath, ["-r", hook, path.join(root, "scripts/duizhao.mjs"), ...args], { cwd: path.join(root, "tests"), env, encoding: "utf8" });
  expect(run.stderr).not.toMatch(/Error/);
  const files = JSON.parse(fs.readFileSync(out, "utf8")) as string[];
  fs.rmSync(dir, { recursive: true, force: true });
  return [...new Set(files.map((f) => /node_modules\/((?:@[^/]+\/)?[^/]+)/.exec(f)?.[1]).filter((p): p is string => !!p))].sort();
}

describe("the precompiled command line", () => {
  it("builds itself where there is no build yet, and `npm run cli -- help` runs it", () => {
    expect(fs.existsSync(buildDir)).toBe(false);
    const help = npmCli("help");
    expect(help.stderr).toBe("");
    expect(help.status).toBe(0);
    expect(help.stdout).toMatch(/^Usage: duizhao <command>/m);
    expect(builds()).toHaveLength(1);
    const manifest = JSON.parse(fs.readFileSync(manifestFile, "utf8")) as { entry: string; inputs: string[] };
    expect(manifest.inputs).toContain("lib/cli/main.ts");
    expect(manifest.inputs).toContain("lib/qa/checks.ts");

    // Up to date: the next run uses the same build.
    expect(npmCli("help").status).toBe(0);
    expect(builds()).toEqual([manifest.entry.split("/")[0]]);
  });

  it("`npm run cli --` typed in a subdirectory reads file names relative to that directory", () => {
    const run = spawnSync("npm", ["run", "--silent", "cli", "--", "qa", "qa-sample.csv", "--glossary", "qa-glossary.csv", "--format", "json"], { cwd: path.join(root, "tests/fixtures"), env, encoding: "utf8" });
    expect(run.stderr).not.toMatch(/not found|ENOENT|Error/);
    expect(() => JSON.parse(run.stdout)).not.toThrow();
  });

  it("the documentation runs the project's own command line, never `npx duizhao` (npm's cache, or a public package of that name)", () => {
    const docs = ["README.md", ...fs.readdirSync(path.join(root, "docs")).filter((f) => f.endsWith(".md")).map((f) => `docs/${f}`)];
    const text = docs.map((f) => fs.readFileSync(path.join(root, f), "utf8")).join("\n");
    expect(text).not.toMatch(/npx\s+duizhao/);
    const commands = [...text.matchAll(/npm run cli -- (\w+)/g)].map((m) => m[1]);
    expect(new Set(commands)).toEqual(new Set(["help", "import", "export", "qa", "list", "user", "backup", "restore"]));
    // Each command the documentation names is one the command line knows.
    const help = npmCli("help").stdout;
    for (const command of new Set(commands)) if (command !== "help") expect(help).toMatch(new RegExp(`^  ${command}\\b`, "m"));
  });

  it("rebuilds when a source changed after the build", () => {
    const manifest = JSON.parse(fs.readFileSync(manifestFile, "utf8")) as { entry: string; builtAt: number };
    // As if lib/ had been edited after this build was made.
    fs.writeFileSync(manifestFile, JSON.stringify({ ...manifest, builtAt: 0 }));
    const unknown = npmCli("no-such-command");
    expect(unknown.status).toBe(2);
    expect(unknown.stderr).toMatch(/Unknown command "no-such-command"/);
    const rebuilt = JSON.parse(fs.readFileSync(manifestFile, "utf8")) as { entry: string; builtAt: number };
    expect(rebuilt.entry).not.toBe(manifest.entry);
    expect(rebuilt.builtAt).toBeGreaterThan(0);
  });

  it("loads Prisma, exceljs, docx, mammoth and jszip only in the commands that use them", () => {
    const heavy = ["exceljs", "docx", "mammoth", "jszip", "better-sqlite3", "@prisma/client", "@prisma/adapter-better-sqlite3", "@prisma/adapter-pg", "pg", "next-auth", "@node-rs/argon2"];
    const help = packagesLoaded("help");
    expect(help.filter((p) => heavy.includes(p))).toEqual([]);
    const qa = packagesLoaded("qa", "fixtures/qa-sample.csv", "--glossary", "fixtures/qa-glossary.csv");
    expect(qa.filter((p) => heavy.includes(p))).toEqual([]);
    // Issue 18: zod (~60 ms) and next-intl's React entry (~30-60 ms, through require(esm)) slipped
    // back into both; the translator the CLI needs is compiled in from use-intl's core.
    expect(help.filter((p) => ["zod", "next-intl", "use-intl"].includes(p))).toEqual([]);
    expect(qa.filter((p) => ["zod", "next-intl", "use-intl"].includes(p))).toEqual([]);
    // Against a server (issue 19), no database code is loaded at all: the typed API client only.
    const remote = packagesLoaded("list", "--server", "http://127.0.0.1:9", "--token", "dzp_x");
    expect(remote.filter((p) => heavy.includes(p))).toEqual([]);
    expect(remote).toContain("openapi-fetch");
    // The check has teeth: a command that opens the database does load them.
    expect(packagesLoaded("list")).toEqual(expect.arrayContaining(["@prisma/client", "@prisma/adapter-better-sqlite3", "better-sqlite3"]));
  });

  it("loads the spelling checker only for `qa` with spelling on (issue 16)", () => {
    expect(packagesLoaded("help")).not.toContain("nspell");
    expect(packagesLoaded("list")).not.toContain("nspell");
    expect(packagesLoaded("qa", "fixtures/qa-sample.csv", "--spelling", "off")).not.toContain("nspell");
    expect(packagesLoaded("qa", "fixtures/qa-sample.csv")).toContain("nspell");
  });
});
