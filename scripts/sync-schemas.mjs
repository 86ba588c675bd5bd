#!/usr/bin/env node
// One data model, two dialects. prisma/schema.prisma (SQLite) is the source of truth;
// prisma/postgresql/schema.prisma is generated from it — same models, PostgreSQL provider, its own
// client output. `node scripts/sync-schemas.mjs` writes it; `--check` fails (exit 1) when the
// committed PostgreSQL schema is not what the SQLite one generates (drift), which CI runs.
import fs from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "..");
const source = path.join(root, "prisma/schema.prisma");
const target = path.join(root, "prisma/postgresql/schema.prisma");

export function postgresSchema(sqlite) {
  const out = sqlite
    .replace(/provider\s*=\s*"sqlite"/, 'provider = "postgresql"')
    .replace(/output\s*=\s*"\.\.\/lib\/generated\/prisma"/, 'output   = "../../lib/generated/prisma-pg"')
    // What only PostgreSQL has (trigram GIN indexes): written as `// postgresql-only: <line>` in the
    // SQLite schema, a plain line in the PostgreSQL one.
    .replace(/^(\s*)\/\/ postgresql-only: (.*)$/gm, "$1$2");
  if (out === sqlite || !out.includes('provider = "postgresql"') || !out.includes("prisma-pg")) throw new Error("schema.prisma no longer has the expected provider/output lines");
  return `// GENERATED from prisma/schema.prisma by scripts/sync-schemas.mjs — do not edit; edit that file and run the script.\n${out}`;
}

const expected = postgresSchema(fs.readFileSync(source, "utf8"));
if (process.argv.includes("--check")) {
  const actual = fs.existsSync(target) ? fs.readFileSync(target, "utf8") : "";
  if (actual !== expected) {
    console.error("prisma/postgresql/schema.prisma has drifted from prisma/schema.prisma: run `node scripts/sync-schemas.mjs` and make a PostgreSQL migration (npm run db:migrate:pg -- <name>).");
    process.exit(1);
  }
  console.log("schemas in step");
} else {
  fs.writeFileSync(target, expected);
  console.log(`wrote ${path.relative(root, target)}`);
}
