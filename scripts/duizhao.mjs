#!/usr/bin/env node
// The `duizhao` command (package.json bin; also `npm run cli -- …`). It runs the TypeScript CLI
// through tsx, so the CLI shares every line of lib/ with the web app.
import { spawnSync } from "node:child_process";
import { createRequire } from "node:module";
import path from "node:path";
import { fileURLToPath } from "node:url";

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "..");
const tsxCli = createRequire(import.meta.url).resolve("tsx/cli");
const result = spawnSync(
  process.execPath,
  [tsxCli, "--tsconfig", path.join(root, "tsconfig.json"), path.join(root, "lib/cli/run.ts"), ...process.argv.slice(2)],
  // A relative DATABASE_URL (and the default data/duizhao.db) means the project's, from any directory.
  { stdio: "inherit", env: { ...process.env, DUIZHAO_HOME: process.env.DUIZHAO_HOME || root } },
);
process.exitCode = result.status ?? 1;
