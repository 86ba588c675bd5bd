import { spawnSync } from "node:child_process";
import { randomUUID } from "node:crypto";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { prisma } from "@/lib/db";
import { importText } from "@/lib/documents/import-document";
import { backupDatabase, restoreDatabase } from "@/lib/ops/backup";

const root = path.join(__dirname, "../..");

/** Every table's rows, in a stable order, through a client on the given database. */
async function contents(url: string): Promise<string> {
  const tables = ["User", "Project", "Membership", "Document", "Segment", "Revision", "Comment", "ActivityEvent", "DocumentVersion", "VersionSegment"];
  if (url.startsWith("file:")) {
    const { default: Database } = await import("better-sqlite3");
    const db = new Database(url.slice(5), { readonly: true });
    try {
      return JSON.stringify(tables.map((t) => db.prepare(`SELECT * FROM "${t}" ORDER BY "id"`).all()));
    } finally {
      db.close();
    }
  }
  const { default: pg } = await import("pg");
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    const out = [];
    for (const t of tables) out.push((await client.query(`SELECT * FROM "${t}" ORDER BY "id"`)).rows);
    return JSON.stringify(out);
  } finally {
    await client.end();
  }
}

describe("backup and restore", () => {
  it("backs up the live database and restores it into a fresh one with the same contents", async () => {
    const project = await prisma.project.create({ data: { name: "Backup" } });
    const { document } = await importText(prisma, { projectId: project.id, text: "标题\n\n第一段。\n\n第二段。", acceptedJoins: [], origin: "test", actorId: null });
    const segment = await prisma.segment.findFirstOrThrow({ where: { documentId: document.id, position: 1 } });
    await prisma.segment.update({ where: { id: segment.id }, data: { target: "The first paragraph — “quoted” 😀", status: "translated" } });

    const url = process.env.DATABASE_URL!;
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), "duizhao-backup-"));
    const file = path.join(dir, "backup.bin");
    // Through the command line, as an operator would.
    const backup = spawnSync(process.execPath, [path.join(root, "scripts/duizhao.mjs"), "backup", file], { env: { ...process.env, DATABASE_URL: url }, encoding: "utf8" });
    expect(backup.stderr).toBe("");
    expect(backup.stdout).toMatch(/Backed up the (SQLite|PostgreSQL) database/);
    await expect(backupDatabase(file, url)).rejects.toThrow(/already exists/);

    let fresh: string;
    let drop = async () => undefined as void;
    if (url.startsWith("file:")) {
      fresh = `file:${path.join(dir, "restored.db")}`;
    } else {
      const { default: pg } = await import("pg");
      const server = url.slice(0, url.lastIndexOf("/"));
      const name = `duizhao_restore_${randomUUID().slice(0, 8)}`;
      const admin = new pg.Client({ connectionString: `${server}/postgres` });
      await admin.connect();
      await admin.query(`CREATE DATABASE "${name}"`);
      fresh = `${server}/${name}`;
      drop = async () => {
        await admin.query(`DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`);
        await admin.end();
      };
    }
    try {
      const restore = spawnSync(process.execPath, [path.join(root, "scripts/duizhao.mjs"), "restore", file], { env: { ...process.env, DATABASE_URL: fresh }, encoding: "utf8" });
      expect(restore.stderr).toBe("");
      expect(restore.stdout).toMatch(/Restored/);
      expect(await contents(fresh)).toBe(await contents(url));
      expect(await contents(fresh)).toContain("The first paragraph — “quoted” 😀");
      await expect(restoreDatabase(path.join(dir, "missing.bin"), fresh)).rejects.toThrow(/No such backup/);
      fs.writeFileSync(path.join(dir, "junk.bin"), "not a backup");
      await expect(restoreDatabase(path.join(dir, "junk.bin"), fresh)).rejects.toThrow(/is not a/);
    } finally {
      await drop();
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });
});
