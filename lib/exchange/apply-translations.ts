import { recordDocumentActivity } from "@/lib/activity/record-activity";
import { appendSegmentsChanged } from "@/lib/events/append-event";
import { publishDocumentEvents, withPublish } from "@/lib/events/publish";
import { prisma } from "@/lib/db";
import { dialect } from "@/lib/db-dialect";
import { can, type Actor, type ProjectRole } from "@/lib/auth/permissions";
import { liveSegmentsOf } from "@/lib/documents/document-queries";
import { CodedError, errorMessage, type ErrorCode, type ErrorParams } from "@/lib/http/coded-error";
import type { Locale } from "@/lib/i18n/locales";
import { newId } from "@/lib/ids";
import { Fenced, fenceSegmentsInSlices } from "@/lib/jobs/fence";
import type { JobHandle } from "@/lib/jobs/registry";
import { inSlices, TimeSlicer, yieldToEventLoop } from "@/lib/jobs/time-slice";
import { statusAfterSave } from "@/lib/revisions/save-translation";
import { normaliseTarget, targetProblemCode } from "@/lib/revisions/target-text";
import { reopenIfSignedOff } from "@/lib/review/sign-off";
import { withBulkFtsWrites, type FtsBulkWrite } from "@/lib/concordance/fts-merge";

/** A translation coming back from a file for an existing segment. */
export interface IncomingTranslation {
  segmentId: string;
  target: string;
  /** The segment version the file was exported at, when the file says (Duizhao's own files). */
  exportedVersion: number | null;
}

export interface PlannedChange {
  segmentId: string;
  number: number;
  source: string;
  /** The text in Duizhao now. */
  current: string;
  /** The text in the file. */
  incoming: string;
  /** The text when the file was exported (null when unknown). */
  exported: string | null;
  version: number;
  /** The segment was changed in Duizhao after the export: applying would overwrite that edit. */
  conflict: boolean;
  /** Why this person may not apply it, if they may not (in the language the plan was made for). */
  refused: string | null;
}

export interface TranslationPlan {
  changes: PlannedChange[];
  unchanged: number;
  /** Units whose id is not a live segment of this document. */
  unknown: string[];
}

/**
 * What applying a file's translations would change — nothing is written. A unit is a conflict
 * when the segment's text in Duizhao is no longer the one exported (someone edited it since) and
 * the file says something else again: such changes are shown, never applied blindly.
 */
export async function planTranslations(documentId: string, incoming: IncomingTranslation[], actor: Actor, role: ProjectRole, locale: Locale = "en"): Promise<TranslationPlan> {
  // Read in pages with a turn of the event loop between (a 20,000-row file; lib/jobs/time-slice.ts).
  const segments = new Map<string, Segment>();
  for (let after = -1; ; ) {
    const page = await prisma.segment.findMany({ where: { ...liveSegmentsOf(documentId), position: { gt: after } }, orderBy: { position: "asc" }, take: 2_000 });
    for (const s of page) segments.set(s.id, s);
    if (page.length < 2_000) break;
    after = page.at(-1)!.position;
    await yieldToEventLoop();
  }
  const versions = incoming.filter((u) => u.exportedVersion !== null && segments.has(u.segmentId));
  const exportedTexts = new Map<string, string>();
  for (let i = 0; i < versions.length; i += IDS_PER_QUERY) {
    const slice = versions.slice(i, i + IDS_PER_QUERY);
    const revisions = await prisma.revision.findMany({
      where: { segmentId: { in: slice.map((u) => u.segmentId) } },
      select: { segmentId: true, version: true, target: true },
    });
    const wanted = new Set(slice.map((u) => `${u.segmentId}@${u.exportedVersion}`));
    for (const r of revisions) if (wanted.has(`${r.segmentId}@${r.version}`)) exportedTexts.set(`${r.segmentId}@${r.version}`, r.target);
    await yieldToEventLoop();
  }
  const plan: TranslationPlan = { changes: [], unchanged: 0, unknown: [] };
  const slicer = new TimeSlicer();
  for (const unit of incoming) {
    await slicer.maybeYield();
    const s = segments.get(unit.segmentId);
    if (!s) {
      plan.unknown.push(unit.segmentId);
      continue;
    }
    const incomingText = normaliseTarget(unit.target);
    if (incomingText === s.target) {
      plan.unchanged++;
      continue;
    }
    const exported = unit.exportedVersion !== null ? (exportedTexts.get(`${s.id}@${unit.exportedVersion}`) ?? null) : null;
    const changedSince = unit.exportedVersion !== null && s.version !== unit.exportedVersion && exported !== null && exported !== s.target;
    const problem = targetProblemCode(incomingText);
    plan.changes.push({
      segmentId: s.id,
      number: s.position + 1,
      source: s.source,
      current: s.target,
      incoming: incomingText,
      exported,
      version: s.version,
      conflict: changedSince,
      refused: !can(actor, "segment.edit", { role, segmentStatus: s.status })
        ? errorMessage("reimport-role-cannot-edit", { status: s.status }, locale)
        : problem
          ? errorMessage(problem.code, problem.params, locale)
          : null,
    });
  }
  plan.changes.sort((a, b) => a.number - b.number);
  return plan;
}

