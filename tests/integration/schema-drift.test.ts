/**
 * One data model, two dialects: the PostgreSQL schema is exactly what the SQLite schema
 * generates, and each dialect's migrations produce its schema. Fails CI when they drift.
 */
import { spawnSync } from "node:child_process";
import { randomUUID } from "node:crypto";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { describe, expect, it } from "vitest";

const root = path.join(__dirname, "../..");
const node = (args: string[], env: Record<string, string> = {}) => spawnSync(process.execPath, args, { cwd: root, encoding: "utf8", env: { ...process.env, ...env } });

describe("schema drift", () => {
  it("the PostgreSQL schema is generated from the SQLite one", () => {
    const result = node(["scripts/sync-schemas.mjs", "--check"]);
    expect(result.stderr).toBe("");
    expect(result.status).toBe(0);
  });

  it("the migrations of this suite's dialect produce its schema", async () => {
    const postgres = (process.env.DATABASE_URL ?? "").startsWith("postgresql:");
    if (postgres) {
      const { default: pg } = await import("pg");
      const server = process.env.DATABASE_URL!.slice(0, process.env.DATABASE_URL!.lastIndexOf("/"));
      const name = `duizhao_drift_${randomUUID().slice(0, 8)}`;
      const admin = new pg.Client({ connectionString: `${server}/postgres` });
      await admin.connect();
      await admin.query(`CREATE DATABASE "${name}"`);
      try {
        const result = node(["scripts/db.mjs", "check"], { DATABASE_URL: `${server}/${name}`, PRISMA_SCHEMA: "prisma/postgresql/schema.prisma", PRISMA_MIGRATIONS: "prisma/postgresql/migrations" });
        expect(result.stderr).toBe("");
        expect(result.stdout).toMatch(/produce prisma\/postgresql\/schema.prisma/);
      } finally {
        await admin.query(`DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`);
        await admin.end();
      }
    } else {
      const dir = fs.mkdtempSync(path.join(os.tmpdir(), "duizhao-drift-"));
      const result = node(["scripts/db.mjs", "check"], { DATABASE_URL: `file:${path.join(dir, "drift.db")}` });
      fs.rmSync(dir, { recursive: true, force: true });
      expect(result.stderr).toBe("");
      expect(result.stdout).toMatch(/produce prisma\/schema.prisma/);
    }
  });
});
