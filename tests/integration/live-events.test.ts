import { afterEach, beforeAll, describe, expect, it, vi } from "vitest";
import type { SessionUser } from "@/lib/auth/session";
import { prisma } from "@/lib/db";
import { dialect } from "@/lib/db-dialect";
import { importText } from "@/lib/documents/import-document";
import { REPLAY_LIMIT, SNAPSHOT_LIMIT, type DocumentEvent } from "@/lib/events/event-types";
import { removeMember } from "@/lib/projects/membership-service";
import { saveTranslation } from "@/lib/revisions/save-translation";
import { endSession, startSession } from "@/lib/auth/sessions";
import { readSse } from "../support/live-stream";

let currentUser: SessionUser | null = null;
vi.mock("@/lib/auth/session", () => ({ getSessionUser: async () => currentUser }));

const { GET } = await import("@/app/api/documents/[documentId]/events/route");

let projectId: string;
let documentId: string;
let segmentIds: string[];
let ann: SessionUser;
let bo: SessionUser;

const open: { cancel(): Promise<void> }[] = [];
afterEach(async () => {
  for (const s of open.splice(0)) await s.cancel();
});

async function connect(user: SessionUser, headers: Record<string, string> = {}, query = "") {
  currentUser = user;
  const controller = new AbortController();
  const response = await GET(new Request(`http://test/api/documents/${documentId}/events${query}`, { headers, signal: controller.signal }), { params: Promise.resolve({ documentId }) });
  expect(response.status).toBe(200);
  expect(response.headers.get("content-type")).toMatch(/^text\/event-stream/);
  const stream = readSse(response.body!);
  const handle = { ...stream, abort: () => controller.abort(), cancel: async () => (controller.abort(), await stream.cancel()) };
  open.push(handle);
  return handle;
}

async function user(name: string, role: string): Promise<SessionUser> {
  const row = await prisma.user.create({ data: { email: `${name}@live.example`, name, passwordHash: "x" } });
  await prisma.membership.create({ data: { projectId, userId: row.id, role } });
  return { id: row.id, email: row.email, name, isAdmin: false };
}

const seqOf = async () => (await prisma.document.findUniqueOrThrow({ where: { id: documentId } })).eventSeq;
const versionOf = async (id: string) => (await prisma.segment.findUniqueOrThrow({ where: { id } })).version;

beforeAll(async () => {
  projectId = (await prisma.project.create({ data: { name: "Live" } })).id;
  ann = await user("Ann", "translator");
  bo = await user("Bo", "reviewer");
  const text = Array.from({ length: 60 }, (_, i) => `第${i + 1}段的内容在这里。`).join("\n\n");
  const { document } = await importText(prisma, { projectId, text, acceptedJoins: "all", origin: "test", actorId: null });
  documentId = document.id;
  segmentIds = (await prisma.segment.findMany({ where: { documentId }, orderBy: { position: "asc" }, select: { id: true } })).map((s) => s.id);
});