/** Applying refused as a whole (409): a coded refusal, so the form shows it in the person's language. */
export class ApplyRefused extends CodedError {
  constructor(code: ErrorCode, params: ErrorParams = {}) {
    super(code, 409, params);
  }
}

interface Change {
  segmentId: string;
  version: number;
  target: string;
}

type Segment = Awaited<ReturnType<typeof prisma.segment.findMany>>[number];
type Db = Pick<typeof prisma, "segment" | "revision" | "document" | "activityEvent" | "webhook" | "outboxMessage" | "mention" | "$executeRaw" | "$executeRawUnsafe" | "$queryRaw" | "comment" | "user">;

/** Ids per `IN (…)` list (bound parameters), and the most changes one slice may write. */
export const IDS_PER_QUERY = 500;

/** A change applied, with what the segment was before, so it can be put back. */
interface Applied {
  segment: Segment;
  revisionId: string;
  version: number;
}

/** What a save or status change to a segment this apply is writing is refused with (lib/jobs/fence.ts). */
export const BEING_REIMPORTED = new CodedError("segment-being-reimported", 409).code;

/** Thrown inside a slice when a segment changed after it was checked: the whole apply is undone. */
export class ChangedMeanwhile extends Error {
  constructor(readonly segment: number) {
    super(`Segment #${segment} changed meanwhile`);
  }
}

/**
 * Fences the segments a re-import (plain or tracked) is about to change; answers the release, or
 * refuses with "reimport-busy" when another operation holds any of them. The fence also serves
 * PostgreSQL: a save on this instance to a segment being changed gets the same early answer
 * instead of waiting for the transaction's row lock (other instances still meet the lock, and the
 * guarded writes keep the outcome all or nothing).
 */
export async function fenceForReimport(segmentIds: readonly string[]): Promise<() => void> {
  try {
    return await fenceSegmentsInSlices(segmentIds, BEING_REIMPORTED);
  } catch (error) {
    if (error instanceof Fenced) throw new ApplyRefused("reimport-busy");
    throw error;
  }
}

/** The live segments of a document among `ids`, read IDS_PER_QUERY at a time with a turn of the event loop between. */
export async function readLiveSegments(db: Pick<Db, "segment">, documentId: string, ids: readonly string[], job?: JobHandle): Promise<Map<string, Segment>> {
  const segments = new Map<string, Segment>();
  for (let start = 0; start < ids.length; start += IDS_PER_QUERY) {
    for (const s of await db.segment.findMany({ where: { ...liveSegmentsOf(documentId), id: { in: ids.slice(start, start + IDS_PER_QUERY) } } })) segments.set(s.id, s);
    job?.progress(Math.min(ids.length, start + IDS_PER_QUERY));
    await yieldToEventLoop();
  }
  return segments;
}

/**
 * Applies the chosen changes as revisions, all or nothing: each is checked against the version
 * the person saw in the preview, and if any segment changed since, or may not be edited, nothing
 * is written and the reason names the segments. A segment listed twice is changed once (the last
 * listing counts).
 *
 * The work is sliced so that a 20,000-change file no longer holds the server for 15 s. With
 * PostgreSQL it is one transaction (others are not blocked by it). With SQLite, where one
 * transaction would block every other request, the changes are committed in slices of a few
 * milliseconds with the segments fenced (lib/jobs/fence.ts) — a save to one of them is refused
 * meanwhile — and if anything fails half-way, the slices already written are taken back: the
 * segments get their earlier text, status and version again and the new revisions are deleted.
 * Other people may see the new texts arrive during those seconds; the outcome is all or nothing.
 */
