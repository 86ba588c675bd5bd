/**
 * Issue 18: the editor's save has a direct path — lib/revisions/sqlite-save.ts on SQLite,
 * lib/revisions/pg-save.ts (one statement) on PostgreSQL — and the Prisma path it hands over to
 * (authorizeSegment + saveTranslation, what every save took before). Here the two run side by
 * side on twin documents (the same import, the same project, the same webhooks): the same saves
 * must give the same answers and leave the same rows, events and deliveries behind. Then many
 * saves race on the direct path: one winner per version, no update lost.
 */
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import pg from "pg";
import { AccessDenied, authorizeSegment } from "@/lib/auth/access";
import { encodeSessionToken } from "@/lib/auth/jwt";
import { PendingSession, type Signed } from "@/lib/auth/pending-session";
import { authSecret } from "@/lib/auth/secret";
import { sessionOrPendingOf, type SessionUser } from "@/lib/auth/session";
import { endSession, startSession } from "@/lib/auth/sessions";
import { pgPool, prisma } from "@/lib/db";
import { dialect } from "@/lib/db-dialect";
import { importText } from "@/lib/documents/import-document";
import type { BusMessage } from "@/lib/events/bus";
import { bus, subscribeDocument } from "@/lib/events/publish";
import { storedEvent } from "@/lib/events/replay";
import { FLUSH_STATEMENT } from "@/lib/revisions/pg-durable-commit";
import { saveSegment } from "@/lib/revisions/save-segment";
import { saveTranslation, type SaveOutcome } from "@/lib/revisions/save-translation";
import type { SegmentSave } from "@/lib/revisions/sqlite-save";

interface Twin {
  id: string;
  segmentIds: string[];
  heard: BusMessage[];
}

const users: Record<string, SessionUser> = {};
let projectId: string;
let fourEyesProjectId: string;
const stops: (() => void)[] = [];

const SIGNED_OFF_AT = new Date("2026-11-30T12:00:00.000Z");
const TEXT = ["标题", ...Array.from({ length: 11 }, (_, i) => `第${i + 1}段。`)].join("\n\n");

async function twinDocument(project: string): Promise<Twin> {
  const { document } = await importText(prisma, { projectId: project, text: TEXT, acceptedJoins: "all", origin: "test", actorId: null });
  const segmentIds = (await prisma.segment.findMany({ where: { documentId: document.id }, orderBy: { position: "asc" }, select: { id: true } })).map((s) => s.id);
  const twin: Twin = { id: document.id, segmentIds, heard: [] };
  stops.push(subscribeDocument(document.id, (message) => twin.heard.push(message)));
  return twin;
}

beforeAll(async () => {
  projectId = (await prisma.project.create({ data: { name: "Save paths" } })).id;
  fourEyesProjectId = (await prisma.project.create({ data: { name: "Save paths, four eyes", fourEyes: true } })).id;
  for (const [name, role, isAdmin] of [["tess", "translator", false], ["vic", "viewer", false], ["rex", "reviewer", false], ["olga", null, false], ["adam", null, true], ["odd", "translator-ish", false]] as const) {
    const user = await prisma.user.create({ data: { email: `${name}@save-paths.example`, name: name.toUpperCase(), passwordHash: "x", isAdmin } });
    users[name] = { id: user.id, email: user.email, name: user.name, isAdmin };
    for (const project of [projectId, fourEyesProjectId]) if (role) await prisma.membership.create({ data: { projectId: project, userId: user.id, role } });
  }
  for (const project of [projectId, fourEyesProjectId]) {
    await prisma.webhook.create({ data: { projectId: project, url: "https://receiver.example/a", secret: "s", events: "segment.confirmed, segment.approved" } });
    await prisma.webhook.create({ data: { projectId: project, url: "https://receiver.example/b", secret: "s", events: "comment.added" } });
    await prisma.webhook.create({ data: { projectId: project, url: "https://receiver.example/c", secret: "s", events: "segment.confirmed", active: false } });
  }
  // On PostgreSQL the bus LISTENs on a connection of its own: in place before the first NOTIFY.
  await (bus() as { ready?: () => Promise<void> }).ready?.();
});

afterAll(() => stops.forEach((stop) => stop()));

/** The Prisma path: what saveSegment did on PostgreSQL before pg-save, and does when a direct path hands over. */
async function prismaPath(user: SessionUser, save: SegmentSave): Promise<SaveOutcome> {
  const { segment, role } = await authorizeSegment(user, save.segmentId, save.confirm ? "segment.confirm" : "segment.edit");
  return saveTranslation({ ...save, actorId: user.id, actorRole: role }, segment);
}

type Result = { outcome: SaveOutcome } | { refused: { status: number; code: string } };

/**
 * Who the save's fast path says the request comes from (lib/auth/session.ts sessionOrPendingOf):
 * on PostgreSQL a session the save's statement checks, on SQLite the user read, or null when the
 * token names no open session (the route's 401). `sessionOf` the token's session, `uid` its user.
 */
async function signedInAs(user: SessionUser, sessionId?: string): Promise<Signed | null> {
  const sid = sessionId ?? (await startSession(user.id));
  const token = await encodeSessionToken({ token: { uid: user.id, sid }, secret: authSecret() });
  return sessionOrPendingOf({ url: "http://localhost:3000/api/segments/x/save", headers: new Headers({ cookie: `next-auth.session-token=${token}` }) });
}

const SIGNED_OUT: Result = { refused: { status: 401, code: "sign-in-required" } };

async function run<U extends Signed>(path: (user: U, save: SegmentSave) => Promise<SaveOutcome>, user: U | null, save: SegmentSave): Promise<Result> {
  if (!user) return SIGNED_OUT;
  try {
    return { outcome: await path(user, save) };
  } catch (error) {
    if (error instanceof AccessDenied) return { refused: { status: error.status, code: error.code } };
    throw error;
  }
}

/** Text with the twin's own ids (document, segments, project) replaced by names both twins share. */
function label(twin: Twin, value: unknown, project = projectId): unknown {
  let text = JSON.stringify(value).replaceAll(twin.id, "<document>").replaceAll(project, "<project>");
  twin.segmentIds.forEach((id, position) => (text = text.replaceAll(id, `<segment ${position}>`)));
  return JSON.parse(text);
}

