/**
 * Every kind of change a person (or a job) makes to a document appends one event to its live
 * stream and publishes it: one test per writer. Each checks the stored event (what a reconnecting
 * editor is replayed) and that the same event reached the bus (what open editors get at once).
 */
import http from "node:http";
import type { AddressInfo } from "node:net";
import { afterAll, beforeAll, beforeEach, describe, expect, it, vi } from "vitest";
import { prisma } from "@/lib/db";
import { applyTranslations } from "@/lib/exchange/apply-translations";
import { importText } from "@/lib/documents/import-document";
import type { DocumentEvent } from "@/lib/events/event-types";
import { subscribeDocument } from "@/lib/events/publish";
import { openAiCompatible } from "@/lib/mt/providers";
import { pretranslate } from "@/lib/mt/pretranslate";
import { undoPropagation } from "@/lib/repetitions/undo";
import { bulkApprove } from "@/lib/review/bulk-approve";
import { addComment, changeComment } from "@/lib/review/comments";
import { signOff } from "@/lib/review/sign-off";
import { applyTransition } from "@/lib/review/status-changes";
import { applyReplace, previewReplace } from "@/lib/revisions/replace-in-document";
import { correctSource, joinWithNext, splitSegment, undoRestructure } from "@/lib/revisions/restructure";
import { saveTranslation } from "@/lib/revisions/save-translation";
import { restoreRevision } from "@/lib/revisions/segment-history";

let projectId: string;
let translator: { id: string; email: string; name: string; isAdmin: boolean };
let reviewer: { id: string; email: string; name: string; isAdmin: boolean };

async function newDocument(paragraphs: string[]) {
  const { document } = await importText(prisma, { projectId, text: paragraphs.join("\n\n"), acceptedJoins: [], origin: "test", actorId: null });
  const ids = (await prisma.segment.findMany({ where: { documentId: document.id }, orderBy: { position: "asc" }, select: { id: true } })).map((s) => s.id);
  return { documentId: document.id, ids };
}

const version = async (id: string) => (await prisma.segment.findUniqueOrThrow({ where: { id } })).version;

/** The events a piece of work appended to the document, from the database and from the bus, which must agree. */
async function eventsOf(documentId: string, work: () => Promise<unknown>): Promise<DocumentEvent[]> {
  const heard: DocumentEvent[] = [];
  const stop = subscribeDocument(documentId, (m) => {
    if (m.kind === "event") heard.push(m.event);
  });
  const before = (await prisma.document.findUniqueOrThrow({ where: { id: documentId } })).eventSeq;
  let stored: Awaited<ReturnType<typeof prisma.documentEvent.findMany>>;
  try {
    await work();
    stored = await prisma.documentEvent.findMany({ where: { documentId, seq: { gt: before } }, orderBy: { seq: "asc" } });
    // In-process (SQLite) the bus delivers before the writer returns; a PostgreSQL NOTIFY comes
    // back a moment later.
    // (and one from the work before may arrive after this subscription: it is not this work's).
    await vi.waitFor(() => expect(heard.filter((e) => e.seq > before).length).toBeGreaterThanOrEqual(stored.length), { timeout: 5_000 });
  } finally {
    stop();
  }
  heard.splice(0, heard.length, ...heard.filter((e) => e.seq > before));
  expect(stored.map((e) => e.seq)).toEqual(stored.map((_, i) => before + i + 1));
  expect(heard.map((e) => e.seq)).toEqual(stored.map((e) => e.seq));
  for (const [i, e] of stored.entries()) expect(JSON.parse(e.body)).toMatchObject({ type: heard[i]!.type });
  return heard;
}

beforeAll(async () => {
  projectId = (await prisma.project.create({ data: { name: "Live writers", propagatedStatus: "draft" } })).id;
  for (const [role, name] of [["translator", "Tia"], ["reviewer", "Rex"]] as const) {
    const u = await prisma.user.create({ data: { email: `${name}@writers.example`, name, passwordHash: "x" } });
    await prisma.membership.create({ data: { projectId, userId: u.id, role } });
    if (role === "translator") translator = { id: u.id, email: u.email, name, isAdmin: false };
    else reviewer = { id: u.id, email: u.email, name, isAdmin: false };
  }
});

