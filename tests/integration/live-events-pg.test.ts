/**
 * The PostgreSQL bus (LISTEN/NOTIFY): an event published through one instance's bus reaches the
 * listeners of another, large events travel by reference and are read back from the database,
 * and a save's event on one instance reaches the other. Runs in the PostgreSQL pass of the suite
 * (DUIZHAO_TEST_DB=postgresql); skipped on SQLite, where the bus is in-process.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { dialect } from "@/lib/db-dialect";
import { prisma } from "@/lib/db";
import { importText } from "@/lib/documents/import-document";
import { PgBus, type BusMessage } from "@/lib/events/bus";
import type { DocumentEvent } from "@/lib/events/event-types";
import { storedEvent } from "@/lib/events/replay";
import { saveSegment } from "@/lib/revisions/save-segment";
import { saveTranslation } from "@/lib/revisions/save-translation";

const pg = dialect === "postgresql";

describe.runIf(pg)("the LISTEN/NOTIFY bus across two instances", () => {
  let a: PgBus;
  let b: PgBus;
  let documentId: string;
  let segmentId: string;
  let actorId: string;

  beforeAll(async () => {
    a = new PgBus(process.env.DATABASE_URL!, storedEvent);
    b = new PgBus(process.env.DATABASE_URL!, storedEvent);
    await Promise.all([a.ready(), b.ready()]);
    const project = await prisma.project.create({ data: { name: "PG bus" } });
    actorId = (await prisma.user.create({ data: { email: "pg@bus.example", name: "Pat", passwordHash: "x" } })).id;
    ({ document: { id: documentId } } = await importText(prisma, { projectId: project.id, text: "第一段。\n\n第二段。", acceptedJoins: [], origin: "test", actorId: null }));
    segmentId = (await prisma.segment.findFirstOrThrow({ where: { documentId }, orderBy: { position: "asc" } })).id;
  });
  afterAll(async () => {
    await a?.close();
    await b?.close();
  });

  // NOTIFYs arrive asynchronously: one from an earlier test may still be on its way, so a test
  // can name the message it waits for.
  const next = (bus: PgBus, kind: BusMessage["kind"], wanted: (m: BusMessage) => boolean = () => true) =>
    new Promise<BusMessage>((resolve, reject) => {
      const timer = setTimeout(() => reject(new Error(`no ${kind} within 5 s`)), 5_000);
      const stop = bus.subscribe(documentId, (m) => {
        if (m.kind !== kind || !wanted(m)) return;
        clearTimeout(timer);
        stop();
        resolve(m);
      });
    });

  it("delivers a presence change published on one instance to the other", async () => {
    const heard = next(b, "presence");
    await a.publish({ kind: "presence", event: { type: "presence", documentId, users: [{ userId: actorId, name: "Pat", segmentId }] } });
    expect(await heard).toMatchObject({ event: { users: [{ name: "Pat" }] } });
  });

  it("sends an event too large for a NOTIFY by reference, read back from the database", async () => {
    await saveTranslation({ segmentId, target: "长".repeat(3_000) + " long text.", baseVersion: 1, confirm: false, actorId });
    const stored = (await storedEvent(documentId, (await prisma.document.findUniqueOrThrow({ where: { id: documentId } })).eventSeq))!;
    expect(Buffer.byteLength(JSON.stringify(stored))).toBeGreaterThan(8_000);
    const heard = next(b, "event");
    await a.publish({ kind: "event", event: stored });
    const event = ((await heard) as { event: DocumentEvent }).event;
    expect(event).toEqual(stored);
  });

  it("a save on one instance reaches the other instance's listeners (the app's own bus publishes)", async () => {
    const heard = next(b, "event", (m) => m.kind === "event" && m.event.type === "segments.changed" && m.event.segments.some((s) => s.target === "Short."));
    await saveTranslation({ segmentId, target: "Short.", baseVersion: 2, confirm: false, actorId });
    expect(await heard).toMatchObject({ event: { type: "segments.changed", segments: [{ id: segmentId, target: "Short.", version: 3 }] } });
  });

  it("a save on the direct path (lib/revisions/pg-save.ts) reaches the other instance's listeners, the actor named; a large one by reference", async () => {
    await prisma.membership.create({ data: { projectId: (await prisma.document.findUniqueOrThrow({ where: { id: documentId } })).projectId, userId: actorId, role: "translator" } });
    const user = { id: actorId, email: "pg@bus.example", name: "Pat", isAdmin: false };
    const [, second] = await prisma.segment.findMany({ where: { documentId }, orderBy: { position: "asc" } });
    for (const target of ["Direct.", "长".repeat(3_000) + " direct."]) {
      const heard = next(b, "event", (m) => m.kind === "event" && m.event.type === "segments.changed" && m.event.segments.some((s) => s.target === target));
      const version = (await prisma.segment.findUniqueOrThrow({ where: { id: second!.id } })).version;
      expect(await saveSegment(user, { segmentId: second!.id, target, baseVersion: version, confirm: false })).toMatchObject({ kind: "saved" });
      const event = ((await heard) as { event: DocumentEvent }).event;
      expect(event).toMatchObject({ actor: { id: actorId, name: "Pat" }, segments: [{ id: second!.id, target, version: version + 1 }] });
      expect(event).toEqual(await storedEvent(documentId, event.seq));
    }
  });

  it("orders concurrent saves' seqs by commit (gapless under the row lock)", async () => {
    const ids = (await prisma.segment.findMany({ where: { documentId }, select: { id: true, version: true } }));
    const before = (await prisma.document.findUniqueOrThrow({ where: { id: documentId } })).eventSeq;
    await Promise.all(ids.map((s, i) => saveTranslation({ segmentId: s.id, target: `Concurrent ${i}.`, baseVersion: s.version, confirm: false, actorId })));
    const seqs = (await prisma.documentEvent.findMany({ where: { documentId, seq: { gt: before } }, orderBy: { seq: "asc" } })).map((e) => e.seq);
    expect(seqs).toEqual(ids.map((_, i) => before + i + 1));
  });
});

describe.runIf(!pg)("the LISTEN/NOTIFY bus", () => {
  it("is tested in the PostgreSQL pass (DUIZHAO_TEST_DB=postgresql)", () => {
    expect(dialect).toBe("sqlite");
  });
});