/** A propagated revision's note without its batch id (each twin's propagation is a batch of its own). */
function withoutBatch(note: string | null): string | null {
  if (!note?.includes('"batch"')) return note;
  return JSON.stringify({ ...(JSON.parse(note) as object), batch: "<batch>" });
}

/** Everything a save may write, for one twin, without row ids and times (checked apart where they matter). */
async function footprint(twin: Twin, project = projectId) {
  const segments = await prisma.segment.findMany({ where: { documentId: twin.id }, orderBy: { position: "asc" } });
  const revisions = await prisma.revision.findMany({ where: { documentId: twin.id }, include: { segment: { select: { position: true } } } });
  const events = await prisma.documentEvent.findMany({ where: { documentId: twin.id }, orderBy: { seq: "asc" } });
  const activity = await prisma.activityEvent.findMany({ where: { documentId: twin.id }, orderBy: { createdAt: "asc" } });
  const outbox = await prisma.outboxMessage.findMany({ where: { orderKey: { endsWith: `:${twin.id}` } }, orderBy: { id: "asc" } });
  const document = await prisma.document.findUniqueOrThrow({ where: { id: twin.id } });
  const notifications = await prisma.notification.findMany({ where: { documentId: twin.id }, orderBy: { id: "asc" } });
  for (const message of outbox) {
    const payload = JSON.parse(message.payload) as { id: string; createdAt: string };
    // Each delivery names itself, and was written when its payload says.
    expect(payload.id).toBe(message.id);
    expect(payload.createdAt).toBe(message.createdAt.toISOString());
  }
  return label(
    twin,
    {
      segments: segments.map((s) => ({ id: s.id, position: s.position, target: s.target, status: s.status, version: s.version, machineTranslated: s.machineTranslated, removed: s.removedAt !== null })),
      revisions: revisions
        .sort((a, b) => a.segment.position - b.segment.position || a.version - b.version)
        .map((r) => ({ segmentId: r.segmentId, version: r.version, kind: r.kind, source: r.source, target: r.target, status: r.status, note: withoutBatch(r.note), authorId: r.authorId, authorRole: r.authorRole })),
      // The stored body text itself: the paths must write the same JSON, key for key.
      events: events.map((e) => ({ seq: e.seq, type: e.type, actorId: e.actorId, body: e.body })),
      activity: activity.map((a) => ({ projectId: a.projectId, segmentId: a.segmentId, actorId: a.actorId, type: a.type, data: a.data })),
      outbox: outbox.map((m) => {
        const { id: _id, createdAt: _createdAt, ...payload } = JSON.parse(m.payload) as Record<string, unknown>;
        return { channel: m.channel, target: m.target, orderKey: m.orderKey, kind: m.kind, status: m.status, attempts: m.attempts, payload };
      }),
      document: { status: document.status, signedOffAt: document.signedOffAt, signedOffById: document.signedOffById, eventSeq: document.eventSeq },
      notifications: notifications.map((n) => ({ recipientId: n.recipientId, kind: n.kind, projectId: n.projectId, segmentId: n.segmentId, actorId: n.actorId, body: n.body, mail: n.mail })),
    },
    project,
  );
}

/** The events each twin's listeners heard, without the time. */
function heardEvents(twin: Twin, project = projectId) {
  return label(
    twin,
    twin.heard.filter((m) => m.kind === "event").map((m) => {
      const { at: _at, ...event } = (m as Extract<BusMessage, { kind: "event" }>).event;
      return event;
    }),
    project,
  );
}

/**
 * The same save on both twins — the direct path on `direct`, the Prisma path on `viaPrisma`, on
 * the segment at `position` — and the same answer, rows and published events afterwards.
 */
async function both(
  direct: Twin,
  viaPrisma: Twin,
  user: SessionUser,
  position: number,
  save: Omit<SegmentSave, "segmentId" | "confirm"> & { confirm?: boolean },
  project = projectId,
  /** Who the direct path saves as, when not `user` itself: a session its statement checks (signedInAs). */
  directAs: Signed | null = user,
) {
  const one = await run(saveSegment, directAs, { confirm: false, ...save, segmentId: direct.segmentIds[position]! });
  // The session the statement checked: the user as the route reads it.
  if (directAs instanceof PendingSession) expect(directAs.user).toEqual({ ...user, locale: null, sessionId: directAs.sessionId });
  const other = await run(prismaPath, user, { confirm: false, ...save, segmentId: viaPrisma.segmentIds[position]! });
  // A conflict's time is the segment's own (the twins were saved at different moments).
  for (const [result, twin] of [[one, direct], [other, viaPrisma]] as const) {
    if ("outcome" in result && result.outcome.kind === "conflict") {
      const stored = await prisma.segment.findUniqueOrThrow({ where: { id: twin.segmentIds[position]! } });
      expect(result.outcome.current.updatedAt).toBe(stored.updatedAt.toISOString());
    }
  }
  const comparable = (twin: Twin, result: Result) => {
    const copy = structuredClone(result) as { outcome?: { current?: { updatedAt?: string }; propagation?: { batch: string | null } } };
    if (copy.outcome?.current) copy.outcome.current.updatedAt = "<time>";
    if (copy.outcome?.propagation?.batch) copy.outcome.propagation.batch = "<batch>";
    return label(twin, copy, project);
  };
  expect(comparable(direct, one)).toEqual(comparable(viaPrisma, other));
  // Published after the commit: on PostgreSQL through NOTIFY, a moment later — every stored event, once.
  for (const twin of [direct, viaPrisma]) {
    const stored = await prisma.documentEvent.count({ where: { documentId: twin.id } });
    await expect.poll(() => twin.heard.filter((m) => m.kind === "event").length, { timeout: 10_000 }).toBe(stored);
  }
  expect(heardEvents(direct, project)).toEqual(heardEvents(viaPrisma, project));
  expect(await footprint(direct, project)).toEqual(await footprint(viaPrisma, project));
  return one;
}

