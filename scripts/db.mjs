#!/usr/bin/env node
// Offline Prisma Migrate: drives @prisma/schema-engine-wasm through a driver adapter,
// so no Rust schema-engine binary (binaries.prisma.sh) is needed.
// Usage: node scripts/db.mjs create <name> | deploy | dev <name> | check | status | reset
// Reads DATABASE_URL (sqlite: file:data/duizhao.db, the default; postgres: postgresql://...).
// Adapted from shared/recipes/prisma-offline and owned by this project.
import crypto from "node:crypto";
import fs from "node:fs";
import path from "node:path";
import { createRequire } from "node:module";
import { fileURLToPath } from "node:url";

const require = createRequire(import.meta.url);
const { bindMigrationAwareSqlAdapterFactory } = require("@prisma/driver-adapter-utils");

const SCHEMA = path.resolve(process.env.PRISMA_SCHEMA ?? "prisma/schema.prisma");
const MIGRATIONS = path.resolve(process.env.PRISMA_MIGRATIONS ?? "prisma/migrations");
const LOCK = "migration_lock.toml";
// Same default and resolution as lib/config/database-url.ts (a relative file is under the project root).
const rawUrl = process.env.DATABASE_URL?.trim() || "file:data/duizhao.db";
const url = rawUrl.startsWith("file:") ? `file:${path.resolve(rawUrl.slice(5))}` : rawUrl;
if (url.startsWith("file:")) fs.mkdirSync(path.dirname(url.slice(5)), { recursive: true });

const schema = fs.readFileSync(SCHEMA, "utf8");
const provider = /datasource\s+\w+\s*\{[^}]*provider\s*=\s*"(\w+)"/.exec(schema)?.[1];
const files = [{ path: SCHEMA, content: schema }];
// Tables the migrations create by hand that Prisma must neither describe nor drop: SQLite's FTS5
// concordance indexes and the shadow tables FTS5 keeps for each (prisma/migrations/*_concordance),
// and the segments whose index entry awaits re-indexing (*_segment_index_backlog).
// (PostgreSQL needs none: its trigram indexes are in the schema, and it wants schema.table names.)
const EXTERNAL_TABLES = [...["MemoryUnitFts", "SegmentFts"].flatMap((t) => [t, ...["config", "data", "docsize", "idx", "content"].map((s) => `${t}_${s}`)]), "SegmentFtsStale"];
const filters = { externalTables: provider === "sqlite" ? EXTERNAL_TABLES : [], externalEnums: [] };

function adapterFactory() {
  if (provider === "sqlite") {
    const { PrismaBetterSqlite3 } = require("@prisma/adapter-better-sqlite3");
    const factory = new PrismaBetterSqlite3({ url });
    // The wasm engine replays migration.sql files into the (in-memory) shadow DB with executeRaw,
    // which better-sqlite3 limits to one statement; route parameterless SQL through executeScript.
    const connectShadow = factory.connectToShadowDb.bind(factory);
    factory.connectToShadowDb = async () => {
      const shadow = await connectShadow();
      const executeRaw = shadow.executeRaw.bind(shadow);
      shadow.executeRaw = async (q) => (q.args.length ? executeRaw(q) : (await shadow.executeScript(q.sql), 0));
      return shadow;
    };
    return factory;
  }
  if (provider === "postgresql") {
    const { PrismaPg } = require("@prisma/adapter-pg");
    const pg = require("pg");
    // Discrete fields, not a connection string: a connectionString would override `database`.
    const cfg = require("pg-connection-string").parse(url);
    const factory = new PrismaPg(cfg);
    patchPgCharType(factory);
    // adapter-pg 7.10's own connectToShadowDb drops the shadow DB before closing its pool
    // ("database ... is being accessed by other users"), so manage the shadow DB here.
    factory.connectToShadowDb = async () => {
      const name = `prisma_migrate_shadow_db_${crypto.randomUUID()}`;
      const admin = new pg.Client(cfg);
      await admin.connect();
      await admin.query(`CREATE DATABASE "${name}"`);
      const shadow = await new PrismaPg({ ...cfg, database: name }).connect();
      const dispose = shadow.dispose.bind(shadow);
      shadow.dispose = async () => {
        await dispose();
        await admin.query(`DROP DATABASE IF EXISTS "${name}"`);
        await admin.end();
      };
      return shadow;
    };
    return factory;
  }
  throw new Error(`unsupported provider ${provider}`);
}

