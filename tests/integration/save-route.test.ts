/**
 * Issue 18: the editor's save (POST /api/segments/:id/save). On SQLite most saves take the direct
 * path (lib/revisions/sqlite-save.ts), on PostgreSQL pg-save.ts and pg-confirm-save.ts; the rest saveTranslation. Either
 * way the same rows are written and the same answers given: checked here through the route.
 */
import { afterEach, beforeAll, describe, expect, it, vi } from "vitest";
import type { SessionUser } from "@/lib/auth/session";
import type { BusMessage } from "@/lib/events/bus";
import { jsonRequest } from "./requests";

let currentUser: SessionUser | null = null;
vi.mock("@/lib/auth/session", () => ({ getSessionUser: async () => currentUser }));

const { prisma } = await import("@/lib/db");
const { importText } = await import("@/lib/documents/import-document");
const { savedSegmentBody } = await import("@/lib/events/append-event");
const { subscribeDocument } = await import("@/lib/events/publish");
const saveRoute = await import("@/app/api/segments/[segmentId]/save/route");
const { sqliteConnection } = await import("@/lib/db");
const { dialect } = await import("@/lib/db-dialect");

const users: Record<string, SessionUser> = {};
let projectId: string;
let documentId: string;
const segmentIds: string[] = [];

beforeAll(async () => {
  const project = await prisma.project.create({ data: { name: "Save route" } });
  projectId = project.id;
  for (const [name, role] of [["tess", "translator"], ["vic", "viewer"], ["rex", "reviewer"], ["olga", null]] as const) {
    const user = await prisma.user.create({ data: { email: `${name}@save-route.example`, name: name.toUpperCase(), passwordHash: "x" } });
    users[name] = { id: user.id, email: user.email, name: user.name, isAdmin: false };
    if (role) await prisma.membership.create({ data: { projectId, userId: user.id, role } });
  }
  const text = ["标题", ...Array.from({ length: 8 }, (_, i) => `第${i + 1}段。`)].join("\n\n");
  const { document } = await importText(prisma, { projectId, text, acceptedJoins: "all", origin: "test", actorId: null });
  documentId = document.id;
  segmentIds.push(...(await prisma.segment.findMany({ where: { documentId }, orderBy: { position: "asc" }, select: { id: true } })).map((s) => s.id));
});

async function save(as: SessionUser | null, segmentId: string, body: { target: string; baseVersion: number; confirm?: boolean }) {
  currentUser = as;
  const response = await saveRoute.POST(jsonRequest(`http://test/api/segments/${segmentId}/save`, body), { params: Promise.resolve({ segmentId }) });
  return { status: response.status, body: await response.json() };
}

/** Everything a save may write, to check a refused one wrote nothing. */
async function footprint() {
  const [segments, revisions, events, outbox, activity, document] = await Promise.all([
    prisma.segment.findMany({ where: { documentId }, orderBy: { id: "asc" }, select: { id: true, target: true, status: true, version: true, updatedAt: true } }),
    prisma.revision.count({ where: { documentId } }),
    prisma.documentEvent.count({ where: { documentId } }),
    prisma.outboxMessage.count(),
    prisma.activityEvent.count({ where: { documentId } }),
    prisma.document.findUniqueOrThrow({ where: { id: documentId }, select: { status: true, eventSeq: true } }),
  ]);
  return { segments, revisions, events, outbox, activity, document };
}

const lastEvents = (n: number) => prisma.documentEvent.findMany({ where: { documentId }, orderBy: { seq: "desc" }, take: n });