describe("every writer appends and publishes its event", () => {
  let doc: { documentId: string; ids: string[] };
  beforeEach(async () => {
    doc = await newDocument(["甲地的消息。", "乙地的消息。", "丙地的消息。", "丁地的消息。"]);
  });

  const confirm = async (id: string, target: string) => {
    const outcome = await saveTranslation({ segmentId: id, target, baseVersion: await version(id), confirm: true, actorId: translator.id });
    expect(outcome.kind).toBe("saved");
  };

  it("a status change (approve, send back)", async () => {
    await confirm(doc.ids[0]!, "One.");
    const [approved] = await eventsOf(doc.documentId, () => applyTransition({ segmentId: doc.ids[0]!, transition: "approve", actorId: reviewer.id }));
    expect(approved).toMatchObject({ type: "segments.changed", reason: "status", actor: { name: "Rex" }, segments: [{ id: doc.ids[0], status: "approved" }] });
    await confirm(doc.ids[1]!, "Two.");
    const [sentBack] = await eventsOf(doc.documentId, () => applyTransition({ segmentId: doc.ids[1]!, transition: "request_changes", actorId: reviewer.id, comment: "Why?" }));
    expect(sentBack).toMatchObject({ reason: "status", segments: [{ id: doc.ids[1], status: "changes_requested", comments: 1 }] });
  });

  it("a bulk approval", async () => {
    for (const [i, id] of doc.ids.entries()) await confirm(id, `News ${"abcd"[i]}.`);
    const events = await eventsOf(doc.documentId, () => bulkApprove(doc.documentId, doc.ids, reviewer.id));
    expect(events.flatMap((e) => (e.type === "segments.changed" ? e.segments.map((s) => [s.id, s.status]) : []))).toEqual(doc.ids.map((id) => [id, "approved"]));
  });

  it("comments: added, edited, resolved, reopened, deleted — with the thread's counts", async () => {
    const segmentId = doc.ids[0]!;
    const events = await eventsOf(doc.documentId, async () => {
      const comment = await addComment({ segmentId, documentId: doc.documentId, authorId: reviewer.id, body: "Check this", isIssue: true });
      await changeComment(comment.id, reviewer.id, { op: "edit", body: "Check this, please" });
      await changeComment(comment.id, translator.id, { op: "resolve" });
      await changeComment(comment.id, translator.id, { op: "reopen" });
      await changeComment(comment.id, reviewer.id, { op: "delete" });
    });
    expect(events.map((e) => (e.type === "comment.changed" ? [e.action, e.comments, e.openIssues] : e.type))).toEqual([
      ["added", 1, 1],
      ["edited", 1, 1],
      ["resolved", 1, 0],
      ["reopened", 1, 1],
      ["deleted", 0, 0],
    ]);
  });

  it("sign-off", async () => {
    for (const [i, id] of doc.ids.entries()) await confirm(id, `News ${"abcd"[i]}.`);
    await bulkApprove(doc.documentId, doc.ids, reviewer.id);
    const [event] = await eventsOf(doc.documentId, () => signOff(doc.documentId, { id: reviewer.id, name: "Rex" }));
    expect(event).toMatchObject({ type: "document.status", action: "signed_off", status: "approved" });
  });

  describe("reopening a signed-off document", () => {
    /** Confirms what is not, approves everything and signs the document off (its event checked). */
    const signOffAll = async () => {
      for (const [i, id] of doc.ids.entries()) {
        const s = await prisma.segment.findUniqueOrThrow({ where: { id } });
        if (s.status !== "translated" && s.status !== "approved") await confirm(id, s.target || `News ${"abcd"[i]}.`);
      }
      await bulkApprove(doc.documentId, doc.ids, reviewer.id);
      const [signed] = await eventsOf(doc.documentId, () => signOff(doc.documentId, { id: reviewer.id, name: "Rex" }));
      expect(signed).toMatchObject({ type: "document.status", action: "signed_off" });
      expect(await documentStatus()).toBe("approved");
    };
    const documentStatus = async () => (await prisma.document.findUniqueOrThrow({ where: { id: doc.documentId } })).status;
    const reopenedRows = () => prisma.activityEvent.count({ where: { documentId: doc.documentId, type: "document.reopened" } });
    const REOPENED = { type: "document.status", action: "reopened", status: "in_progress" };

    it("a send-back reopens it: the reopened event first, then the segment's", async () => {
      await signOffAll();
      const events = await eventsOf(doc.documentId, () => applyTransition({ segmentId: doc.ids[0]!, transition: "request_changes", actorId: reviewer.id, comment: "Look again." }));
      expect(events).toMatchObject([
        { ...REOPENED, actor: { id: reviewer.id, name: "Rex" } },
        { type: "segments.changed", reason: "status", segments: [{ id: doc.ids[0], status: "changes_requested" }] },
      ]);
      expect(await documentStatus()).toBe("in_progress");
      expect(await reopenedRows()).toBe(1);
      // Once in progress, further changes append no second "reopened".
      const [next] = await eventsOf(doc.documentId, () => confirm(doc.ids[0]!, "News a, again."));
      expect(next).toMatchObject({ type: "segments.changed", reason: "saved" });
    });

    it("a save reopens it (the save's batch), and a save refused by the version check does not", async () => {
      await signOffAll();
      const id = doc.ids[1]!;
      const current = await prisma.segment.findUniqueOrThrow({ where: { id } });
      // The version check inside the batch (the caller's read was stale): nothing written, nothing reopened.
      const stale = await eventsOf(doc.documentId, async () => {
        const outcome = await saveTranslation({ segmentId: id, target: "Stale.", baseVersion: current.version - 1, confirm: false, actorId: reviewer.id }, { ...current, version: current.version - 1 });
        expect(outcome.kind).toBe("conflict");
      });
      expect(stale).toEqual([]);
      expect(await documentStatus()).toBe("approved");
      const events = await eventsOf(doc.documentId, () => saveTranslation({ segmentId: id, target: "News b, edited.", baseVersion: current.version, confirm: false, actorId: reviewer.id }));
      expect(events).toMatchObject([
        { ...REOPENED, actor: { name: "Rex" } },
        { type: "segments.changed", reason: "saved", segments: [{ id, target: "News b, edited." }] },
      ]);
      expect(await documentStatus()).toBe("in_progress");
      expect((await prisma.document.findUniqueOrThrow({ where: { id: doc.documentId } })).signedOffAt).toBeNull();
    });

    it("a join reopens it, and a reconnecting editor is replayed the reopening", async () => {
      await signOffAll();
      const { storedEvents } = await import("@/lib/events/replay");
      const before = (await prisma.document.findUniqueOrThrow({ where: { id: doc.documentId } })).eventSeq;
      const events = await eventsOf(doc.documentId, () => joinWithNext(doc.ids[2]!, reviewer.id, () => true));
      expect(events.map((e) => e.type)).toEqual(["document.status", "segments.restructured"]);
      const replayed = await storedEvents(doc.documentId, before, 10);
      expect(replayed).toEqual(events);
    });
  });

  it("a confirm that propagates to repetitions, and undoing the propagation", async () => {
    const rep = await newDocument(["重复的句子。", "别的。", "重复的句子。"]);
    let batch: string | null = null;
    const events = await eventsOf(rep.documentId, async () => {
      const outcome = await saveTranslation({ segmentId: rep.ids[0]!, target: "The repeated sentence.", baseVersion: 1, confirm: true, actorId: translator.id });
      batch = outcome.kind === "saved" ? (outcome.propagation?.batch ?? null) : null;
    });
    expect(events).toMatchObject([
      { type: "segments.changed", reason: "saved", segments: [{ id: rep.ids[0], status: "translated" }] },
      { type: "segments.changed", reason: "propagated", segments: [{ id: rep.ids[2], target: "The repeated sentence.", propagatedFrom: 1 }] },
    ]);
    const [undone] = await eventsOf(rep.documentId, () => undoPropagation(rep.ids[0]!, batch!, translator.id));
    expect(undone).toMatchObject({ reason: "restored", segments: [{ id: rep.ids[2], target: "" }] });
  });

  it("restoring an older revision", async () => {
    const id = doc.ids[0]!;
    await saveTranslation({ segmentId: id, target: "First.", baseVersion: 1, confirm: false, actorId: translator.id });
    await saveTranslation({ segmentId: id, target: "Second.", baseVersion: 2, confirm: false, actorId: translator.id });
    const revision = await prisma.revision.findFirstOrThrow({ where: { segmentId: id, version: 2 } });
    const [event] = await eventsOf(doc.documentId, () => restoreRevision({ segmentId: id, revisionId: revision.id, baseVersion: 3, actorId: translator.id }));
    expect(event).toMatchObject({ reason: "restored", segments: [{ id, target: "First.", version: 4 }] });
  });

  it("find and replace", async () => {
    await saveTranslation({ segmentId: doc.ids[0]!, target: "colour one", baseVersion: 1, confirm: false, actorId: translator.id });
    const spec = { find: "colour", replace: "color", regex: false, matchCase: false };
    const preview = await previewReplace(doc.documentId, spec, translator, "translator");
    if (!Array.isArray(preview)) throw new Error("no preview");
    const [event] = await eventsOf(doc.documentId, () => applyReplace(doc.documentId, spec, preview.map((c) => ({ segmentId: c.segmentId, version: c.version })), translator, "translator"));
    expect(event).toMatchObject({ reason: "replaced", segments: [{ target: "color one" }] });
  });

  it("join, split, their undo, and a source correction", async () => {
    const [joined] = await eventsOf(doc.documentId, () => joinWithNext(doc.ids[0]!, translator.id, () => true));
    expect(joined).toMatchObject({ type: "segments.restructured", action: "join", removedIds: [doc.ids[1]], segments: [{ id: doc.ids[0], source: expect.stringContaining("乙地") }] });
    const [undone] = await eventsOf(doc.documentId, () => undoRestructure(doc.ids[0]!, translator.id, false));
    expect(undone).toMatchObject({ type: "segments.restructured", action: "undo", removedIds: [] });
    expect((undone as { segments: { id: string }[] }).segments.map((s) => s.id)).toEqual([doc.ids[0], doc.ids[1]]);
    let newId = "";
    const [split] = await eventsOf(doc.documentId, async () => (newId = (await splitSegment(doc.ids[2]!, 3, null, translator.id, () => true)).newId));
    expect(split).toMatchObject({ action: "split", segments: [{ id: doc.ids[2], source: "丙地的" }, { id: newId, source: "消息。" }] });
    const [corrected] = await eventsOf(doc.documentId, async () => correctSource(doc.ids[3]!, "丁地的新消息。", await version(doc.ids[3]!), translator.id));
    expect(corrected).toMatchObject({ type: "segments.changed", reason: "source", segments: [{ id: doc.ids[3], source: "丁地的新消息。" }] });
  });

  it("a re-imported file's translations applied", async () => {
    const changes = doc.ids.slice(0, 2).map((segmentId, i) => ({ segmentId, version: 1, target: `Imported ${"ab"[i]}.` }));
    const [event] = await eventsOf(doc.documentId, () => applyTranslations({ documentId: doc.documentId, changes, actor: translator, role: "translator", origin: "file.xliff" }));
    expect(event).toMatchObject({ type: "segments.changed", reason: "reimported", actor: { name: "Tia" }, segments: [{ target: "Imported a." }, { target: "Imported b." }] });
  });

  describe("machine translation fill", () => {
    let server: http.Server;
    let base: string;
    beforeAll(async () => {
      server = http.createServer((req, res) => {
        req.resume();
        req.on("end", () => {
          res.writeHead(200, { "content-type": "application/json" });
          res.end(JSON.stringify({ choices: [{ message: { content: "Machine text." } }] }));
        });
      });
      await new Promise<void>((r) => server.listen(0, "127.0.0.1", r));
      base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
    });
    afterAll(() => new Promise<void>((r) => server.close(() => r())));

    it("one event for the segments a batch filled", async () => {
      const provider = openAiCompatible({ baseUrl: base, model: "m", timeoutMs: 5_000 });
      const events = await eventsOf(doc.documentId, () => pretranslate(doc.documentId, provider, translator.id));
      expect(events).toHaveLength(1);
      expect(events[0]).toMatchObject({ reason: "pretranslated" });
      expect((events[0] as { segments: { machineTranslated: boolean }[] }).segments.map((s) => s.machineTranslated)).toEqual([true, true, true, true]);
    });
  });
});
