/**
 * Issue 13: freezing a version (by hand, on export, on sign-off) copied every live segment in one
 * INSERT … SELECT inside a transaction — on SQLite the one write lock held for the whole copy,
 * every other save waiting. Now, on SQLite, the version is copied in slices from a read snapshot
 * (a second, read-only connection in WAL mode) into a version hidden until its last slice is in:
 * saves go on between the slices and none of them leaks into the version, which stays the
 * document at one instant. Sign-off takes its snapshot under its own write lock, so its version
 * is the document exactly as signed off. PostgreSQL keeps the one statement (MVCC blocks no one).
 *
 * No timing: the order in which things happened, what the version holds, what others see.
 */
import { beforeAll, describe, expect, it, vi } from "vitest";
import type { SessionUser } from "@/lib/auth/session";

vi.setConfig({ testTimeout: 240_000 });

let currentUser: SessionUser | null = null;
vi.mock("@/lib/auth/session", () => ({ getSessionUser: async () => currentUser }));

const { prisma } = await import("@/lib/db");
const { dialect } = await import("@/lib/db-dialect");
const { saveTranslation } = await import("@/lib/revisions/save-translation");
const { createVersion, listVersions, loadSnapshot, compareVersions, ComparisonNotFound } = await import("@/lib/versions/version-repository");
const { startVersion } = await import("@/lib/versions/freeze");
const { removeUnfinishedVersions } = await import("@/lib/versions/unfinished-versions");
const { UNFINISHED_AFTER_MS } = await import("@/lib/documents/document-repository");
const { signOff } = await import("@/lib/review/sign-off");
const { recordExport } = await import("@/lib/exchange/export-document");
const { checkTrackOption } = await import("@/lib/exchange/tracked/tracked-export");
const { translatedDocument } = await import("../support/long-operations");

const SIZE = 8_000;
let projectId: string;
let owner: { id: string; name: string };

beforeAll(async () => {
  projectId = (await prisma.project.create({ data: { name: "Sliced freeze" } })).id;
  const user = await prisma.user.create({ data: { email: "owner@freeze.example", name: "Olga Owner", passwordHash: "x" } });
  owner = { id: user.id, name: user.name };
  await prisma.membership.create({ data: { projectId, userId: owner.id, role: "owner" } });
  currentUser = { id: user.id, email: user.email, name: user.name, isAdmin: false };
});

type Row = [string, number, string, string, string, string];
const liveRows = async (documentId: string): Promise<Row[]> =>
  (await prisma.segment.findMany({ where: { documentId, removedAt: null }, orderBy: { position: "asc" } })).map((s) => [s.id, s.position, s.kind, s.source, s.target, s.status]);
const versionRows = async (versionId: string): Promise<Row[]> =>
  (await prisma.versionSegment.findMany({ where: { versionId }, orderBy: { position: "asc" } })).map((s) => [s.segmentId, s.position, s.kind, s.source, s.target, s.status]);

const save = async (segmentId: string, target: string) => {
  const { version } = await prisma.segment.findUniqueOrThrow({ where: { id: segmentId }, select: { version: true } });
  return (await saveTranslation({ segmentId, target, baseVersion: version, confirm: false, actorId: owner.id })).kind;
};

/**
 * Runs `work` noting, in order, each interactive transaction it opens ("tx 1", "tx 2", …); at the
 * start of the transaction numbered `at`, before it runs, `meanwhile` is called (awaited when
 * `wait`). Batch transactions (a save's) pass through uncounted.
 */
async function watchingTransactions<T>(work: () => Promise<T>, at: number, meanwhile: (log: string[]) => Promise<unknown>, wait: boolean): Promise<{ result: T; log: string[] }> {
  const log: string[] = [];
  let count = 0;
  const original = prisma.$transaction.bind(prisma);
  const spy = vi.spyOn(prisma, "$transaction").mockImplementation((async (...args: Parameters<typeof prisma.$transaction>) => {
    if (typeof args[0] !== "function") return (original as (...a: unknown[]) => unknown)(...args);
    count++;
    log.push(`tx ${count}`);
    if (count === at) {
      const done = meanwhile(log);
      if (wait) await done;
    }
    return (original as (...a: unknown[]) => unknown)(...args);
  }) as typeof prisma.$transaction);
  try {
    return { result: await work(), log };
  } finally {
    spy.mockRestore();
  }
}