const opened = [];
// adapter-pg 7.10 rejects the internal "char" type (OID 18, e.g. pg_constraint.contype) that the
// schema engine reads while describing a database; report it as text (OID 25).
function patchPgCharType(factory) {
  const connect = factory.connect.bind(factory);
  factory.connect = async () => {
    const adapter = await connect();
    const proto = Object.getPrototypeOf(Object.getPrototypeOf(adapter)); // PgQueryable.prototype
    if (!proto.performIO.patched) {
      const performIO = proto.performIO;
      proto.performIO = async function (query) {
        const result = await performIO.call(this, query);
        for (const f of result?.fields ?? []) if (f.dataTypeID === 18) f.dataTypeID = 25;
        return result;
      };
      proto.performIO.patched = true;
    }
    return adapter;
  };
}

async function loadEngine() {
  const dir = path.dirname(fileURLToPath(import.meta.resolve("@prisma/schema-engine-wasm")));
  const bg = await import(path.join(dir, "schema_engine_bg.js"));
  const wasmFile = process.env.SCHEMA_ENGINE_WASM ?? path.join(dir, "schema_engine_bg.wasm");
  const mod = new WebAssembly.Module(fs.readFileSync(wasmFile));
  const inst = new WebAssembly.Instance(mod, { "./schema_engine_bg.js": bg });
  bg.__wbg_set_wasm(inst.exports);
  inst.exports.__wbindgen_start();
  const factory = adapterFactory();
  const connect = factory.connect.bind(factory);
  factory.connect = async () => { const a = await connect(); opened.push(a); return a; };
  const adapter = bindMigrationAwareSqlAdapterFactory(factory);
  const log = process.env.DEBUG ? (m) => console.error(m) : () => {};
  return bg.SchemaEngine.new({ datamodels: files.map((f) => [f.path, f.content]) }, log, adapter);
}

function migrationsList() {
  const lockPath = path.join(MIGRATIONS, LOCK);
  const dirs = fs.existsSync(MIGRATIONS)
    ? fs.readdirSync(MIGRATIONS, { withFileTypes: true }).filter((d) => d.isDirectory()).map((d) => d.name).sort()
    : [];
  return {
    baseDir: MIGRATIONS,
    lockfile: { path: LOCK, content: fs.existsSync(lockPath) ? fs.readFileSync(lockPath, "utf8") : null },
    shadowDbInitScript: "",
    migrationDirectories: dirs.map((name) => {
      const f = path.join(MIGRATIONS, name, "migration.sql");
      const content = fs.existsSync(f)
        ? { tag: "ok", value: fs.readFileSync(f, "utf8") }
        : { tag: "error", value: `missing ${f}` };
      return { path: name, migrationFile: { path: "migration.sql", content } };
    }),
  };
}

async function create(engine, name, draft) {
  // createMigration has no shadow-DB factory of its own; devDiagnostic replays the migrations
  // into a shadow DB (via the adapter) and caches the result, exactly like `prisma migrate dev`.
  const diagnose = () => engine.devDiagnostic({ migrationsList: migrationsList(), filters });
  // On a fresh SQLite DB the wasm engine reports P1014 (no `_prisma_migrations`) instead of
  // treating it as empty; applyMigrations creates the table (and applies pending migrations).
  const { action } = await diagnose().catch(async (e) => {
    if (e?.code !== "P1014") throw e;
    await deploy(engine);
    return diagnose();
  });
  if (action.tag === "reset") throw new Error(`Database needs a reset: ${action.reason}\nRun: node scripts/db.mjs reset`);
  // Names are <UTC yyyymmddhhmmss>_<name>; two in one second would sort by name, so wait.
  const last = migrationsList().migrationDirectories.at(-1)?.path ?? "";
  while (last.startsWith(new Date().toISOString().replace(/\D/g, "").slice(0, 14))) await new Promise((r) => setTimeout(r, 200));
  const out = await engine.createMigration({ draft, migrationName: name ?? "", migrationsList: migrationsList(), schema: { files }, filters });
  if (out.migrationScript === null) return console.log("No schema changes, no migration created.");
  const dir = path.join(MIGRATIONS, out.generatedMigrationName);
  fs.mkdirSync(dir, { recursive: true });
  fs.writeFileSync(path.join(dir, `migration.${out.extension}`), out.migrationScript);
  fs.writeFileSync(path.join(MIGRATIONS, LOCK),
    `# Please do not edit this file manually\n# It should be added in your version-control system (e.g., Git)\nprovider = "${out.connectorType}"\n`);
  console.log(`Created ${path.relative(process.cwd(), dir)}/migration.${out.extension}`);
}

