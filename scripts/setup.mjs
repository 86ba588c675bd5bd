#!/usr/bin/env node
// `npm install` runs this (postinstall): generate the Prisma client, apply migrations and, on an
// empty database, seed the demo project. Every step is idempotent, so running it again is harmless.
import { spawnSync } from "node:child_process";
import fs from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "..");
const bin = (name) => path.join(root, "node_modules", ".bin", name);

function run(label, command, args, env = {}) {
  console.log(`[duizhao setup] ${label}`);
  const result = spawnSync(command, args, { cwd: root, stdio: "inherit", env: { ...process.env, ...env } });
  if (result.status !== 0) {
    console.error(`[duizhao setup] failed: ${label}. Fix the error above and run \`npm run setup\`.`);
    process.exit(result.status ?? 1);
  }
}

if (!fs.existsSync(bin("prisma"))) {
  // Installed as someone else's dependency, or with --omit: nothing of ours to set up.
  console.log("[duizhao setup] prisma is not installed; skipping database setup.");
  process.exit(0);
}

// PRISMA_SCHEMA_ENGINE_BINARY stops the CLI from downloading a schema engine that `generate`
// does not need (the download is impossible offline); migrations use scripts/db.mjs instead.
run("generating the Prisma client", bin("prisma"), ["generate"], { PRISMA_SCHEMA_ENGINE_BINARY: "/bin/false" });
run("generating the PostgreSQL client", bin("prisma"), ["generate", "--schema", "prisma/postgresql/schema.prisma"], { PRISMA_SCHEMA_ENGINE_BINARY: "/bin/false" });
// The command line runs precompiled (it bundles the generated client, so this comes after it).
run("building the command line", process.execPath, [path.join(root, "scripts/build-cli.mjs")]);
// PostgreSQL (DATABASE_URL=postgresql://…) has its own migrations, made from the same model.
const pg = /^postgres(ql)?:\/\//.test(process.env.DATABASE_URL ?? "") ? { PRISMA_SCHEMA: "prisma/postgresql/schema.prisma", PRISMA_MIGRATIONS: "prisma/postgresql/migrations" } : {};
run("applying database migrations", process.execPath, [path.join(root, "scripts/db.mjs"), "deploy"], pg);
if (process.env.DUIZHAO_SKIP_SEED !== "1") {
  run("seeding demo data (only into an empty database)", bin("tsx"), [path.join(root, "prisma/seed.ts")]);
}