describe.skipIf(dialect === "postgresql")("freezing a large document on SQLite", () => {
  it("copies in slices: saves landing between them are not in the version, which is the document at the freeze's instant", async () => {
    const { documentId, ids } = await translatedDocument(projectId, SIZE);
    const before = await liveRows(documentId);
    // After the first slice is in: one segment already copied, one not yet.
    const { result: version, log } = await watchingTransactions(
      () => createVersion(documentId, "Snapshot", owner.id),
      2,
      async (log) => {
        log.push(`saved ${await save(ids[0]!, "Changed after the freeze began.")}`);
        log.push(`saved ${await save(ids.at(-1)!, "Also changed after it began.")}`);
      },
      true,
    );
    expect(log.slice(0, 4)).toEqual(["tx 1", "tx 2", "saved saved", "saved saved"]);
    // Slices of at most 2,000 segments, and the short last transaction that shows the version.
    expect(log.filter((l) => l.startsWith("tx")).length).toBeGreaterThan(SIZE / 2_000 + 1);
    expect(await versionRows(version.id)).toEqual(before);
    expect(version.freezing).toBe(false);
    const now = await liveRows(documentId);
    expect(now[0]![4]).toBe("Changed after the freeze began.");
    expect(now.at(-1)![4]).toBe("Also changed after it began.");
    expect((await listVersions(documentId, "en")).map((v) => [v.label, v.segments])).toEqual([["Snapshot", SIZE]]);
  });

  it("gives other writers turns: a save issued during a large freeze completes before the freeze does", async () => {
    const { documentId, ids } = await translatedDocument(projectId, SIZE);
    let saved: Promise<unknown> = Promise.resolve();
    const { log } = await watchingTransactions(
      () => createVersion(documentId, "While saving", owner.id),
      1,
      async (log) => void (saved = save(ids[5]!, "Saved while freezing.").then((kind) => log.push(`saved ${kind}`))),
      false,
    );
    await saved;
    const savedAt = log.indexOf("saved saved");
    const lastTransaction = log.findLastIndex((l) => l.startsWith("tx"));
    // Before the fix: one transaction, the save waiting for its commit (saved after "tx 1", the last).
    expect(savedAt).toBeGreaterThan(0);
    expect(savedAt).toBeLessThan(lastTransaction);
  });

  it("signs off exactly what was approved: a save landing during the copy reopens the document and is not in the version", async () => {
    const { documentId, ids } = await translatedDocument(projectId, SIZE);
    await prisma.segment.updateMany({ where: { documentId }, data: { status: "approved" } });
    const before = await liveRows(documentId);
    // tx 1 is the sign-off itself (snapshot taken under its write lock), tx 2 the first slice.
    const { result, log } = await watchingTransactions(() => signOff(documentId, owner), 3, async (log) => log.push(`saved ${await save(ids[100]!, "Edited after sign-off.")}`), true);
    expect(log).toContain("saved saved");
    expect(await versionRows(result.versionId)).toEqual(before);
    const version = await prisma.documentVersion.findUniqueOrThrow({ where: { id: result.versionId } });
    expect(version).toMatchObject({ reason: "signoff", freezing: false });
    // The save came after the sign-off: it reopened the document, as any change to a signed-off one does.
    expect((await prisma.document.findUniqueOrThrow({ where: { id: documentId } })).status).toBe("in_progress");
    expect(await prisma.activityEvent.count({ where: { documentId, type: "document.reopened" } })).toBe(1);
  });

  it("a freeze that fails half-way leaves nothing; a sign-off whose copy fails does not stand", async () => {
    const { documentId } = await translatedDocument(projectId, SIZE);
    const failing = () => Promise.reject(new Error("disk full"));
    await expect(watchingTransactions(() => createVersion(documentId, "Broken", owner.id), 3, failing, true)).rejects.toThrow("disk full");
    expect(await prisma.documentVersion.count({ where: { documentId } })).toBe(0);
    expect(await prisma.versionSegment.count({ where: { version: { documentId } } })).toBe(0);

    await prisma.segment.updateMany({ where: { documentId }, data: { status: "approved" } });
    await expect(watchingTransactions(() => signOff(documentId, owner), 3, failing, true)).rejects.toThrow("disk full");
    expect(await prisma.documentVersion.count({ where: { documentId } })).toBe(0);
    const document = await prisma.document.findUniqueOrThrow({ where: { id: documentId } });
    expect(document.status).toBe("in_progress");
    const reopened = await prisma.activityEvent.findFirstOrThrow({ where: { documentId, type: "document.reopened" } });
    expect(JSON.parse(reopened.data)).toEqual({ cause: "sign-off-interrupted" });
  });

  it("at server start, a version a stopped process left half-frozen is removed (its sign-off reopened); a recent one is left", async () => {
    const { documentId } = await translatedDocument(projectId, 50);
    const long = new Date(Date.now() - UNFINISHED_AFTER_MS - 60_000);
    await prisma.document.update({ where: { id: documentId }, data: { status: "approved", signedOffAt: long, signedOffById: owner.id } });
    const stale = await startVersion(prisma, { documentId, label: "signoff", reason: "signoff", authorId: owner.id, createdAt: long });
    const recent = await startVersion(prisma, { documentId, label: "Under way", reason: "manual", authorId: owner.id, createdAt: new Date() });
    for (const v of [stale, recent]) {
      await prisma.versionSegment.createMany({ data: Array.from({ length: 30 }, (_, position) => ({ versionId: v.id, segmentId: `s${position}`, position, kind: "paragraph", source: "源", target: "", status: "approved" })) });
    }
    expect(await removeUnfinishedVersions()).toBe(1);
    expect(await prisma.documentVersion.findUnique({ where: { id: stale.id } })).toBeNull();
    expect(await prisma.versionSegment.count({ where: { versionId: stale.id } })).toBe(0);
    expect(await prisma.versionSegment.count({ where: { versionId: recent.id } })).toBe(30);
    expect((await prisma.document.findUniqueOrThrow({ where: { id: documentId } })).status).toBe("in_progress");
  });
});