describe("the editor's save", () => {
  it("saves, appends the revision and the live event the editor's other viewers get, and publishes it after the commit", async () => {
    const segmentId = segmentIds[1]!;
    const before = await prisma.segment.findUniqueOrThrow({ where: { id: segmentId } });
    // What saveTranslation's path would have stored as the event body (lib/events/append-event.ts).
    const expected = await savedSegmentBody(documentId, segmentId, { target: "The first paragraph.", status: "draft", version: 2, textChanged: true, actorId: users.tess!.id }, "saved");
    const heard: BusMessage[] = [];
    const stop = subscribeDocument(documentId, (message) => heard.push(message));
    const result = await save(users.tess!, segmentId, { target: "  The first paragraph.\r\n", baseVersion: before.version });
    expect(result).toEqual({ status: 200, body: { segment: { id: segmentId, target: "The first paragraph.", status: "draft", version: 2 }, changed: true } });
    const after = await prisma.segment.findUniqueOrThrow({ where: { id: segmentId } });
    expect(after).toMatchObject({ target: "The first paragraph.", status: "draft", version: 2, machineTranslated: false });
    expect(after.updatedAt.getTime()).toBeGreaterThanOrEqual(before.updatedAt.getTime());
    const revision = await prisma.revision.findFirstOrThrow({ where: { segmentId, version: 2 } });
    expect(revision).toMatchObject({ kind: "edit", source: before.source, target: "The first paragraph.", status: "draft", authorId: users.tess!.id, authorRole: "translator", note: null, documentId });
    expect(Math.abs(revision.createdAt.getTime() - Date.now())).toBeLessThan(60_000);
    const [event] = await lastEvents(1);
    expect(JSON.parse(event!.body)).toEqual(expected);
    expect(event).toMatchObject({ type: "segments.changed", actorId: users.tess!.id });
    // PostgreSQL's bus delivers through LISTEN/NOTIFY: a moment later.
    await vi.waitFor(() => expect(heard.some((m) => m.kind === "event")).toBe(true));
    stop();
    const published = heard.filter((m) => m.kind === "event").map((m) => (m as Extract<BusMessage, { kind: "event" }>).event);
    expect(published).toEqual([expect.objectContaining({ seq: event!.seq, documentId, actor: { id: users.tess!.id, name: "TESS" }, segments: expected.type === "segments.changed" ? expected.segments : [] })]);
  });

  it("a save on a stale version is 409 with the current text and its author, and writes nothing", async () => {
    const segmentId = segmentIds[1]!;
    const before = await footprint();
    const result = await save(users.rex!, segmentId, { target: "Someone else's text.", baseVersion: 1 });
    expect(result.status).toBe(409);
    expect(result.body.conflict).toMatchObject({ id: segmentId, target: "The first paragraph.", status: "draft", version: 2, authorName: "TESS" });
    expect(new Date(result.body.conflict.updatedAt).getTime()).toBe(before.segments.find((s) => s.id === segmentId)!.updatedAt.getTime());
    expect(await footprint()).toEqual(before);
  });

  it("a viewer is refused (403), a non-member and the signed-out too (404, 401), an unknown segment is 404; nothing is written", async () => {
    const segmentId = segmentIds[2]!;
    const before = await footprint();
    expect((await save(users.vic!, segmentId, { target: "Viewer text.", baseVersion: 1 })).status).toBe(403);
    expect((await save(users.olga!, segmentId, { target: "Outsider text.", baseVersion: 1 })).status).toBe(404);
    expect((await save(null, segmentId, { target: "Nobody's text.", baseVersion: 1 })).status).toBe(401);
    expect((await save(users.tess!, "no-such-segment", { target: "Text.", baseVersion: 1 })).status).toBe(404);
    expect(await footprint()).toEqual(before);
  });

  it("a member removed from the project is refused at once", async () => {
    const segmentId = segmentIds[2]!;
    await prisma.membership.create({ data: { projectId, userId: users.olga!.id, role: "translator" } });
    expect((await save(users.olga!, segmentId, { target: "Olga's text.", baseVersion: 1 })).status).toBe(200);
    await prisma.membership.deleteMany({ where: { projectId, userId: users.olga!.id } });
    const before = await footprint();
    expect((await save(users.olga!, segmentId, { target: "Olga again.", baseVersion: 2 })).status).toBe(404);
    expect(await footprint()).toEqual(before);
  });

  it("invalid text is 422 and unchanged text writes nothing", async () => {
    const segmentId = segmentIds[1]!;
    const before = await footprint();
    const invalid = await save(users.tess!, segmentId, { target: "Bell \u0007 here.", baseVersion: 2 });
    expect(invalid).toMatchObject({ status: 422, body: { code: "target-control-characters" } });
    const same = await save(users.tess!, segmentId, { target: "The first paragraph. ", baseVersion: 2 });
    expect(same).toEqual({ status: 200, body: { segment: { id: segmentId, target: "The first paragraph.", status: "draft", version: 2 }, changed: false } });
    expect(await footprint()).toEqual(before);
  });

  it("a translator may not edit an approved segment (403); a reviewer's edit sends it back to translated and queues the webhook of a confirm", async () => {
    const segmentId = segmentIds[3]!;
    await prisma.segment.update({ where: { id: segmentId }, data: { target: "Approved text.", status: "approved", version: 3 } });
    const hook = await prisma.webhook.create({ data: { projectId, url: "https://receiver.example/hook", secret: "s", events: "segment.confirmed,segment.approved" } });
    const before = await footprint();
    expect((await save(users.tess!, segmentId, { target: "Changed by the translator.", baseVersion: 3 })).status).toBe(403);
    expect(await footprint()).toEqual(before);
    const result = await save(users.rex!, segmentId, { target: "Changed by the reviewer.", baseVersion: 3 });
    expect(result.body.segment).toEqual({ id: segmentId, target: "Changed by the reviewer.", status: "translated", version: 4 });
    const deliveries = await prisma.outboxMessage.findMany({ where: { target: hook.id } });
    expect(deliveries).toHaveLength(1);
    expect(deliveries[0]).toMatchObject({ channel: "webhook", kind: "segment.confirmed", status: "pending", orderKey: `${hook.id}:${documentId}`, attempts: 0 });
    expect(JSON.parse(deliveries[0]!.payload)).toMatchObject({ id: deliveries[0]!.id, event: "segment.confirmed", projectId, documentId, data: { segmentIds: [segmentId] } });
    // A draft save is no confirm: no delivery.
    await save(users.rex!, segmentIds[4]!, { target: "Just a draft.", baseVersion: 1 });
    expect(await prisma.outboxMessage.count({ where: { target: hook.id } })).toBe(1);
    await prisma.webhook.delete({ where: { id: hook.id } });
  });

  it("a save to a signed-off document reopens it: the reopened event first, then the save's, and the activity row", async () => {
    await prisma.document.update({ where: { id: documentId }, data: { status: "approved", signedOffAt: new Date(), signedOffById: users.rex!.id } });
    const seq = (await prisma.document.findUniqueOrThrow({ where: { id: documentId } })).eventSeq;
    const heard: BusMessage[] = [];
    const stop = subscribeDocument(documentId, (message) => heard.push(message));
    const result = await save(users.tess!, segmentIds[5]!, { target: "After sign-off.", baseVersion: 1 });
    expect(result.status).toBe(200);
    expect(await prisma.document.findUniqueOrThrow({ where: { id: documentId } })).toMatchObject({ status: "in_progress", signedOffAt: null, signedOffById: null, eventSeq: seq + 2 });
    const [saved, reopened] = await lastEvents(2);
    expect(reopened).toMatchObject({ seq: seq + 1, type: "document.status", actorId: users.tess!.id });
    expect(JSON.parse(reopened!.body)).toEqual({ type: "document.status", action: "reopened", status: "in_progress" });
    expect(saved).toMatchObject({ seq: seq + 2, type: "segments.changed" });
    const activity = await prisma.activityEvent.findFirstOrThrow({ where: { documentId, type: "document.reopened" }, orderBy: { createdAt: "desc" } });
    expect(activity).toMatchObject({ projectId, segmentId: segmentIds[5], actorId: users.tess!.id });
    expect(JSON.parse(activity.data)).toEqual({ cause: "edit" });
    await vi.waitFor(() => expect(heard.filter((m) => m.kind === "event")).toHaveLength(2));
    stop();
    const published = heard.filter((m) => m.kind === "event").map((m) => (m as Extract<BusMessage, { kind: "event" }>).event);
    expect(published.map((e) => [e.seq, e.type])).toEqual([[seq + 1, "document.status"], [seq + 2, "segments.changed"]]);
    // Open again: the next save reopens nothing.
    await save(users.tess!, segmentIds[5]!, { target: "After sign-off, again.", baseVersion: 2 });
    expect((await prisma.document.findUniqueOrThrow({ where: { id: documentId } })).eventSeq).toBe(seq + 3);
  });

  it("a confirm is a save too (with its repetitions' report)", async () => {
    const segmentId = segmentIds[6]!;
    const result = await save(users.tess!, segmentId, { target: "Confirmed.", baseVersion: 1, confirm: true });
    expect(result).toMatchObject({ status: 200, body: { segment: { id: segmentId, target: "Confirmed.", status: "translated", version: 2 }, changed: true } });
    expect(await prisma.revision.findFirstOrThrow({ where: { segmentId, version: 2 } })).toMatchObject({ kind: "edit", status: "translated", authorRole: "translator" });
  });

  it("concurrent saves of one version: exactly one wins, even while another writer's transaction is open", async () => {
    const segmentId = segmentIds[7]!;
    let release!: () => void;
    const held = new Promise<void>((r) => (release = r));
    // An interactive transaction holding the connection (SQLite) while the saves arrive.
    const other = prisma.$transaction(async (tx) => {
      await tx.activityEvent.create({ data: { projectId, documentId, actorId: users.rex!.id, type: "test.hold", data: "{}" } });
      await held;
    });
    await new Promise((r) => setTimeout(r, 50));
    const saves = Promise.all([1, 2, 3, 4].map((n) => save(users.tess!, segmentId, { target: `Racer ${n}.`, baseVersion: 1 })));
    await new Promise((r) => setTimeout(r, 50));
    release();
    await other;
    const results = await saves;
    expect(results.filter((r) => r.status === 200)).toHaveLength(1);
    expect(results.filter((r) => r.status === 409)).toHaveLength(3);
    const winner = results.find((r) => r.status === 200)!.body.segment.target;
    expect(await prisma.segment.findUniqueOrThrow({ where: { id: segmentId } })).toMatchObject({ target: winner, version: 2 });
    expect(await prisma.revision.count({ where: { segmentId } })).toBe(1 + (await prisma.revision.count({ where: { segmentId, version: 1 } })));
    expect(await prisma.activityEvent.count({ where: { type: "test.hold" } })).toBe(1);
  });

  // The direct path (SQLite): its own BEGIN IMMEDIATE on Prisma's connection.
  it.skipIf(dialect !== "sqlite")("a failure after the guarded UPDATE rolls everything back and leaves the connection out of any transaction", async () => {
    const segmentId = segmentIds[8]!;
    const db = (await sqliteConnection())!;
    // A real write failing half-way: the revision INSERT, after the segment's UPDATE ran.
    db.exec(`CREATE TRIGGER "test_refuse_revision" BEFORE INSERT ON "Revision" WHEN NEW."target" = 'Refused half-way.' BEGIN SELECT RAISE(ABORT, 'refused by test'); END`);
    try {
      const before = await footprint();
      await expect(save(users.tess!, segmentId, { target: "Refused half-way.", baseVersion: 1 })).rejects.toThrow(/refused by test/);
      expect(db.inTransaction).toBe(false);
      expect(await footprint()).toEqual(before);
    } finally {
      db.exec(`DROP TRIGGER "test_refuse_revision"`);
    }
    // The connection is usable: the next save (direct) and a Prisma transaction both go through.
    expect((await save(users.tess!, segmentId, { target: "After the failure.", baseVersion: 1 })).status).toBe(200);
    await prisma.$transaction([prisma.activityEvent.create({ data: { projectId, documentId, type: "test.after", data: "{}" } })]);
    expect(await prisma.segment.findUniqueOrThrow({ where: { id: segmentId } })).toMatchObject({ target: "After the failure.", version: 2 });
  });

  it.skipIf(dialect !== "sqlite")("after $disconnect the next save reconnects and prepares its statements on the new connection", async () => {
    const segmentId = segmentIds[8]!;
    const old = (await sqliteConnection())!;
    await prisma.$disconnect();
    expect(old.open).toBe(false);
    const result = await save(users.tess!, segmentId, { target: "After a reconnect.", baseVersion: 2 });
    expect(result).toMatchObject({ status: 200, body: { segment: { target: "After a reconnect.", version: 3 } } });
    const now = (await sqliteConnection())!;
    expect(now).not.toBe(old);
    expect(now.open).toBe(true);
    expect(await prisma.revision.findFirstOrThrow({ where: { segmentId, version: 3 } })).toMatchObject({ target: "After a reconnect.", authorId: users.tess!.id });
    // A connection closed between sqliteConnection() and the save (a $disconnect in that moment): handed over, not a 500.
    const { sqliteSave } = await import("@/lib/revisions/sqlite-save");
    expect(await sqliteSave(old, users.tess!, { segmentId, target: "On a closed connection.", baseVersion: 3, confirm: false })).toEqual({ kind: "slow", authorized: null });
  });
});

