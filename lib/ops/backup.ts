import { spawnSync } from "node:child_process";
import fs from "node:fs";
import path from "node:path";
import Database from "better-sqlite3";
import { databaseUrl, isSqlite } from "@/lib/config/database-url";

export class BackupError extends Error {
  constructor(message: string) {
    super(message);
    this.name = "BackupError";
  }
}

const sqliteFile = (url: string) => url.slice("file:".length);

/** pg_dump/pg_restore take the connection as a URL; libpq understands postgresql:// URLs. */
function runTool(tool: string, args: string[]): void {
  const result = spawnSync(tool, args, { encoding: "utf8" });
  if (result.error) throw new BackupError(`${tool} could not be run (${result.error.message}). Install PostgreSQL's client tools (Debian: postgresql-client).`);
  if (result.status !== 0) throw new BackupError(`${tool} failed: ${result.stderr.trim() || `exit ${result.status}`}`);
}

/**
 * Backs the database up into one file while the app keeps running: SQLite's online backup API
 * (a consistent copy even mid-write), or pg_dump's custom format for PostgreSQL.
 */
export async function backupDatabase(out: string, url = databaseUrl()): Promise<{ bytes: number; kind: "sqlite" | "postgresql" }> {
  const target = path.resolve(out);
  if (fs.existsSync(target)) throw new BackupError(`${out} already exists; choose a new file name.`);
  if (isSqlite(url)) {
    if (!fs.existsSync(sqliteFile(url))) throw new BackupError(`There is no database at ${sqliteFile(url)}.`);
    const db = new Database(sqliteFile(url), { readonly: true, fileMustExist: true });
    try {
      await db.backup(target);
    } finally {
      db.close();
    }
    return { bytes: fs.statSync(target).size, kind: "sqlite" };
  }
  runTool("pg_dump", ["--format=custom", "--no-owner", "--no-privileges", `--file=${target}`, url]);
  return { bytes: fs.statSync(target).size, kind: "postgresql" };
}

/**
 * Restores a backup into the database DATABASE_URL names, replacing what is there. Stop the
 * app first: a restore under a running app would pull data from under it.
 */
export async function restoreDatabase(file: string, url = databaseUrl()): Promise<void> {
  const source = path.resolve(file);
  if (!fs.existsSync(source)) throw new BackupError(`No such backup: ${file}`);
  const header = fs.readFileSync(source).subarray(0, 16).toString("latin1");
  if (isSqlite(url)) {
    if (!header.startsWith("SQLite format 3")) throw new BackupError(`${file} is not a SQLite backup.`);
    const target = sqliteFile(url);
    fs.mkdirSync(path.dirname(target), { recursive: true });
    // Copy through the backup API into the live file (also resets its WAL), not a raw file copy.
    const backup = new Database(source, { readonly: true, fileMustExist: true });
    try {
      await backup.backup(target);
    } finally {
      backup.close();
    }
    return;
  }
  if (!header.startsWith("PGDMP")) throw new BackupError(`${file} is not a pg_dump custom-format backup.`);
  runTool("pg_restore", ["--clean", "--if-exists", "--no-owner", "--no-privileges", "--single-transaction", `--dbname=${url}`, source]);
}
