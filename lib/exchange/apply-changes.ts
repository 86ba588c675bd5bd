import { recordDocumentActivity } from "@/lib/activity/record-activity";
import { can, type Actor, type ProjectRole } from "@/lib/auth/permissions";
import { bulkInsert } from "@/lib/bulk-insert";
import { withBulkFtsWrites, type FtsBulkWrite } from "@/lib/concordance/fts-merge";
import { prisma } from "@/lib/db";
import { dialect } from "@/lib/db-dialect";
import { appendSegmentsChanged } from "@/lib/events/append-event";
import { publishDocumentEvents, withPublish } from "@/lib/events/publish";
import type { ErrorCode, ErrorParams } from "@/lib/http/coded-error";
import { newId } from "@/lib/ids";
import type { JobHandle } from "@/lib/jobs/registry";
import { inSlices, SliceSizer, TimeSlicer, yieldToEventLoop } from "@/lib/jobs/time-slice";
import { statusAfterSave } from "@/lib/revisions/save-translation";
import { normaliseTarget, targetProblemCode } from "@/lib/revisions/target-text";
import { reopenIfSignedOff } from "@/lib/review/sign-off";
import { ApplyRefused, ChangedMeanwhile, fencePageForReimport, IDS_PER_QUERY, liveSegmentsIn } from "./apply-guards";

/**
 * Applying a re-import's chosen changes as revisions, all or nothing, without holding the server:
 * the changes are read a page at a time from where they are (a plan kept in the database,
 * reimport-plans.ts, or a list), three times — to fence their segments, to check them all before
 * anything is written, and to write them in slices sized by their CPU time — so the apply never
 * holds all of them, nor their segments, at once (a 20,000-change apply held the plan, every
 * segment and every revision alive: young-generation collections of 40–100 ms of CPU and a heap
 * that grew to full collections).
 */

/** One chosen change: the segment, its version in the preview the person saw, the text to write. */
export interface Change {
  segmentId: string;
  version: number;
  target: string;
}

type Db = Pick<
  typeof prisma,
  "segment" | "revision" | "document" | "activityEvent" | "webhook" | "outboxMessage" | "mention" | "$executeRaw" | "$executeRawUnsafe" | "$queryRaw" | "comment" | "user" | "reimportPlanPage"
>;

/**
 * Where an apply's changes come from. `pages` calls `each` with every page of changes (a few
 * hundred) in order, awaiting each, with the number of listings read so far (out of `total`:
 * the checking's progress); a source gives the same changes each time it is read.
 */
export interface ChangeSource {
  total: number;
  pages(db: Pick<typeof prisma, "reimportPlanPage">, each: (changes: readonly Change[], read: number) => Promise<void>): Promise<void>;
}

/** Changes per page when they come from a list (the size of a kept plan's pages). */
const LIST_PAGE = 200;

/**
 * A list of changes as a source, a page at a time with a turn of the event loop before each page,
 * the first included: each reading (to fence, to check, to write) then starts after a turn, so the
 * end of one phase and the start of the next are never one stretch of synchronous work — in a
 * freshly started server, whose code still runs cold, such a stretch held the loop ~80 ms.
 */
export function listedChanges(changes: readonly Change[]): ChangeSource {
  return {
    total: changes.length,
    async pages(_db, each) {
      for (let start = 0; start < changes.length; start += LIST_PAGE) {
        await yieldToEventLoop();
        await each(changes.slice(start, start + LIST_PAGE), Math.min(changes.length, start + LIST_PAGE));
      }
    },
  };
}

/** A change applied, with what the segment was before, so it can be put back (SQLite). */
interface Applied {
  segment: { id: string; target: string; status: string; version: number; updatedAt: Date };
  revisionId: string;
  version: number;
}

/**
 * Applies the chosen changes as revisions, all or nothing: each is checked against the version
 * the person saw in the preview, and if any segment changed since, or may not be edited, nothing
 * is written and the reason names the segments. A segment listed twice is changed once (the last
 * listing counts).
 *
 * With PostgreSQL it is one transaction (others are not blocked by it). With SQLite, where one
 * transaction would block every other request, the changes are committed in slices of a few
 * milliseconds of CPU with the segments fenced (lib/jobs/fence.ts) — a save to one of them is
 * refused meanwhile — and if anything fails half-way, the slices already written are taken back:
 * the segments get their earlier text, status and version again and the new revisions are
 * deleted. Other people may see the new texts arrive during those seconds; the outcome is all or
 * nothing.
 */