export async function applyTranslations(
  input: { documentId: string; changes: Change[]; actor: Actor; role: ProjectRole; origin: string },
  job?: JobHandle,
): Promise<{ applied: number }> {
  const changes = await lastOfEach(input.changes);
  if (!changes.length) throw new ApplyRefused("reimport-nothing-chosen");
  const finish = async (db: Db) => {
    const reopened = await reopenIfSignedOff(db, input.documentId, input.actor.id, null, "import");
    await recordDocumentActivity(db, { documentId: input.documentId, actorId: input.actor.id, type: "document.translations_imported", data: { origin: input.origin, applied: changes.length } });
    // The live event goes with the apply's last transaction (nothing is announced if it is taken back).
    return [reopened, ...(await appendSegmentsChanged(db, input.documentId, input.actor.id, "reimported", changes.map((c) => c.segmentId)))];
  };
  const release = await fenceForReimport(changes.map((c) => c.segmentId));
  if (dialect === "postgresql") {
    try {
      return await withPublish(
        prisma.$transaction(
          async (tx) => {
            const checked = await checkChanges(tx, input, changes, job);
            await writeInSlices(checked, (slice, write) => write(tx, slice), input, job);
            return { result: { applied: changes.length }, events: await finish(tx) };
          },
          { timeout: 120_000 },
        ),
      );
    } catch (error) {
      if (error instanceof ChangedMeanwhile) throw new ApplyRefused("reimport-changed-during", { n: error.segment });
      throw error;
    } finally {
      release();
    }
  }
  const applied: Applied[] = [];
  try {
    const checked = await checkChanges(prisma, input, changes, job);
    // The concordance index merges between the slices, not inside a slice's UPDATE (lib/concordance/fts-merge.ts).
    await withBulkFtsWrites(["SegmentFts"], (fts) =>
      writeInSlices(checked, (slice, write) => prisma.$transaction(async (tx) => applied.push(...(await write(tx, slice)))), input, job, fts),
    );
    const events = await prisma.$transaction(async (tx) => finish(tx));
    await publishDocumentEvents(events);
    return { applied: changes.length };
  } catch (error) {
    await takeBack(applied, job);
    if (error instanceof ChangedMeanwhile) throw new ApplyRefused("reimport-changed-during", { n: error.segment });
    throw error;
  } finally {
    release();
  }
}

/**
 * The last listing of each segment, in the order first listed, under a time budget: collapsing
 * 20,000 changes in one go held the loop 10–35 ms on a loaded machine (100,000 are allowed).
 */
export async function lastOfEach<T extends { segmentId: string }>(items: readonly T[]): Promise<T[]> {
  const slicer = new TimeSlicer();
  const last = new Map<string, T>();
  for (const item of items) {
    await slicer.maybeYield();
    last.set(item.segmentId, item);
  }
  return [...last.values()];
}

/** Reads the segments (in pieces) and checks every change before anything is written. */
async function checkChanges(db: Db, input: { documentId: string; actor: Actor; role: ProjectRole }, changes: Change[], job?: JobHandle) {
  job?.phase("checking", changes.length);
  const segments = await readLiveSegments(db, input.documentId, changes.map((c) => c.segmentId), job);
  const stale: number[] = [];
  const checked: { change: Change; segment: Segment; target: string }[] = [];
  const slicer = new TimeSlicer();
  for (const change of changes) {
    await slicer.maybeYield();
    const s = segments.get(change.segmentId);
    if (!s) throw new ApplyRefused("reimport-segment-gone");
    const target = normaliseTarget(change.target);
    const problem = targetProblemCode(target);
    if (problem) throw new ApplyRefused(problem.code === "target-too-long" ? "reimport-segment-too-long" : "reimport-segment-control-characters", { n: s.position + 1, ...problem.params });
    if (!can(input.actor, "segment.edit", { role: input.role, segmentStatus: s.status })) throw new ApplyRefused("reimport-segment-role", { n: s.position + 1, status: s.status });
    if (s.version !== change.version) stale.push(s.position + 1);
    else checked.push({ change, segment: s, target });
  }
  if (stale.length) {
    stale.sort((a, b) => a - b);
    throw new ApplyRefused("reimport-stale", { count: stale.length, segments: `#${stale.join(", #")}` });
  }
  return checked;
}

type Checked = Awaited<ReturnType<typeof checkChanges>>;
type SliceWriter = (db: Db, slice: readonly Checked[number][]) => Promise<Applied[]>;