describe("the direct path and the Prisma path, side by side", () => {
  let a: Twin;
  let b: Twin;
  beforeAll(async () => {
    a = await twinDocument(projectId);
    b = await twinDocument(projectId);
  });

  it("a first save, the same text again, and a stale save answered with the current text and its author", async () => {
    expect(await both(a, b, users.tess!, 1, { target: "  The first paragraph.\r\n", baseVersion: 1 })).toEqual({
      outcome: { kind: "saved", changed: true, segment: { id: a.segmentIds[1], target: "The first paragraph.", status: "draft", version: 2 } },
    });
    expect(await both(a, b, users.tess!, 1, { target: "The first paragraph. ", baseVersion: 2 })).toMatchObject({ outcome: { kind: "saved", changed: false } });
    expect(await both(a, b, users.rex!, 1, { target: "Someone else's text.", baseVersion: 1 })).toMatchObject({
      outcome: { kind: "conflict", current: { target: "The first paragraph.", status: "draft", version: 2, authorName: "TESS" } },
    });
    // A conflict on a version no revision produced (an imported row): no author.
    await both(a, b, users.rex!, 2, { target: "Text.", baseVersion: 7 });
    expect(a.heard.filter((m) => m.kind === "event")).toHaveLength(1);
  });

  it("refusals: a viewer (403), a non-member and an unknown role (404), an unknown segment (404), a translator on an approved segment (403) — nothing written", async () => {
    expect(await both(a, b, users.vic!, 3, { target: "Viewer text.", baseVersion: 1 })).toEqual({ refused: { status: 403, code: "forbidden" } });
    expect(await both(a, b, users.olga!, 3, { target: "Outsider text.", baseVersion: 1 })).toEqual({ refused: { status: 404, code: "not-found" } });
    expect(await both(a, b, users.odd!, 3, { target: "Odd text.", baseVersion: 1 })).toEqual({ refused: { status: 404, code: "not-found" } });
    expect(await run(saveSegment, users.tess!, { segmentId: "no-such-segment", target: "Text.", baseVersion: 1, confirm: false })).toEqual(
      await run(prismaPath, users.tess!, { segmentId: "no-such-segment", target: "Text.", baseVersion: 1, confirm: false }),
    );
    for (const twin of [a, b]) await prisma.segment.update({ where: { id: twin.segmentIds[4]! }, data: { target: "Approved text.", status: "approved", version: 3 } });
    expect(await both(a, b, users.tess!, 4, { target: "The translator's change.", baseVersion: 3 })).toEqual({ refused: { status: 403, code: "forbidden" } });
    // Refused before the text is looked at: the same answer for a text that would be refused too.
    expect(await both(a, b, users.vic!, 3, { target: "Bell \u0007 here.", baseVersion: 1 })).toEqual({ refused: { status: 403, code: "forbidden" } });
  });

  it("a reviewer's edit of an approved segment: back to translated, with the webhook deliveries of a confirm", async () => {
    const result = await both(a, b, users.rex!, 4, { target: "The reviewer's change.", baseVersion: 3 });
    expect(result).toMatchObject({ outcome: { kind: "saved", segment: { status: "translated", version: 4 } } });
    // One active hook wants segment.confirmed: one delivery per twin.
    expect(await prisma.outboxMessage.count({ where: { orderKey: { endsWith: `:${a.id}` } } })).toBe(1);
  });

  it("a site admin who is no member saves as an owner", async () => {
    expect(await both(a, b, users.adam!, 5, { target: "The admin's text.", baseVersion: 1 })).toMatchObject({ outcome: { kind: "saved", changed: true } });
    expect(await prisma.revision.findFirstOrThrow({ where: { segmentId: a.segmentIds[5]!, version: 2 } })).toMatchObject({ authorRole: "owner" });
  });

  it("invalid texts, a joined-away segment, emptying a text, and a save that only changes the status", async () => {
    expect(await both(a, b, users.tess!, 6, { target: "x".repeat(20_001), baseVersion: 1 })).toMatchObject({ outcome: { kind: "invalid", code: "target-too-long" } });
    expect(await both(a, b, users.tess!, 6, { target: "Bell \u0007 here.", baseVersion: 1 })).toMatchObject({ outcome: { kind: "invalid", code: "target-control-characters" } });
    for (const twin of [a, b]) await prisma.segment.update({ where: { id: twin.segmentIds[7]! }, data: { removedAt: new Date() } });
    expect(await both(a, b, users.tess!, 7, { target: "Joined text.", baseVersion: 1 })).toMatchObject({ outcome: { kind: "invalid", code: "segment-joined-edit-previous" } });
    await both(a, b, users.tess!, 6, { target: "Soon gone.", baseVersion: 1 });
    expect(await both(a, b, users.tess!, 6, { target: "   ", baseVersion: 2 })).toMatchObject({ outcome: { kind: "saved", segment: { target: "", status: "untranslated", version: 3 } } });
    // An empty draft (an older import's state): saving it empty again only changes the status.
    for (const twin of [a, b]) await prisma.segment.update({ where: { id: twin.segmentIds[8]! }, data: { target: "", status: "draft" } });
    expect(await both(a, b, users.tess!, 8, { target: "", baseVersion: 1 })).toMatchObject({ outcome: { kind: "saved", changed: true, segment: { status: "untranslated", version: 2 } } });
  });

  it("the live event counts the segment's comments and open issues", async () => {
    for (const twin of [a, b]) {
      const segmentId = twin.segmentIds[9]!;
      await prisma.comment.create({ data: { segmentId, documentId: twin.id, authorId: users.rex!.id, body: "Why this word?", isIssue: true } });
      await prisma.comment.create({ data: { segmentId, documentId: twin.id, authorId: users.rex!.id, body: "Fine.", isIssue: true, resolvedAt: new Date() } });
      await prisma.comment.create({ data: { segmentId, documentId: twin.id, authorId: users.rex!.id, body: "Gone.", deletedAt: new Date() } });
    }
    await both(a, b, users.tess!, 9, { target: "With comments.", baseVersion: 1 });
    const [event] = await prisma.documentEvent.findMany({ where: { documentId: a.id }, orderBy: { seq: "desc" }, take: 1 });
    expect(JSON.parse(event!.body).segments[0]).toMatchObject({ comments: 2, openIssues: 1 });
  });

  it("a save to a signed-off document reopens it: the reopened event first, then the save's, and the activity row", async () => {
    for (const twin of [a, b]) await prisma.document.update({ where: { id: twin.id }, data: { status: "approved", signedOffAt: SIGNED_OFF_AT, signedOffById: users.rex!.id } });
    await both(a, b, users.tess!, 10, { target: "After sign-off.", baseVersion: 1 });
    expect(await prisma.document.findUniqueOrThrow({ where: { id: a.id } })).toMatchObject({ status: "in_progress", signedOffAt: null });
    const events = await prisma.documentEvent.findMany({ where: { documentId: a.id }, orderBy: { seq: "desc" }, take: 2 });
    expect(events.map((e) => e.type)).toEqual(["segments.changed", "document.status"]);
    // Open again: the next save reopens nothing.
    await both(a, b, users.tess!, 10, { target: "After sign-off, again.", baseVersion: 2 });
    // A refused save reopens nothing either.
    for (const twin of [a, b]) await prisma.document.update({ where: { id: twin.id }, data: { status: "approved", signedOffAt: SIGNED_OFF_AT, signedOffById: users.rex!.id } });
    await both(a, b, users.tess!, 10, { target: "Stale.", baseVersion: 2 });
    await both(a, b, users.vic!, 10, { target: "Viewer.", baseVersion: 3 });
    expect(await prisma.document.findUniqueOrThrow({ where: { id: a.id } })).toMatchObject({ status: "approved" });
  });

  it("with four eyes, the live event names the text's author", async () => {
    const c = await twinDocument(fourEyesProjectId);
    const d = await twinDocument(fourEyesProjectId);
    await both(c, d, users.tess!, 1, { target: "Four eyes.", baseVersion: 1 }, fourEyesProjectId);
    await both(c, d, users.rex!, 1, { target: "Four eyes, reviewed.", baseVersion: 2 }, fourEyesProjectId);
    const [event] = await prisma.documentEvent.findMany({ where: { documentId: c.id }, orderBy: { seq: "desc" }, take: 1 });
    expect(JSON.parse(event!.body).segments[0]).toMatchObject({ textAuthorId: users.rex!.id, status: "draft" });
  });

  // Imports in slices exist on SQLite only; both direct paths refuse like authorizeSegment.
  it("a segment of a document still being imported does not exist (404), to a confirm as well", async () => {
    for (const twin of [a, b]) await prisma.document.update({ where: { id: twin.id }, data: { status: "importing" } });
    try {
      expect(await both(a, b, users.tess!, 11, { target: "Too early.", baseVersion: 1 })).toEqual({ refused: { status: 404, code: "not-found" } });
      expect(await both(a, b, users.tess!, 11, { target: "Too early.", baseVersion: 1, confirm: true })).toEqual({ refused: { status: 404, code: "not-found" } });
    } finally {
      for (const twin of [a, b]) await prisma.document.update({ where: { id: twin.id }, data: { status: "in_progress" } });
    }
  });

  // The fast path on PostgreSQL leaves the session check to the save's statement: the same answers as when it is read first.
  it("signed in through a session the save checks itself: saves, refusals and conflicts as before; a session over is a 401 and writes nothing", async () => {
    const c = await twinDocument(projectId);
    const d = await twinDocument(projectId);
    expect((await signedInAs(users.tess!)) instanceof PendingSession).toBe(dialect === "postgresql");
    expect(await both(c, d, users.tess!, 1, { target: "Checked in the statement.", baseVersion: 1 }, projectId, await signedInAs(users.tess!))).toMatchObject({
      outcome: { kind: "saved", changed: true, segment: { version: 2 } },
    });
    expect(await both(c, d, users.rex!, 1, { target: "Too late.", baseVersion: 1 }, projectId, await signedInAs(users.rex!))).toMatchObject({ outcome: { kind: "conflict", current: { authorName: "TESS" } } });
    expect(await both(c, d, users.vic!, 2, { target: "Viewer.", baseVersion: 1 }, projectId, await signedInAs(users.vic!))).toEqual({ refused: { status: 403, code: "forbidden" } });
    expect(await both(c, d, users.olga!, 2, { target: "Outsider.", baseVersion: 1 }, projectId, await signedInAs(users.olga!))).toEqual({ refused: { status: 404, code: "not-found" } });
    // The admin flag is the session's user's row: a site admin saves as an owner.
    expect(await both(c, d, users.adam!, 3, { target: "The admin's text.", baseVersion: 1 }, projectId, await signedInAs(users.adam!))).toMatchObject({ outcome: { kind: "saved" } });
    expect(await prisma.revision.findFirstOrThrow({ where: { segmentId: c.segmentIds[3]!, version: 2 } })).toMatchObject({ authorRole: "owner", authorId: users.adam!.id });
    // A confirm and an invalid text with a pending session: the check is made before them.
    expect(await both(c, d, users.tess!, 4, { target: "Confirmed.", baseVersion: 1, confirm: true }, projectId, await signedInAs(users.tess!))).toMatchObject({ outcome: { kind: "saved" } });
    expect(await both(c, d, users.tess!, 5, { target: "Bell \u0007 here.", baseVersion: 1 }, projectId, await signedInAs(users.tess!))).toMatchObject({ outcome: { kind: "invalid" } });

    // Sessions that are over: ended (sign-out elsewhere), expired, another person's. A 401 for
    // every save — a valid one, a stale one, a refused one — and nothing written.
    const ended = await startSession(users.tess!.id);
    const ending = await signedInAs(users.tess!, ended);
    await endSession(ended);
    const expired = await startSession(users.tess!.id);
    const expiring = await signedInAs(users.tess!, expired);
    await prisma.userSession.update({ where: { id: expired }, data: { expiresAt: new Date(Date.now() - 1_000) } });
    const rexes = await startSession(users.rex!.id);
    const overs: [string, () => Promise<Signed | null>][] = [
      ["ended", () => signedInAs(users.tess!, ended)],
      ["expired", () => signedInAs(users.tess!, expired)],
      ["another person's", () => signedInAs(users.tess!, rexes)],
    ];
    // On PostgreSQL the check is made by the save itself: a session that ended after the token was read is over too.
    if (dialect === "postgresql") overs.push(["ended after the token was read", async () => ending], ["expired after the token was read", async () => expiring]);
    const before = await footprint(c);
    for (const [name, who] of overs) {
      for (const [position, save] of [[6, { target: "Signed out.", baseVersion: 1 }], [1, { target: "Stale.", baseVersion: 1 }], [4, { target: "Approved?", baseVersion: 1 }], [7, { target: "Confirm.", baseVersion: 1, confirm: true }], [7, { target: "Bell \u0007.", baseVersion: 1 }]] as const) {
        const result = await run(saveSegment, await who(), { confirm: false, ...save, segmentId: c.segmentIds[position]! });
        expect({ name, position, result }).toEqual({ name, position, result: SIGNED_OUT });
      }
    }
    expect(await footprint(c)).toEqual(before);
  });
});