export async function applyChanges(
  input: { documentId: string; actor: Actor; role: ProjectRole; origin: string },
  source: ChangeSource,
  job?: JobHandle,
): Promise<{ applied: number }> {
  // Fenced a page at a time as the changes are first read, all before any is checked.
  const fences: (() => void)[] = [];
  const finish = async (db: Db, segmentIds: string[]) => {
    const reopened = await reopenIfSignedOff(db, input.documentId, input.actor.id, null, "import");
    await recordDocumentActivity(db, { documentId: input.documentId, actorId: input.actor.id, type: "document.translations_imported", data: { origin: input.origin, applied: segmentIds.length } });
    // The live event goes with the apply's last transaction (nothing is announced if it is taken back).
    return [reopened, ...(await appendSegmentsChanged(db, input.documentId, input.actor.id, "reimported", segmentIds))];
  };
  if (dialect === "postgresql") {
    try {
      return await withPublish(
        prisma.$transaction(
          async (tx) => {
            job?.phase("checking", source.total);
            const chosen = await fenceChanges(tx, source, fences);
            await checkChanges(tx, input, source, chosen, job);
            await writeChanges(tx, chosen, source, (slice, write) => write(tx, slice), input, job);
            return { result: { applied: chosen.size }, events: await finish(tx, [...chosen.keys()]) };
          },
          { timeout: 120_000 },
        ),
      );
    } catch (error) {
      if (error instanceof ChangedMeanwhile) throw new ApplyRefused("reimport-changed-during", { n: error.segment });
      throw error;
    } finally {
      fences.forEach((release) => release());
    }
  }
  const applied: Applied[] = [];
  try {
    job?.phase("checking", source.total);
    const chosen = await fenceChanges(prisma, source, fences);
    await checkChanges(prisma, input, source, chosen, job);
    // The concordance index merges between the slices, not inside a slice's UPDATE (lib/concordance/fts-merge.ts).
    await withBulkFtsWrites(["SegmentFts"], (fts) =>
      writeChanges(prisma, chosen, source, (slice, write) => prisma.$transaction(async (tx) => void applied.push(...(await write(tx, slice)))), input, job, fts),
    );
    // The closing transaction (sign-off reopened, activity, the live event) after a turn of its own.
    await yieldToEventLoop();
    const events = await prisma.$transaction(async (tx) => finish(tx, [...chosen.keys()]));
    await publishDocumentEvents(events);
    return { applied: chosen.size };
  } catch (error) {
    await takeBack(applied, job);
    if (error instanceof ChangedMeanwhile) throw new ApplyRefused("reimport-changed-during", { n: error.segment });
    throw error;
  } finally {
    fences.forEach((release) => release());
  }
}

/** Why a change may not be applied: a refusal (code and parameters, made into an error only if thrown), or the segment's number when it changed since the preview. */
type Refusal = [ErrorCode, ErrorParams] | number;

/**
 * Reads the changes a page at a time and fences their segments, before any is checked (a save
 * landing on a segment not fenced yet is an ordinary earlier save, which the check then finds
 * stale). Answers each chosen segment with the place (among all listings) of its last listing,
 * the one that counts, in the order first listed.
 */
async function fenceChanges(db: Db, source: ChangeSource, fences: (() => void)[]): Promise<Map<string, number>> {
  const last = new Map<string, number>();
  let place = 0;
  await source.pages(db, async (changes) => {
    const fresh = [...new Set(changes.map((c) => c.segmentId))].filter((id) => !last.has(id));
    if (fresh.length) fences.push(fencePageForReimport(fresh));
    for (const change of changes) last.set(change.segmentId, place++);
  });
  if (!last.size) throw new ApplyRefused("reimport-nothing-chosen");
  return last;
}

/**
 * Reads the changes again, with their segments, a page at a time, and checks every last listing
 * before anything is written; refuses as the apply's whole answer.
 */
async function checkChanges(db: Db, input: { documentId: string; actor: Actor; role: ProjectRole }, source: ChangeSource, last: Map<string, number>, job?: JobHandle): Promise<void> {
  const refusals = new Map<string, Refusal>();
  let place = 0;
  await source.pages(db, async (changes, read) => {
    const ids = [...new Set(changes.map((c) => c.segmentId))];
    const segments = liveSegmentsIn(input.documentId, await db.segment.findMany({ where: { id: { in: ids } }, select: { id: true, documentId: true, removedAt: true, position: true, version: true, status: true } }));
    for (const change of changes) {
      if (last.get(change.segmentId) !== place++) continue;
      const refusal = refusalOf(change, segments.get(change.segmentId), input);
      if (refusal !== null) refusals.set(change.segmentId, refusal);
    }
    job?.progress(read);
  });
  if (!refusals.size) return;
  // The first refused change in the order first listed, else every stale one.
  const stale: number[] = [];
  const slicer = new TimeSlicer();
  for (const id of last.keys()) {
    await slicer.maybeYield();
    const refusal = refusals.get(id);
    if (Array.isArray(refusal)) throw new ApplyRefused(...refusal);
    if (refusal !== undefined) stale.push(refusal);
  }
  stale.sort((a, b) => a - b);
  throw new ApplyRefused("reimport-stale", { count: stale.length, segments: `#${stale.join(", #")}` });
}

function refusalOf(change: Change, s: { position: number; version: number; status: string } | undefined, input: { actor: Actor; role: ProjectRole }): Refusal | null {
  if (!s) return ["reimport-segment-gone", {}];
  const problem = targetProblemCode(normaliseTarget(change.target));
  if (problem) return [problem.code === "target-too-long" ? "reimport-segment-too-long" : "reimport-segment-control-characters", { n: s.position + 1, ...problem.params }];
  if (!can(input.actor, "segment.edit", { role: input.role, segmentStatus: s.status })) return ["reimport-segment-role", { n: s.position + 1, status: s.status }];
  return s.version !== change.version ? s.position + 1 : null;
}

