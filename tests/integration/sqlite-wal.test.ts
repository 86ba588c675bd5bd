/**
 * Issue 18: the server's SQLite log kept off the event loop (lib/sqlite-wal.ts) — WAL checkpoints
 * in a worker thread instead of inside the COMMIT of whichever request crossed SQLite's 1,000-page
 * mark, and the log's fsync shared by the writes waiting for it (a group commit on libuv's thread
 * pool) instead of one per COMMIT on the event loop — with acknowledged writes as durable as at
 * synchronous = FULL.
 */
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import Database from "better-sqlite3";
import { afterAll, describe, expect, it, vi } from "vitest";
import { dialect } from "@/lib/db-dialect";
import { prisma, sqliteConnection } from "@/lib/db";
import { jsonRouteAnswer } from "@/lib/http/json-route";
import { JsonAnswer } from "@/lib/http/json-answer";
import { startSqliteWalWorker, walDurable, walSyncCount } from "@/lib/sqlite-wal";
import { z } from "zod";

const onSqlite = dialect === "sqlite";
const pause = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));
const pragma = (db: Database.Database, name: string) => Number(db.pragma(name, { simple: true }));

afterAll(async () => {
  await prisma.$disconnect();
});

function scratchDatabase(): { db: Database.Database; remove: () => void } {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), "duizhao-wal-"));
  const db = new Database(path.join(dir, "scratch.db"));
  db.pragma("journal_mode = WAL");
  db.pragma("synchronous = FULL");
  db.exec(`CREATE TABLE "Scratch" ("id" INTEGER PRIMARY KEY, "data" BLOB)`);
  return {
    db,
    remove: () => {
      db.close();
      fs.rmSync(dir, { recursive: true, force: true });
    },
  };
}