const REPEATED = ["标题", "重复的句子。", "第二句。", "重复的句子。", "第四句。", "重复的句子。", "第六句。", "最后一句。"].join("\n\n");

async function repeatedTwin(project: string): Promise<Twin> {
  const { document } = await importText(prisma, { projectId: project, text: REPEATED, acceptedJoins: "all", origin: "test", actorId: null });
  const segmentIds = (await prisma.segment.findMany({ where: { documentId: document.id }, orderBy: { position: "asc" }, select: { id: true } })).map((s) => s.id);
  const twin: Twin = { id: document.id, segmentIds, heard: [] };
  stops.push(subscribeDocument(document.id, (message) => twin.heard.push(message)));
  return twin;
}

/** The newest stored event's one segment. */
async function lastSnapshot(twin: Twin): Promise<Record<string, unknown>> {
  const [event] = await prisma.documentEvent.findMany({ where: { documentId: twin.id }, orderBy: { seq: "desc" }, take: 1 });
  return (JSON.parse(event!.body) as { segments: Record<string, unknown>[] }).segments[0]!;
}

describe("confirms (Ctrl+Enter), side by side", () => {
  let a: Twin;
  let b: Twin;
  beforeAll(async () => {
    a = await repeatedTwin(projectId);
    b = await repeatedTwin(projectId);
  });

  it("a confirm with a new text, of the text as it stands (a status revision), of a translated text (no change), empty (refused), stale (conflict)", async () => {
    expect(await both(a, b, users.tess!, 2, { target: "The second sentence. ", baseVersion: 1, confirm: true })).toEqual({
      outcome: { kind: "saved", changed: true, segment: { id: a.segmentIds[2], target: "The second sentence.", status: "translated", version: 2 }, propagation: { batch: null, fromNumber: 3, propagated: [], skipped: [] } },
    });
    // segment.confirmed to the one active hook that wants it.
    expect(await prisma.outboxMessage.count({ where: { orderKey: { endsWith: `:${a.id}` }, kind: "segment.confirmed" } })).toBe(1);
    await both(a, b, users.tess!, 4, { target: "The fourth sentence.", baseVersion: 1 });
    expect(await both(a, b, users.tess!, 4, { target: "The fourth sentence.", baseVersion: 2, confirm: true })).toMatchObject({
      outcome: { kind: "saved", changed: true, segment: { status: "translated", version: 3 } },
    });
    expect(await prisma.revision.findFirstOrThrow({ where: { segmentId: a.segmentIds[4]!, version: 3 } })).toMatchObject({ kind: "status", status: "translated", authorRole: "translator" });
    expect(await both(a, b, users.tess!, 4, { target: "The fourth sentence.", baseVersion: 3, confirm: true })).toEqual({
      outcome: { kind: "saved", changed: false, segment: { id: a.segmentIds[4], target: "The fourth sentence.", status: "translated", version: 3 }, propagation: { batch: null, fromNumber: 5, propagated: [], skipped: [] } },
    });
    expect(await both(a, b, users.tess!, 6, { target: "  ", baseVersion: 1, confirm: true })).toMatchObject({ outcome: { kind: "invalid", code: "confirm-empty" } });
    expect(await both(a, b, users.tess!, 6, { target: "Bell \u0007 here.", baseVersion: 1, confirm: true })).toMatchObject({ outcome: { kind: "invalid", code: "target-control-characters" } });
    expect(await both(a, b, users.rex!, 4, { target: "Too late.", baseVersion: 2, confirm: true })).toMatchObject({
      outcome: { kind: "conflict", current: { target: "The fourth sentence.", status: "translated", version: 3, authorName: "TESS" } },
    });
  });

  it("refused confirms: a viewer (403), a non-member (404), a translator on an approved segment (403)", async () => {
    expect(await both(a, b, users.vic!, 6, { target: "Viewer.", baseVersion: 1, confirm: true })).toEqual({ refused: { status: 403, code: "forbidden" } });
    expect(await both(a, b, users.olga!, 6, { target: "Outsider.", baseVersion: 1, confirm: true })).toEqual({ refused: { status: 404, code: "not-found" } });
    for (const twin of [a, b]) await prisma.segment.update({ where: { id: twin.segmentIds[6]! }, data: { target: "Approved.", status: "approved", version: 2 } });
    expect(await both(a, b, users.tess!, 6, { target: "Approved.", baseVersion: 2, confirm: true })).toEqual({ refused: { status: 403, code: "forbidden" } });
    // A reviewer may: the approved text goes back to translated.
    expect(await both(a, b, users.rex!, 6, { target: "Approved, then confirmed.", baseVersion: 2, confirm: true })).toMatchObject({ outcome: { kind: "saved", segment: { status: "translated", version: 3 } } });
  });

  it("repetitions: one that takes the translation (saveTranslation propagates), then skipped ones — confirmed, being edited, unchanged — on the direct path", async () => {
    const propagated = await both(a, b, users.tess!, 1, { target: "The repeated sentence.", baseVersion: 1, confirm: true });
    expect(propagated).toMatchObject({ outcome: { kind: "saved", propagation: { fromNumber: 2, propagated: [{ id: a.segmentIds[3] }, { id: a.segmentIds[5] }] } } });
    // Someone else has #6 open: it keeps its text.
    for (const twin of [a, b]) await prisma.presence.create({ data: { userId: users.rex!.id, documentId: twin.id, segmentId: twin.segmentIds[5]!, lastSeenAt: new Date() } });
    expect(await both(a, b, users.tess!, 3, { target: "The repeated sentence, reworded.", baseVersion: 2, confirm: true })).toEqual({
      outcome: {
        kind: "saved",
        changed: true,
        segment: { id: a.segmentIds[3], target: "The repeated sentence, reworded.", status: "translated", version: 3 },
        propagation: {
          batch: null,
          fromNumber: 4,
          propagated: [],
          skipped: [
            { id: a.segmentIds[1], documentId: a.id, position: 1, code: "confirmed" },
            { id: a.segmentIds[5], documentId: a.id, position: 5, code: "being-edited" },
          ],
        },
      },
    });
    // #6's propagated text confirmed as it stands: the live event keeps "propagated from #2".
    expect(await both(a, b, users.tess!, 5, { target: "The repeated sentence.", baseVersion: 2, confirm: true })).toMatchObject({
      outcome: { kind: "saved", changed: true, segment: { status: "translated", version: 3 }, propagation: { skipped: [{ code: "confirmed" }, { code: "confirmed" }] } },
    });
    expect(await lastSnapshot(a)).toMatchObject({ propagatedFrom: 2, status: "translated" });
  });

  it("a confirm reopens a signed-off document", async () => {
    for (const twin of [a, b]) await prisma.document.update({ where: { id: twin.id }, data: { status: "approved", signedOffAt: SIGNED_OFF_AT, signedOffById: users.rex!.id } });
    await both(a, b, users.rex!, 2, { target: "The second sentence, after sign-off.", baseVersion: 2, confirm: true });
    expect(await prisma.document.findUniqueOrThrow({ where: { id: a.id } })).toMatchObject({ status: "in_progress", signedOffAt: null });
  });

  it("the confirm of the document's last unconfirmed segment tells its reviewer (through saveTranslation)", async () => {
    for (const twin of [a, b]) {
      await prisma.segment.updateMany({ where: { documentId: twin.id, id: { not: twin.segmentIds[7]! }, status: { in: ["untranslated", "draft", "changes_requested"] } }, data: { status: "translated", target: "Done." } });
    }
    await both(a, b, users.tess!, 7, { target: "The last sentence.", baseVersion: 1, confirm: true });
    expect(await prisma.notification.findMany({ where: { documentId: a.id } })).toMatchObject([{ kind: "readyForReview", recipientId: users.rex!.id }]);
  });

  it("a confirm and a status-only save take the direct path: no Prisma transaction, unlike saveTranslation", async () => {
    const twin = await repeatedTwin(projectId);
    const transactions = vi.spyOn(prisma, "$transaction");
    try {
      expect(await saveSegment(users.tess!, { segmentId: twin.segmentIds[2]!, target: "Direct confirm.", baseVersion: 1, confirm: true })).toMatchObject({ kind: "saved", changed: true });
      expect(transactions).not.toHaveBeenCalled();
      await prisma.segment.update({ where: { id: twin.segmentIds[4]! }, data: { status: "draft" } });
      expect(await saveSegment(users.tess!, { segmentId: twin.segmentIds[4]!, target: "", baseVersion: 1, confirm: false })).toMatchObject({ kind: "saved", segment: { status: "untranslated" } });
      expect(transactions).not.toHaveBeenCalled();
      // The control: the Prisma path writes its batch in a transaction.
      await prismaPath(users.tess!, { segmentId: twin.segmentIds[6]!, target: "Through Prisma.", baseVersion: 1, confirm: true });
      expect(transactions).toHaveBeenCalled();
    } finally {
      transactions.mockRestore();
    }
  });

  it("with four eyes, a confirm of someone else's text keeps its author in the live event", async () => {
    const c = await repeatedTwin(fourEyesProjectId);
    const d = await repeatedTwin(fourEyesProjectId);
    await both(c, d, users.tess!, 2, { target: "Tess wrote this.", baseVersion: 1 }, fourEyesProjectId);
    await both(c, d, users.rex!, 2, { target: "Tess wrote this.", baseVersion: 2, confirm: true }, fourEyesProjectId);
    expect(await lastSnapshot(c)).toMatchObject({ textAuthorId: users.tess!.id, status: "translated" });
    await both(c, d, users.rex!, 4, { target: "Rex wrote and confirmed this.", baseVersion: 1, confirm: true }, fourEyesProjectId);
    expect(await lastSnapshot(c)).toMatchObject({ textAuthorId: users.rex!.id });
  });
});