type SliceWriter = (db: Db, slice: readonly Change[]) => Promise<Applied[]>;

/**
 * Reads the changes again and writes the chosen ones in slices sized by their CPU time (on a busy
 * machine the wall time is mostly waiting for a core, and shrank wall-sized slices to ~2 changes):
 * each slice reads its segments, then writes one guarded UPDATE and one multi-row INSERT of
 * revisions. `run` runs a slice (in its own transaction with SQLite); `fts` merges between slices.
 */
async function writeChanges(
  db: Db,
  chosen: Map<string, number>,
  source: ChangeSource,
  run: (slice: readonly Change[], write: SliceWriter) => Promise<unknown>,
  input: { documentId: string; actor: Actor; role: ProjectRole; origin: string },
  job?: JobHandle,
  fts?: FtsBulkWrite,
) {
  job?.phase("applying", chosen.size);
  const note = JSON.stringify({ import: input.origin });
  const write: SliceWriter = async (tx, slice) => {
    // Read inside the slice's transaction: with SQLite nothing commits between this read and the UPDATE.
    const segments = liveSegmentsIn(
      input.documentId,
      await tx.segment.findMany({
        where: { id: { in: slice.map((c) => c.segmentId) } },
        select: { id: true, documentId: true, removedAt: true, position: true, source: true, target: true, status: true, version: true, updatedAt: true },
      }),
    );
    const done: Applied[] = [];
    const rows: [string, string, string, number][] = [];
    const revisions: [string, string, number, string, string, string][] = [];
    const guarded: { id: string; position: number; version: number; target: string }[] = [];
    for (const change of slice) {
      const s = segments.get(change.segmentId);
      // Removed, or changed by a writer the fence does not cover (the command line, another instance), since it was checked.
      if (!s) throw new ApplyRefused("reimport-segment-gone");
      if (s.version !== change.version) throw new ChangedMeanwhile(s.position + 1);
      const target = normaliseTarget(change.target);
      const status = statusAfterSave(s.status, target !== s.target, target, false);
      const revisionId = newId();
      rows.push([s.id, target, status, change.version]);
      revisions.push([revisionId, s.id, s.version + 1, s.source, target, status]);
      guarded.push({ id: s.id, position: s.position, version: change.version, target });
      done.push({ segment: { id: s.id, target: s.target, status: s.status, version: s.version, updatedAt: s.updatedAt }, revisionId, version: s.version + 1 });
    }
    const now = new Date();
    // One guarded UPDATE for the slice (a statement per segment cost ~1 ms each: 15 s for 20,000).
    const updated = await tx.$executeRawUnsafe(GUARDED_UPDATE[dialect], now, JSON.stringify(rows));
    if (updated !== slice.length) throw new ChangedMeanwhile(await firstChanged(tx, guarded));
    await bulkInsert(tx, "Revision", REVISION_COLUMNS, revisions, { documentId: input.documentId, kind: "edit", authorId: input.actor.id, authorRole: input.role, note, createdAt: now });
    return done;
  };

  // A slice of 20 to 500 changes, each slice's size set by the CPU time the one before used.
  const sizer = new SliceSizer({ initial: 20, min: 20, max: IDS_PER_QUERY, byCpu: true });
  let pending: Change[] = [];
  let place = 0;
  let written = 0;
  const writeSlice = async () => {
    const slice = pending.slice(0, sizer.size);
    pending = pending.slice(slice.length);
    // A turn before every slice, the first included (it would otherwise follow the reading of
    // the first page in one stretch).
    await yieldToEventLoop();
    // Upkeep between slices (the FTS index's merge steps, each after a turn of its own).
    if (written) await fts?.between();
    await sizer.measure(() => run(slice, write));
    written += slice.length;
    job?.progress(written);
  };
  await source.pages(db, async (changes) => {
    for (const change of changes) if (chosen.get(change.segmentId) === place++) pending.push(change);
    while (pending.length >= sizer.size) await writeSlice();
  });
  while (pending.length) await writeSlice();
  // The source gave fewer changes the second time (a kept plan removed meanwhile): nothing stays written.
  if (written !== chosen.size) throw new ApplyRefused("reimport-plan-gone");
}

const REVISION_COLUMNS = ["id", "segmentId", "version", "source", "target", "status"] as const;

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
async function firstChanged(db: Db, slice: readonly { id: string; position: number; version: number; target: string }[]): Promise<number> {
  // Read inside the slice's transaction: the others already carry this apply's text and version.
  const now = new Map((await db.segment.findMany({ where: { id: { in: slice.map((c) => c.id) } }, select: { id: true, version: true, target: true } })).map((s) => [s.id, s]));
  const changed = slice.find((c) => now.get(c.id)?.version !== c.version + 1 || now.get(c.id)?.target !== c.target) ?? slice[0]!;
  return changed.position + 1;
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
    { initial: 20, max: IDS_PER_QUERY, byCpu: true, onProgress: (done) => job?.progress(done) },
  );
}