describe.skipIf(!onSqlite)("SQLite durability and checkpoints", () => {
  it("the app's connection syncs the log at every commit on its own (synchronous = FULL)", async () => {
    const db = (await sqliteConnection())!;
    expect(db.pragma("journal_mode", { simple: true })).toBe("wal");
    expect(pragma(db, "synchronous")).toBe(2);
    expect(pragma(db, "wal_autocheckpoint")).toBe(1000);
  });

  it("a worker copies the log back while the connection's own commits never checkpoint", async () => {
    const db = (await sqliteConnection())!;
    const worker = (await startSqliteWalWorker(db, { intervalMs: 20 }))!;
    try {
      expect(pragma(db, "wal_autocheckpoint")).toBe(0);
      expect(pragma(db, "synchronous")).toBe(1);
      db.exec(`CREATE TABLE "CheckpointScratch" ("id" INTEGER PRIMARY KEY, "data" BLOB)`);
      const insert = db.prepare(`INSERT INTO "CheckpointScratch" ("data") VALUES (?)`);
      const page = Buffer.alloc(4000, 7);
      // 3,000 pages written in 30 commits, with pauses as between saves: three times SQLite's mark.
      for (let batch = 0; batch < 30; batch++) {
        db.transaction(() => {
          for (let i = 0; i < 100; i++) insert.run(page);
        })();
        await pause(30);
      }
      await pause(100);
      const stats = await worker.stats();
      expect(stats.frames).toBeGreaterThanOrEqual(3_000);
      expect(stats.checkpoints).toBeGreaterThan(1);
      // Copied back and restarted from the beginning: the log holds far less than was written.
      const [state] = db.pragma("wal_checkpoint(PASSIVE)") as { log: number; checkpointed: number }[];
      expect(Number(state!.log) - Number(state!.checkpointed)).toBeLessThan(200);
      expect(fs.statSync(`${db.name}-wal`).size).toBeLessThan(3_000 * 4096);
    } finally {
      await worker.stop();
      db.exec(`DROP TABLE IF EXISTS "CheckpointScratch"`);
    }
    // Without the worker, the connection syncs and checkpoints by itself again.
    expect(pragma(db, "wal_autocheckpoint")).toBe(1000);
    expect(pragma(db, "synchronous")).toBe(2);
  });

  it("a write is acknowledged only after one fdatasync of the log, shared by the writes waiting with it", async () => {
    const { db, remove } = scratchDatabase();
    const worker = (await startSqliteWalWorker(db, { intervalMs: 1_000_000 }))!;
    const release: (() => void)[] = [];
    const synced: number[] = [];
    const fdatasync = vi.spyOn(fs, "fdatasync").mockImplementation(((fd: number, callback: (error: NodeJS.ErrnoException | null) => void) => {
      synced.push(fs.fstatSync(fd).ino);
      release.push(() => callback(null));
    }) as typeof fs.fdatasync);
    try {
      const before = walSyncCount();
      db.prepare(`INSERT INTO "Scratch" ("data") VALUES (?)`).run(Buffer.alloc(100));
      const order: string[] = [];
      const first = walDurable().then(() => order.push("first"));
      // Committed while the first sync runs: they wait for a second one, together.
      const second = walDurable().then(() => order.push("second"));
      const third = walDurable().then(() => order.push("third"));
      await pause(10);
      expect(order).toEqual([]);
      expect(release).toHaveLength(1);
      release.shift()!();
      await first;
      await pause(10);
      expect(order).toEqual(["first"]);
      expect(release).toHaveLength(1);
      release.shift()!();
      await Promise.all([second, third]);
      expect(order).toEqual(["first", "second", "third"]);
      expect(walSyncCount() - before).toBe(2);
      // The log's own file.
      expect(synced).toEqual([fs.statSync(`${db.name}-wal`).ino, fs.statSync(`${db.name}-wal`).ino]);
    } finally {
      fdatasync.mockRestore();
      await worker.stop();
      remove();
    }
  });

  it("a JSON route answers only after what it wrote is synced", async () => {
    const { db, remove } = scratchDatabase();
    const worker = (await startSqliteWalWorker(db, { intervalMs: 1_000_000 }))!;
    const release: (() => void)[] = [];
    const fdatasync = vi.spyOn(fs, "fdatasync").mockImplementation(((_fd: number, callback: (error: NodeJS.ErrnoException | null) => void) => {
      release.push(() => callback(null));
    }) as typeof fs.fdatasync);
    try {
      const head = { url: "http://localhost:3000/api/x", method: "POST", headers: new Headers({ origin: "http://localhost:3000", host: "localhost:3000", "content-type": "application/json" }) };
      let answered = false;
      const answer = jsonRouteAnswer(
        head,
        async () => ({ json: { text: "hello" } }),
        z.object({ text: z.string() }),
        async (_user, body) => {
          db.prepare(`INSERT INTO "Scratch" ("data") VALUES (?)`).run(Buffer.from(body.text));
          return { ok: true };
        },
        async () => ({ id: "u1", email: "a@b.c", name: "A", isAdmin: false, locale: "en" }) as never,
      ).then((result) => {
        answered = true;
        return result;
      });
      await pause(20);
      expect(answered).toBe(false);
      expect(release).toHaveLength(1);
      release.shift()!();
      const result = await answer;
      expect(result).toBeInstanceOf(JsonAnswer);
      expect((result as JsonAnswer).status).toBe(200);
    } finally {
      fdatasync.mockRestore();
      await worker.stop();
      remove();
    }
  });

  it("without the worker a write needs no extra sync (the connection's FULL commit made it durable)", async () => {
    const before = walSyncCount();
    await walDurable();
    expect(walSyncCount()).toBe(before);
  });

  it("a database the worker cannot open leaves the connection syncing and checkpointing itself", async () => {
    const { db, remove } = scratchDatabase();
    try {
      fs.rmSync(db.name);
      await expect(startSqliteWalWorker(db)).rejects.toThrow();
      expect(pragma(db, "wal_autocheckpoint")).toBe(1000);
      expect(pragma(db, "synchronous")).toBe(2);
    } finally {
      remove();
    }
  });

  it("an in-memory database needs no worker", async () => {
    const db = new Database(":memory:");
    expect(await startSqliteWalWorker(db)).toBeNull();
    db.close();
  });
});