/** Writes the checked changes in slices of a few milliseconds: one guarded UPDATE per segment and one multi-row INSERT of revisions per slice. */
async function writeInSlices(
  checked: Checked,
  run: (slice: readonly Checked[number][], write: SliceWriter) => Promise<unknown>,
  input: { actor: Actor; role: ProjectRole; origin: string },
  job?: JobHandle,
  fts?: FtsBulkWrite,
) {
  job?.phase("applying", checked.length);
  const note = JSON.stringify({ import: input.origin });
  const write: SliceWriter = async (db, slice) => {
    const done: Applied[] = [];
    const rows: [string, string, string, number][] = [];
    const revisions = [];
    for (const { change, segment: s, target } of slice) {
      const status = statusAfterSave(s.status, target !== s.target, target, false);
      rows.push([s.id, target, status, change.version]);
      const revisionId = newId();
      revisions.push({ id: revisionId, segmentId: s.id, documentId: s.documentId, version: s.version + 1, kind: "edit", source: s.source, target, status, authorId: input.actor.id, authorRole: input.role, note });
      done.push({ segment: s, revisionId, version: s.version + 1 });
    }
    // One guarded UPDATE for the slice (a statement per segment cost ~1 ms each: 15 s for 20,000).
    const updated = await db.$executeRawUnsafe(GUARDED_UPDATE[dialect], new Date(), JSON.stringify(rows));
    if (updated !== slice.length) throw new ChangedMeanwhile(await firstChanged(db, slice));
    await db.revision.createMany({ data: revisions });
    return done;
  };
  await inSlices(checked, async (slice) => void (await run(slice, write)), { initial: 20, max: IDS_PER_QUERY, onProgress: (done) => job?.progress(done), between: fts?.between });
}

/**
 * Sets target, status and version + 1 of each [id, target, status, version] row whose version
 * is still the one given. Parameters: the time, then the rows as one JSON array (lib/bulk-insert.ts
 * explains why).
 */
const GUARDED_UPDATE = {
  sqlite: `UPDATE "Segment" SET "target" = j."target", "status" = j."status", "version" = j."version" + 1, "updatedAt" = ?
    FROM (SELECT json_extract(value, '$[0]') AS "id", json_extract(value, '$[1]') AS "target", json_extract(value, '$[2]') AS "status", json_extract(value, '$[3]') AS "version" FROM json_each(?)) AS j
    WHERE "Segment"."id" = j."id" AND "Segment"."version" = j."version"`,
  postgresql: `UPDATE "Segment" AS s SET "target" = j."target", "status" = j."status", "version" = j."version" + 1, "updatedAt" = $1
    FROM (SELECT e->>0 AS "id", e->>1 AS "target", e->>2 AS "status", (e->>3)::int AS "version" FROM json_array_elements($2::json) AS e) AS j
    WHERE s."id" = j."id" AND s."version" = j."version"`,
} as const;

/** Which segment of a slice (its number) no longer had the version checked (for the message). */
async function firstChanged(db: Db, slice: readonly Checked[number][]): Promise<number> {
  // Read inside the slice's transaction: the others already carry this apply's text and version.
  const now = new Map((await db.segment.findMany({ where: { id: { in: slice.map((c) => c.segment.id) } }, select: { id: true, version: true, target: true } })).map((s) => [s.id, s]));
  const changed = slice.find((c) => now.get(c.segment.id)?.version !== c.change.version + 1 || now.get(c.segment.id)?.target !== c.target) ?? slice[0]!;
  return changed.segment.position + 1;
}

/** Puts back what a failed apply wrote (SQLite): earlier text, status and version, and no new revision. */
async function takeBack(applied: Applied[], job?: JobHandle) {
  if (!applied.length) return;
  job?.phase("takingBack", applied.length);
  await inSlices(
    applied,
    (slice) =>
      prisma.$transaction(async (tx) => {
        for (const { segment: s, version } of slice) {
          // The fence kept everyone else off these segments, so each is still at the version written.
          await tx.segment.updateMany({ where: { id: s.id, version }, data: { target: s.target, status: s.status, version: s.version, updatedAt: s.updatedAt } });
        }
        await tx.revision.deleteMany({ where: { id: { in: slice.map((a) => a.revisionId) } } });
      }),
    { initial: 20, max: IDS_PER_QUERY, onProgress: (done) => job?.progress(done) },
  );
}