describe("racing saves on the direct path", () => {
  let twin: Twin;
  beforeAll(async () => {
    twin = await twinDocument(projectId);
  });

  it("many saves on one version: exactly one wins each round, the others get the winner's text", async () => {
    const segmentId = twin.segmentIds[1]!;
    const before = (await prisma.document.findUniqueOrThrow({ where: { id: twin.id } })).eventSeq;
    for (let round = 0; round < 5; round++) {
      const version = round + 1;
      const results = await Promise.all(
        Array.from({ length: 12 }, (_, n) => saveSegment(n % 2 ? users.tess! : users.rex!, { segmentId, target: `Round ${round}, racer ${n}.`, baseVersion: version, confirm: false })),
      );
      const winners = results.filter((r) => r.kind === "saved");
      expect(winners).toHaveLength(1);
      const winner = winners[0]!;
      expect(winner).toMatchObject({ changed: true, segment: { version: version + 1 } });
      for (const loser of results.filter((r) => r.kind !== "saved")) {
        expect(loser).toMatchObject({ kind: "conflict", current: { version: version + 1, target: winner.kind === "saved" ? winner.segment.target : "" } });
      }
    }
    const revisions = await prisma.revision.findMany({ where: { segmentId }, orderBy: { version: "asc" } });
    expect(revisions.map((r) => r.version)).toEqual([1, 2, 3, 4, 5, 6]);
    const events = await prisma.documentEvent.findMany({ where: { documentId: twin.id, seq: { gt: before } }, orderBy: { seq: "asc" } });
    expect(events.map((e) => e.seq)).toEqual([1, 2, 3, 4, 5].map((n) => before + n));
  });

  it("many confirms on one version: exactly one wins, the others get the winner's text", async () => {
    const segmentId = twin.segmentIds[6]!;
    const results = await Promise.all(
      Array.from({ length: 10 }, (_, n) => saveSegment(n % 2 ? users.tess! : users.rex!, { segmentId, target: `Confirmed by racer ${n}.`, baseVersion: 1, confirm: true })),
    );
    const winners = results.filter((r) => r.kind === "saved");
    expect(winners).toHaveLength(1);
    const winner = winners[0]!;
    expect(winner).toMatchObject({ changed: true, segment: { version: 2, status: "translated" } });
    for (const loser of results.filter((r) => r.kind !== "saved")) {
      expect(loser).toMatchObject({ kind: "conflict", current: { version: 2, target: winner.kind === "saved" ? winner.segment.target : "" } });
    }
    expect((await prisma.revision.findMany({ where: { segmentId } })).map((r) => r.version).sort()).toEqual([1, 2]);
  });

  it("editors saving back to back on a few segments: every acknowledged save is a revision, no update lost, events gapless", async () => {
    const segments = twin.segmentIds.slice(2, 5);
    const known = new Map(segments.map((id) => [id, 1]));
    const acks: { segmentId: string; version: number; target: string }[] = [];
    let conflicts = 0;
    const editor = async (n: number) => {
      for (let i = 0; i < 12; i++) {
        const segmentId = segments[(n + i) % segments.length]!;
        const target = `Editor ${n}, save ${i}.`;
        const outcome = await saveSegment(n % 2 ? users.tess! : users.rex!, { segmentId, target, baseVersion: known.get(segmentId)!, confirm: false });
        if (outcome.kind === "saved") acks.push({ segmentId, version: outcome.segment.version, target });
        else if (outcome.kind === "conflict") conflicts++;
        else throw new Error(`unexpected ${outcome.kind}`);
        const version = outcome.kind === "saved" ? outcome.segment.version : outcome.kind === "conflict" ? outcome.current.version : 0;
        known.set(segmentId, Math.max(known.get(segmentId)!, version));
      }
    };
    const before = (await prisma.document.findUniqueOrThrow({ where: { id: twin.id } })).eventSeq;
    await Promise.all(Array.from({ length: 8 }, (_, n) => editor(n)));
    expect(acks.length + conflicts).toBe(8 * 12);
    for (const segmentId of segments) {
      const mine = acks.filter((a) => a.segmentId === segmentId).sort((x, y) => x.version - y.version);
      const revisions = await prisma.revision.findMany({ where: { segmentId, version: { gt: 1 } }, orderBy: { version: "asc" } });
      // One revision per acknowledged save, each with the acknowledged text, versions without a gap.
      expect(revisions.map((r) => [r.version, r.target])).toEqual(mine.map((a) => [a.version, a.target]));
      expect(mine.map((a) => a.version)).toEqual(mine.map((_, i) => i + 2));
      const segment = await prisma.segment.findUniqueOrThrow({ where: { id: segmentId } });
      expect(segment).toMatchObject({ version: mine.at(-1)!.version, target: mine.at(-1)!.target });
    }
    const events = await prisma.documentEvent.findMany({ where: { documentId: twin.id, seq: { gt: before } }, orderBy: { seq: "asc" } });
    expect(events.map((e) => e.seq)).toEqual(acks.map((_, i) => before + i + 1));
  });
});