describe.skipIf(dialect !== "postgresql")("freezing a large document on PostgreSQL", () => {
  it("is one transaction (it blocks no one's writes there), the document as it was", async () => {
    const { documentId } = await translatedDocument(projectId, 3_000);
    const before = await liveRows(documentId);
    const { result: version, log } = await watchingTransactions(() => createVersion(documentId, "One go", owner.id), 99, async () => undefined, false);
    expect(log).toEqual(["tx 1"]);
    expect(await versionRows(version.id)).toEqual(before);
  });
});

describe("a version still being frozen", () => {
  it("is shown nowhere: not listed, compared, exported against or matched by an export", async () => {
    const { documentId } = await translatedDocument(projectId, 20);
    const shown = await createVersion(documentId, "Complete", owner.id);
    const hidden = await startVersion(prisma, { documentId, label: "Half", reason: "manual", authorId: owner.id, createdAt: new Date(Date.now() + 60_000) });
    expect((await listVersions(documentId, "en")).map((v) => v.id)).toEqual([shown.id]);
    expect(await loadSnapshot(documentId, hidden.id)).toBeNull();
    await expect(compareVersions(documentId, hidden.id, "now")).rejects.toBeInstanceOf(ComparisonNotFound);
    await expect(checkTrackOption(documentId, { mode: "versions", from: hidden.id, to: "now" })).rejects.toMatchObject({ code: "track-version-not-found" });
    // The document is unchanged since "Complete": an export refers to it, not to the hidden (later) one.
    expect(await recordExport(documentId, { format: "csv", scope: "all", withComments: false }, owner.id)).toMatchObject({ versionId: shown.id, created: false });
    await prisma.segment.updateMany({ where: { documentId, position: 0 }, data: { target: "Changed." } });
    const exported = await recordExport(documentId, { format: "csv", scope: "all", withComments: false }, owner.id);
    expect(exported.created).toBe(true);
    expect((await versionRows(exported.versionId))[0]![4]).toBe("Changed.");
    expect((await listVersions(documentId, "en")).map((v) => v.id).sort()).toEqual([shown.id, exported.versionId].sort());
  });
});