describe("the document event stream", () => {
  it("sends presence on connect, then another's save with the segment's new state and its author", async () => {
    const stream = await connect(bo);
    await stream.next("presence");
    const id = segmentIds[0]!;
    const outcome = await saveTranslation({ segmentId: id, target: "Paragraph one.", baseVersion: await versionOf(id), confirm: false, actorId: ann.id });
    expect(outcome.kind).toBe("saved");
    const message = await stream.next("segments.changed");
    const event = message.data as DocumentEvent & { type: "segments.changed" };
    expect(message.id).toBe(String(event.seq));
    expect(event).toMatchObject({ documentId, reason: "saved", actor: { id: ann.id, name: "Ann" } });
    expect(event.segments).toEqual([expect.objectContaining({ id, target: "Paragraph one.", status: "draft", version: 2, comments: 0, openIssues: 0, machineTranslated: false })]);
    expect(event.seq).toBe(await seqOf());
  });

  it("numbers events without gaps or repeats under concurrent saves", async () => {
    const stream = await connect(bo);
    const before = await seqOf();
    const ids = segmentIds.slice(1, 21);
    const outcomes = await Promise.all(ids.map(async (id, i) => saveTranslation({ segmentId: id, target: `Text ${i}.`, baseVersion: await versionOf(id), confirm: i % 2 === 0, actorId: ann.id })));
    expect(outcomes.every((o) => o.kind === "saved")).toBe(true);
    const seqs: number[] = [];
    while (seqs.length < ids.length) seqs.push(Number((await stream.next("segments.changed")).id));
    expect(seqs).toEqual(ids.map((_, i) => before + i + 1));
    const stored = await prisma.documentEvent.findMany({ where: { documentId, seq: { gt: before } }, orderBy: { seq: "asc" } });
    expect(stored.map((e) => e.seq)).toEqual(seqs);
  });

  it("replays what a reconnecting client missed after its Last-Event-ID, then goes on live", async () => {
    const from = await seqOf();
    for (const id of segmentIds.slice(21, 24)) await saveTranslation({ segmentId: id, target: "Missed.", baseVersion: await versionOf(id), confirm: false, actorId: ann.id });
    const stream = await connect(bo, { "last-event-id": String(from) });
    const replayed = [await stream.next("segments.changed"), await stream.next("segments.changed"), await stream.next("segments.changed")];
    expect(replayed.map((m) => Number(m.id))).toEqual([from + 1, from + 2, from + 3]);
    const id = segmentIds[24]!;
    await saveTranslation({ segmentId: id, target: "Live again.", baseVersion: await versionOf(id), confirm: false, actorId: ann.id });
    expect(Number((await stream.next("segments.changed")).id)).toBe(from + 4);
  });

  it("sends a resync naming the changed segments to a client away for more than REPLAY_LIMIT events", async () => {
    const from = await seqOf();
    const id = segmentIds[25]!;
    // More events than a replay carries (appended directly: a comment each would take minutes).
    const { appendDocumentEvent } = await import("@/lib/events/append-event");
    await prisma.$transaction(async (tx) => {
      for (let i = 0; i <= REPLAY_LIMIT; i++) {
        await appendDocumentEvent(tx, documentId, bo.id, { type: "comment.changed", action: "added", segmentId: id, commentId: `c${i}`, comments: i + 1, openIssues: 0 });
      }
    }, { timeout: 60_000 });
    const stream = await connect(bo, {}, `?after=${from}`);
    const message = await stream.next("resync");
    expect(message.data).toMatchObject({ type: "resync", documentId, seq: await seqOf(), segmentIds: [id], all: false });
    expect(message.id).toBe(String(await seqOf()));
  });

  it("asks for a full reload when the events a client missed were pruned", async () => {
    await prisma.documentEvent.deleteMany({ where: { documentId, seq: { lte: 2 } } });
    const stream = await connect(bo, {}, "?after=0");
    expect((await stream.next("resync")).data).toMatchObject({ all: true });
  });

  it("resyncs everything for a client ahead of the database (its last events lost in a crash, or a restored backup)", async () => {
    const seq = await seqOf();
    const stream = await connect(bo, {}, `?after=${seq + 5}`);
    const message = await stream.next("resync");
    expect(message.data).toMatchObject({ type: "resync", documentId, seq, all: true });
    // From there the stream counts on from the database's seq: the next event is sent, not taken for a repeat.
    const id = segmentIds[25]!;
    await saveTranslation({ segmentId: id, target: "After the resync.", baseVersion: await versionOf(id), confirm: false, actorId: ann.id });
    expect((await stream.next("segments.changed")).data).toMatchObject({ seq: seq + 1, segments: [{ id, target: "After the resync." }] });
  });

  it("closes the stream of a viewer removed from the project, at once", async () => {
    const cy = await user("Cy", "viewer");
    const stream = await connect(cy);
    await stream.next("presence");
    const membership = await prisma.membership.findFirstOrThrow({ where: { projectId, userId: cy.id } });
    await removeMember(membership, ann.id);
    // Told why before the end, so the page stops reconnecting.
    expect((await stream.next("ended")).data).toEqual({ type: "ended", documentId, reason: "noAccess" });
    await stream.closed;
    expect(stream.isEnded()).toBe(true);
    // Nothing after the removal reached it.
    const id = segmentIds[26]!;
    await saveTranslation({ segmentId: id, target: "Secret.", baseVersion: await versionOf(id), confirm: false, actorId: ann.id });
    expect(stream.pending().filter((m) => m.event !== "presence")).toEqual([]);
  });

  it("closes the stream of a session that signed out", async () => {
    const sessionId = await startSession(bo.id);
    const stream = await connect({ ...bo, sessionId });
    await stream.next("presence");
    await endSession(sessionId);
    const ended = await stream.next("ended");
    expect(ended).toEqual({ id: null, event: "ended", data: { type: "ended", documentId, reason: "signedOut" } });
    await stream.closed;
    expect(stream.isEnded()).toBe(true);
  });

  it("answers an event-stream client that is signed out or shut out with 200 and one `ended` message, then the end (EventSource cannot read a 401/403)", async () => {
    const params = { params: Promise.resolve({ documentId }) };
    const asBrowser = { accept: "text/event-stream", "last-event-id": "3" };
    const answer = async () => {
      const response = await GET(new Request(`http://test/api/documents/${documentId}/events`, { headers: asBrowser }), params);
      expect(response.status).toBe(200);
      expect(response.headers.get("content-type")).toMatch(/^text\/event-stream/);
      return response.text();
    };
    const ended = (reason: string) => `event: ended\ndata: ${JSON.stringify({ type: "ended", documentId, reason })}\n\n`;
    // No session at all (signed out everywhere, password changed, expired: the cookie no longer names a session).
    currentUser = null;
    expect(await answer()).toBe(ended("signedOut"));
    // Removed from the project (a stranger now): told so, never a 404 the page cannot read.
    const stranger = await prisma.user.create({ data: { email: "gone@live.example", name: "Gone", passwordHash: "x" } });
    currentUser = { id: stranger.id, email: stranger.email, name: "Gone", isAdmin: false };
    expect(await answer()).toBe(ended("noAccess"));
    // Other clients keep the statuses (401 JSON for no session, 404 for a stranger).
    currentUser = null;
    const plain = await GET(new Request(`http://test/api/documents/${documentId}/events`), params);
    expect(plain.status).toBe(401);
    expect((await plain.json()).code).toBe("sign-in-required");
  });

  it("ends the stream of a session that ran out with `signedOut` at the next re-check", async () => {
    const dee = await user("Dee", "translator");
    const sessionId = await startSession(dee.id);
    const stream = await connect({ ...dee, sessionId });
    await stream.next("presence");
    await prisma.userSession.update({ where: { id: sessionId }, data: { expiresAt: new Date(Date.now() - 1_000) } });
    const { publishAccessChange } = await import("@/lib/events/publish");
    await publishAccessChange({ userId: dee.id });
    expect((await stream.next("ended")).data).toMatchObject({ reason: "signedOut" });
    await stream.closed;
  });

  it("many open editors of a document share one rights query per re-check, and a removed one among them is still shut out", async () => {
    const { publishAccessChange } = await import("@/lib/events/publish");
    const team = await Promise.all(Array.from({ length: 12 }, (_, i) => user(`Crowd${i}`, "translator")));
    const streams = [];
    for (const member of team) {
      const stream = await connect(member);
      await stream.next("presence");
      streams.push(stream);
    }
    const gone = await prisma.membership.findFirstOrThrow({ where: { projectId, userId: team[0]!.id } });
    await prisma.membership.delete({ where: { id: gone.id } }); // unannounced, then announced below
    const findMany = vi.spyOn(prisma.user, "findMany");
    try {
      await publishAccessChange({ projectId });
      await streams[0]!.closed;
      // Every stream re-checked at once: one query answered all twelve.
      expect(findMany).toHaveBeenCalledTimes(1);
    } finally {
      findMany.mockRestore();
    }
    const id = segmentIds[29]!;
    await saveTranslation({ segmentId: id, target: "For the eleven.", baseVersion: await versionOf(id), confirm: false, actorId: ann.id });
    for (const stream of streams.slice(1)) expect((await stream.next("segments.changed")).data).toMatchObject({ segments: [expect.objectContaining({ id, target: "For the eleven." })] });
    expect(streams[0]!.pending().filter((m) => m.event === "segments.changed")).toEqual([]);
  });

  it("closes it when signing out through next-auth (its signOut event), and on 'sign out everywhere' — only that person's", async () => {
    const { authOptions } = await import("@/lib/auth/options");
    const { endAllSessions } = await import("@/lib/auth/sessions");
    const signedOut = await startSession(bo.id);
    const kept = await startSession(ann.id);
    const everywhere = await startSession(bo.id);
    const [first, other, second] = [await connect({ ...bo, sessionId: signedOut }), await connect({ ...ann, sessionId: kept }), await connect({ ...bo, sessionId: everywhere })];
    for (const s of [first, other, second]) await s.next("presence");
    await authOptions.events!.signOut!({ token: { sid: signedOut }, session: null as never });
    await first.closed;
    expect(second.isEnded()).toBe(false);
    await endAllSessions(bo.id);
    await second.closed;
    // Ann's stream stays open and still gets events.
    expect(other.isEnded()).toBe(false);
    const id = segmentIds[27]!;
    await saveTranslation({ segmentId: id, target: "Still heard.", baseVersion: await versionOf(id), confirm: false, actorId: bo.id });
    expect((await other.next("segments.changed")).data).toMatchObject({ segments: [{ id, target: "Still heard." }] });
  });

  it("refuses strangers and malformed ids", async () => {
    const stranger = await prisma.user.create({ data: { email: "x@live.example", name: "X", passwordHash: "x" } });
    currentUser = { id: stranger.id, email: stranger.email, name: "X", isAdmin: false };
    const params = { params: Promise.resolve({ documentId }) };
    expect((await GET(new Request(`http://test/api/documents/${documentId}/events`), params)).status).toBe(404);
    currentUser = null;
    expect((await GET(new Request(`http://test/api/documents/${documentId}/events`), params)).status).toBe(401);
    currentUser = bo;
    expect((await GET(new Request(`http://test/api/documents/${documentId}/events`, { headers: { "last-event-id": "x1" } }), params)).status).toBe(400);
  });

  it("stops listening when the client goes away (no subscription left behind)", async () => {
    const { bus } = await import("@/lib/events/publish");
    const count = () => (bus() as unknown as { fanout: { listenerCount(id: string): number } }).fanout.listenerCount(documentId);
    const { openStreamCount } = await import("@/lib/events/open-streams");
    const before = count();
    const streamsBefore = openStreamCount();
    const stream = await connect(bo);
    await stream.next("presence");
    expect(count()).toBe(before + 1);
    expect(openStreamCount()).toBe(streamsBefore + 1);
    stream.abort();
    await stream.closed;
    expect(count()).toBe(before);
    expect(openStreamCount()).toBe(streamsBefore);
  });

  // On PostgreSQL the bus carries events by reference (NOTIFY holds 8,000 bytes) and each stream reads
  // them from the database, so these made-up 100 KB events would never reach it; the back-pressure
  // code in lib/events/stream.ts is the same for both buses.
  it.skipIf(dialect === "postgresql")("drops a client that does not read once more than MAX_QUEUED_BYTES wait for it (it reconnects and is replayed)", async () => {
    const { openDocumentStream, MAX_QUEUED_BYTES } = await import("@/lib/events/stream");
    const { bus } = await import("@/lib/events/publish");
    const { openStreamCount } = await import("@/lib/events/open-streams");
    const listeners = () => (bus() as unknown as { fanout: { listenerCount(id: string): number } }).fanout.listenerCount(documentId);
    const [streamsBefore, listenersBefore] = [openStreamCount(), listeners()];
    const controller = new AbortController();
    // Opened and never read.
    const body = openDocumentStream({ documentId, projectId, userId: bo.id, sessionId: null, after: null, signal: controller.signal });
    expect(openStreamCount()).toBe(streamsBefore + 1);
    const seq = await seqOf();
    const big = "x".repeat(100_000);
    const count = Math.ceil(MAX_QUEUED_BYTES / big.length) + 1;
    // Events as the bus carries them (after the stream's own start-up, which handles messages in order).
    for (let i = 1; i <= count; i++) {
      await bus().publish({ kind: "event", event: { type: "comment.changed", action: "added", segmentId: segmentIds[0]!, commentId: big, comments: i, openIssues: 0, documentId, seq: seq + i, actor: null, at: new Date().toISOString() } });
    }
    await vi.waitFor(() => expect(openStreamCount()).toBe(streamsBefore), { timeout: 5_000 });
    expect(listeners()).toBe(listenersBefore);
    // Dropped, not closed: the half megabyte queued for it is let go at once instead of waiting
    // for a reader that may never come (the server destroys the connection; a client gone, not a failure).
    await expect(body.getReader().read()).rejects.toMatchObject({ name: "AbortError" });
    controller.abort();
  });

  it("sends segment ids instead of snapshots beyond SNAPSHOT_LIMIT", async () => {
    const { appendSegmentsChanged } = await import("@/lib/events/append-event");
    const ids = segmentIds.slice(0, SNAPSHOT_LIMIT + 1);
    const [event] = await prisma.$transaction((tx) => appendSegmentsChanged(tx, documentId, ann.id, "pretranslated", ids));
    expect(event).toMatchObject({ type: "segments.stale", segmentIds: ids });
  });
});