/**
 * Routes the pool's wait for the WAL flush (lib/revisions/pg-durable-commit.ts) through `handle`,
 * which sends it on (`send`) or answers it with an error (`fail`); everything else goes as usual.
 * Answers the undo.
 */
function routeFlush(handle: (send: () => void, fail: (error: Error) => void) => void): () => void {
  const query = pg.Client.prototype.query;
  const original = query as (...a: unknown[]) => unknown;
  pg.Client.prototype.query = function (this: pg.Client, ...args: unknown[]) {
    if ((args[0] as { name?: string } | null)?.name !== FLUSH_STATEMENT) return original.apply(this, args);
    // The pool passes a callback last: the answer, or the error.
    handle(() => void original.apply(this, args), args.at(-1) as (error: Error) => void);
    return undefined;
  } as typeof query;
  return () => void (pg.Client.prototype.query = query);
}

/** What a statement sent to PostgreSQL is, for the order of a save's round trips. */
const kindOf = (text: string) => (text.includes("pg_notify") ? "notify" : text.includes("pg_logical_emit_message") ? "flush" : "statement");

describe.skipIf(dialect !== "postgresql")("round trips to PostgreSQL", () => {
  it("the direct path is one statement — the session check in it — then the wait for its flush, then the live event's NOTIFY; the Prisma path, many", async () => {
    const twin = await twinDocument(projectId);
    const sent: string[] = [];
    const query = pg.Client.prototype.query;
    const count = async (work: () => Promise<unknown>) => {
      sent.length = 0;
      pg.Client.prototype.query = function (this: pg.Client, ...args: unknown[]) {
        const config = args[0];
        sent.push(typeof config === "string" ? config : String((config as { text?: string }).text));
        return (query as (...a: unknown[]) => unknown).apply(this, args);
      } as typeof query;
      try {
        await work();
      } finally {
        pg.Client.prototype.query = query;
      }
      return [...sent];
    };
    // The actor's name is cached for a minute (lib/events/append-event.ts): warm it as a running server has.
    await saveSegment(users.tess!, { segmentId: twin.segmentIds[1]!, target: "Warm.", baseVersion: 1, confirm: false });
    const heard = () => twin.heard.filter((m) => m.kind === "event").length;
    await expect.poll(heard).toBe(1);
    const direct = await count(() => saveSegment(users.tess!, { segmentId: twin.segmentIds[1]!, target: "Direct.", baseVersion: 2, confirm: false }));
    // As the fast path saves: the session not read yet, checked by the statement.
    const who = await signedInAs(users.tess!);
    const signed = await count(() => saveSegment(who!, { segmentId: twin.segmentIds[5]!, target: "Direct, signed.", baseVersion: 1, confirm: false }));
    const viaPrisma = await count(() => prismaPath(users.tess!, { segmentId: twin.segmentIds[2]!, target: "Through Prisma.", baseVersion: 1, confirm: false }));
    console.info(`round trips per save: direct ${direct.length} (with the session check ${signed.length}), Prisma path ${viaPrisma.length}`);
    // Made durable (lib/revisions/pg-durable-commit.ts) before the event is published.
    expect(direct.map(kindOf)).toEqual(["statement", "flush", "notify"]);
    // The session check made by the save's statement: no read of its own.
    expect(signed.map(kindOf)).toEqual(["statement", "flush", "notify"]);
    expect(signed[0]).toContain(`"UserSession"`);
    expect((who as PendingSession).user).toMatchObject({ id: users.tess!.id, name: "TESS" });
    expect(viaPrisma.length).toBeGreaterThan(direct.length);
    // Each save's event heard once, in order, as the bus sends it; the actor named.
    await expect.poll(heard).toBe(4);
    const events = twin.heard.filter((m) => m.kind === "event").map((m) => (m as Extract<BusMessage, { kind: "event" }>).event);
    expect(events.map((e) => e.seq - events[0]!.seq)).toEqual([0, 1, 2, 3]);
    expect(events[2]).toMatchObject({ type: "segments.changed", actor: { id: users.tess!.id, name: "TESS" }, segments: [{ target: "Direct, signed." }] });
    expect(events[2]).toEqual(await storedEvent(twin.id, events[2]!.seq));
    // A confirm: one read, one write, the NOTIFY.
    const confirm = await count(() => saveSegment(users.tess!, { segmentId: twin.segmentIds[3]!, target: "Confirmed.", baseVersion: 1, confirm: true }));
    const confirmViaPrisma = await count(() => prismaPath(users.tess!, { segmentId: twin.segmentIds[4]!, target: "Confirmed through Prisma.", baseVersion: 1, confirm: true }));
    console.info(`round trips per confirm: direct ${confirm.length}, Prisma path ${confirmViaPrisma.length}`);
    expect(confirm.map(kindOf)).toEqual(["statement", "statement", "flush", "notify"]);
    expect(confirmViaPrisma.length).toBeGreaterThan(confirm.length);
  });

  it("a save's statement commits without waiting for the WAL flush, then waits for it before answering; the pool's connections keep synchronous commits", async () => {
    const twin = await twinDocument(projectId);
    const probe = new pg.Client({ connectionString: process.env.DATABASE_URL });
    await probe.connect();
    // Where the WAL stood once a save's statement had returned (its commit record before `insert`),
    // and whether the log was then flushed that far.
    const atFlush: { insert: string; flushedThere: boolean }[] = [];
    const restore = routeFlush((send, fail) =>
      void probe
        .query<{ insert: string; flushedThere: boolean }>(`SELECT pg_current_wal_insert_lsn()::text AS "insert", pg_current_wal_flush_lsn() >= pg_current_wal_insert_lsn() AS "flushedThere"`)
        .then(({ rows }) => {
          atFlush.push(rows[0]!);
          send();
        }, fail),
    );
    const flushedPast = async (lsn: string) => (await probe.query<{ past: boolean }>(`SELECT pg_current_wal_flush_lsn() >= $1::pg_lsn AS "past"`, [lsn])).rows[0]!.past;
    try {
      for (const i of [1, 2, 3, 4, 5]) {
        const saved = await saveSegment(users.tess!, { segmentId: twin.segmentIds[i]!, target: `Durable ${i}.`, baseVersion: 1, confirm: i === 5 });
        expect(saved).toMatchObject({ kind: "saved", changed: true });
        expect(atFlush).toHaveLength(i);
        // Answered only once the WAL was flushed past the save's commit.
        expect(await flushedPast(atFlush.at(-1)!.insert)).toBe(true);
      }
      // Committed without waiting for the flush: found not yet flushed when the statement returned
      // (a synchronous commit returns after its flush; another session's flush may come between).
      expect(atFlush.some((at) => !at.flushedThere)).toBe(true);
      // A save that writes nothing (the same text again) has nothing to wait for.
      await saveSegment(users.tess!, { segmentId: twin.segmentIds[1]!, target: "Durable 1.", baseVersion: 2, confirm: false });
      expect(atFlush).toHaveLength(5);
    } finally {
      restore();
    }
    // The asynchronous commit was the save's transaction's own setting: every pooled connection still commits synchronously.
    const pool = (await pgPool())!;
    const clients = await Promise.all(Array.from({ length: pool.totalCount }, () => pool.connect()));
    try {
      for (const client of clients) expect((await client.query<{ setting: string }>(`SELECT current_setting('synchronous_commit') AS "setting"`)).rows[0]!.setting).toBe("on");
    } finally {
      for (const client of clients) client.release();
      await probe.end();
    }
  });

  it("a failed wait for the flush is tried once more on another connection: the committed save is answered as saved", async () => {
    const twin = await twinDocument(projectId);
    let failures = 1;
    let flushes = 0;
    const restore = routeFlush((send, fail) => {
      flushes++;
      if (failures-- > 0) fail(new Error("Connection terminated unexpectedly"));
      else send();
    });
    const warn = vi.spyOn(console, "warn").mockImplementation(() => {});
    try {
      const saved = await saveSegment(users.tess!, { segmentId: twin.segmentIds[1]!, target: "Saved despite a broken connection.", baseVersion: 1, confirm: false });
      expect(saved).toMatchObject({ kind: "saved", changed: true, segment: { version: 2 } });
      expect(flushes).toBe(2);
      expect(warn).toHaveBeenCalledOnce();
      // Failing twice is an error (the save is committed; the editor's retry meets its own text).
      failures = 2;
      await expect(saveSegment(users.tess!, { segmentId: twin.segmentIds[2]!, target: "Committed, unanswered.", baseVersion: 1, confirm: false })).rejects.toThrow("Connection terminated");
      expect(await prisma.segment.findUniqueOrThrow({ where: { id: twin.segmentIds[2]! } })).toMatchObject({ version: 2, target: "Committed, unanswered." });
    } finally {
      restore();
      warn.mockRestore();
    }
  });

  it("the pool keeps idle connections for ten minutes, not node-postgres's ten seconds (a new connection is slow for its first saves)", async () => {
    const pool = (await pgPool())!;
    expect(pool.options.idleTimeoutMillis).toBe(600_000);
  });

  it("a live event too large for a NOTIFY goes by reference, as the bus sends it", async () => {
    const a = await twinDocument(projectId);
    const b = await twinDocument(projectId);
    const long = "长".repeat(3_000) + " long text.";
    await both(a, b, users.tess!, 1, { target: long, baseVersion: 1 });
    const [event] = a.heard.filter((m) => m.kind === "event").map((m) => (m as Extract<BusMessage, { kind: "event" }>).event);
    expect(Buffer.byteLength(JSON.stringify({ kind: "event", event }))).toBeGreaterThan(8_000);
    expect(event).toEqual(await storedEvent(a.id, event!.seq));
  });
});