/** Exit 1 when the migrations do not produce the schema (use a throwaway database: it is migrated). */
async function check(engine) {
  await deploy(engine);
  await engine.devDiagnostic({ migrationsList: migrationsList(), filters });
  const out = await engine.createMigration({ draft: true, migrationName: "drift_check", migrationsList: migrationsList(), schema: { files }, filters });
  if (out.migrationScript !== null && out.migrationScript.trim() !== "" && !/^-- This is an empty migration\.?\s*$/.test(out.migrationScript.trim())) {
    console.error(`${path.relative(process.cwd(), MIGRATIONS)} does not produce ${path.relative(process.cwd(), SCHEMA)}; a new migration would be:\n${out.migrationScript}`);
    process.exitCode = 1;
  } else console.log(`${path.relative(process.cwd(), MIGRATIONS)} produce ${path.relative(process.cwd(), SCHEMA)}.`);
}

async function deploy(engine) {
  const { appliedMigrationNames } = await engine.applyMigrations({ migrationsList: migrationsList(), filters });
  console.log(appliedMigrationNames.length ? `Applied: ${appliedMigrationNames.join(", ")}` : "No pending migrations.");
}

// WAL lets readers (pages) go on while a writer (a save, an import) commits. The journal mode is
// stored in the database file, so setting it once here holds for every later connection.
function enableWal() {
  const Database = require("better-sqlite3");
  const db = new Database(url.slice("file:".length));
  try { db.pragma("journal_mode = WAL"); } finally { db.close(); }
}

const [cmd, arg] = process.argv.slice(2);
// engine.reset() does not empty a SQLite DB through better-sqlite3; delete the file instead.
const sqliteFile = provider === "sqlite" && url.replace(/^file:/, "");

/**
 * Another process (a running server, most likely) holding a lock on the SQLite file makes the
 * schema engine fail with "unknown variant `SocketTimeout`" after a 10 s wait, which says nothing
 * useful. Check first, with a write transaction that is rolled back at once, and say it plainly.
 */
function inUseMessage(file) {
  const again = process.env.npm_lifecycle_event === "postinstall" ? "npm install" : process.env.npm_lifecycle_event ? `npm run ${process.env.npm_lifecycle_event}` : "this command";
  return `The database file ${file} is in use by another program — most likely a running Duizhao server. Stop it (npm run dev, npm start or next start) and run ${again} again.`;
}
function isLockError(e) {
  return /SocketTimeout|database is locked|SQLITE_BUSY|SQLITE_LOCKED/i.test(`${e?.code ?? ""} ${e?.message ?? e}`);
}
function databaseInUse(file) {
  if (!fs.existsSync(file)) return false;
  const Database = require("better-sqlite3");
  const db = new Database(file, { timeout: 3000 });
  try {
    db.exec("BEGIN IMMEDIATE");
    db.exec("ROLLBACK");
    return false;
  } catch (e) {
    if (isLockError(e)) return true;
    throw e;
  } finally {
    db.close();
  }
}
if (sqliteFile && cmd !== "create" && cmd !== "check" && cmd !== "status" && databaseInUse(sqliteFile)) {
  console.error(inUseMessage(sqliteFile));
  process.exit(1);
}

if (cmd === "reset" && sqliteFile) for (const s of ["", "-journal", "-wal", "-shm"]) fs.rmSync(sqliteFile + s, { force: true });
const engine = await loadEngine();
try {
  if (cmd === "create") await create(engine, arg, true);
  else if (cmd === "deploy") await deploy(engine);
  else if (cmd === "dev") { await create(engine, arg, false); await deploy(engine); }
  else if (cmd === "check") await check(engine);
  else if (cmd === "status") console.log(JSON.stringify(await engine.diagnoseMigrationHistory({ migrationsList: migrationsList(), optInToShadowDatabase: false, filters }), null, 2));
  else if (cmd === "reset") { if (!sqliteFile) await engine.reset({ filter: filters }); await deploy(engine); }
  else throw new Error("usage: db.mjs create <name> | deploy | dev <name> | check | status | reset");
} catch (e) {
  // A lock taken after the check above: the same plain words instead of the engine's.
  console.error(sqliteFile && isLockError(e) ? inUseMessage(sqliteFile) : (e?.message ?? e));
  process.exitCode = 1;
} finally {
  engine.free();
  await Promise.all(opened.map((a) => a.dispose()));
  // After the engine's own connections are closed, or SQLite reports "database is locked".
  if (sqliteFile && !process.exitCode) {
    try {
      enableWal();
    } catch (e) {
      console.error(isLockError(e) ? inUseMessage(sqliteFile) : (e?.message ?? e));
      process.exitCode = 1;
    }
  }
  process.exit(); // the wasm engine leaves a ~10s timer pending (seen with postgres)
}
