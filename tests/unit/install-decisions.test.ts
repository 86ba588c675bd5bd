/**
 * What `npm install` prints, decided once (README, "What npm install prints"): every package with
 * an install script is approved or denied in allowScripts, and every package in the lock file runs
 * on the Node version the README names — but the one documented exception.
 */
import { spawnSync } from "node:child_process";
import fs from "node:fs";
import path from "node:path";
import { createRequire } from "node:module";
import { describe, expect, it } from "vitest";

const root = path.join(__dirname, "../..");
const pkg = JSON.parse(fs.readFileSync(path.join(root, "package.json"), "utf8")) as { engines: { node: string }; allowScripts: Record<string, boolean> };
const lock = JSON.parse(fs.readFileSync(path.join(root, "package-lock.json"), "utf8")) as { packages: Record<string, { version?: string; engines?: { node?: string }; hasInstallScript?: boolean; dev?: boolean }> };
// semver is npm's own range reader (here through better-sqlite3's prebuild-install).
const semver = createRequire(path.join(root, "package.json"))("semver") as { satisfies(v: string, r: string): boolean; minVersion(r: string): { version: string } | null };
const nameOf = (key: string) => key.slice(key.lastIndexOf("node_modules/") + "node_modules/".length);

describe("npm install", () => {
  it("every package with an install script is approved or denied in allowScripts", () => {
    const withScripts = Object.entries(lock.packages)
      .filter(([key, p]) => key && p.hasInstallScript)
      .map(([key]) => nameOf(key));
    expect(withScripts.filter((name) => !(name in pkg.allowScripts))).toEqual([]);
    const listed = spawnSync("npm", ["install-scripts", "ls"], { cwd: root, encoding: "utf8" });
    expect(listed.stdout).toMatch(/No packages with unreviewed install scripts/);
  }, 60_000);

  it("no package needs a newer Node than the README's 20.19, but the documented @prisma/streams-local (prisma dev only)", () => {
    const oldest = semver.minVersion(pkg.engines.node)!.version;
    expect(oldest).toBe("20.19.0");
    const tooNew = Object.entries(lock.packages)
      .filter(([key, p]) => key && p.engines?.node && !semver.satisfies(oldest, p.engines.node))
      .map(([key, p]) => `${nameOf(key)}@${p.version} (${p.engines!.node})`);
    expect(tooNew.map((s) => s.split("@").slice(0, -1).join("@"))).toEqual(["@prisma/streams-local"]);
    expect(fs.readFileSync(path.join(root, "README.md"), "utf8")).toContain("@prisma/streams-local");
  });
});
