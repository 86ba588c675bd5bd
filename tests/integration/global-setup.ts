import { execFileSync } from "node:child_process";
import { randomUUID } from "node:crypto";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import type { TestProject } from "vitest/node";

declare module "vitest" {
  export interface ProvidedContext {
    templateDatabase: string;
  }
}

/** The PostgreSQL server the suite uses when DUIZHAO_TEST_DB=postgresql (trust auth, user postgres). */
export const TEST_PG_SERVER = process.env.DUIZHAO_TEST_PG_URL ?? "postgresql://postgres@127.0.0.1:5432";

/**
 * Migrates one template database with the project's real migrate script; each test file gets a
 * copy. SQLite (the default): a template file copied per file. PostgreSQL
 * (DUIZHAO_TEST_DB=postgresql): a template database, cloned per file with CREATE DATABASE …
 * TEMPLATE, all dropped afterwards.
 */
export default async function setup(project: TestProject) {
  // The command line the tests spawn runs precompiled: build it once here rather than in the
  // first of several test files that would all find it stale at the same moment.
  execFileSync(process.execPath, ["scripts/build-cli.mjs", "--if-stale"], { stdio: "pipe" });
  if (process.env.DUIZHAO_TEST_DB === "postgresql") {
    const { default: pg } = await import("pg");
    // DUIZHAO_TEST_DB_PREFIX: several checkouts testing against one server tell their databases apart.
    const prefix = `${process.env.DUIZHAO_TEST_DB_PREFIX ?? "duizhao"}_it_${randomUUID().slice(0, 8)}`;
    const template = `${prefix}_template`;
    const admin = new pg.Client({ connectionString: `${TEST_PG_SERVER}/postgres` });
    await admin.connect();
    await admin.query(`CREATE DATABASE "${template}"`);
    execFileSync(process.execPath, ["scripts/db.mjs", "deploy"], {
      env: { ...process.env, DATABASE_URL: `${TEST_PG_SERVER}/${template}`, PRISMA_SCHEMA: "prisma/postgresql/schema.prisma", PRISMA_MIGRATIONS: "prisma/postgresql/migrations" },
      stdio: "pipe",
    });
    project.provide("templateDatabase", `${TEST_PG_SERVER}/${template}`);
    return async () => {
      const { rows } = await admin.query<{ datname: string }>("SELECT datname FROM pg_database WHERE datname LIKE $1", [`${prefix}%`]);
      for (const { datname } of rows) await admin.query(`DROP DATABASE IF EXISTS "${datname}" WITH (FORCE)`);
      await admin.end();
    };
  }
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), "duizhao-it-"));
  const template = path.join(dir, "template.db");
  execFileSync(process.execPath, ["scripts/db.mjs", "deploy"], {
    env: { ...process.env, DATABASE_URL: `file:${template}` },
    stdio: "pipe",
  });
  project.provide("templateDatabase", template);
  return () => fs.rmSync(dir, { recursive: true, force: true });
}