describe("what the proxy answered before it left the save route out (proxy.ts, issue 18)", () => {
  const upload = process.env.DUIZHAO_MAX_UPLOAD_MB;
  afterEach(() => {
    if (upload === undefined) delete process.env.DUIZHAO_MAX_UPLOAD_MB;
    else process.env.DUIZHAO_MAX_UPLOAD_MB = upload;
  });

  it("signed out: 401 JSON", async () => {
    const result = await save(null, segmentIds[3]!, { target: "Nobody's text.", baseVersion: 1 });
    expect(result).toEqual({ status: 401, body: { error: "Please sign in.", code: "sign-in-required" } });
  });

  it("a body over the limit is 413 with the limit named, whether its length is declared or it streams past the limit; nothing is written", async () => {
    process.env.DUIZHAO_MAX_UPLOAD_MB = "0.5"; // the server reads 2.5 MiB at most
    const { maxRequestBytes } = await import("@/lib/config/limits");
    const segmentId = segmentIds[3]!;
    const url = `http://test/api/segments/${segmentId}/save`;
    const params = { params: Promise.resolve({ segmentId }) };
    const before = await footprint();
    currentUser = users.tess!;
    const declared = await saveRoute.POST(jsonRequest(url, { target: "Declared too long.", baseVersion: 1 }, "POST", { "content-length": String(maxRequestBytes() + 1) }), params);
    expect(declared.status).toBe(413);
    expect(await declared.json()).toEqual({ error: "The request is larger than the server accepts: uploads are limited to 1 MB (DUIZHAO_MAX_UPLOAD_MB).", code: "too-large" });
    // No length: valid JSON that goes on past the limit (a long run of spaces before the end).
    const head = new TextEncoder().encode('{"target":"Streamed.","baseVersion":1');
    const padding = new Uint8Array(256 * 1024).fill(0x20);
    let sent = 0;
    const body = new ReadableStream<Uint8Array>({
      pull(controller) {
        if (sent === 0) controller.enqueue(head);
        if (sent > maxRequestBytes()) {
          controller.enqueue(new TextEncoder().encode("}"));
          return controller.close();
        }
        sent += padding.length;
        controller.enqueue(padding);
      },
    });
    const streamed = new Request(url, { method: "POST", headers: { "content-type": "application/json", origin: "http://test", "sec-fetch-site": "same-origin" }, body, duplex: "half" } as RequestInit);
    const refused = await saveRoute.POST(streamed, params);
    expect(refused.status).toBe(413);
    expect(await refused.json()).toMatchObject({ code: "too-large" });
    expect(await footprint()).toEqual(before);
  });
});

