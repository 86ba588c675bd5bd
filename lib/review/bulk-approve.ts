import { prisma } from "@/lib/db";
import { appendSegmentsChanged } from "@/lib/events/append-event";
import { publishDocumentEvents } from "@/lib/events/publish";
import type { DocumentEvent } from "@/lib/events/event-types";
import { codedReason, reasonOf, type CodedReason } from "@/lib/http/coded-error";
import { inSlices, TimeSlicer, yieldToEventLoop } from "@/lib/jobs/time-slice";
import { withBulkFtsWrites } from "@/lib/concordance/fts-merge";
import type { JobHandle } from "@/lib/jobs/registry";
import { checkSegment } from "@/lib/qa/checks";
import { textAuthors } from "./four-eyes";
import { TransitionRefused, transitionInTransaction } from "./status-changes";
import { nextStatus } from "./workflow";

/** A segment not approved and why: a code and its parameters, which the page renders in the reader's language. */
export interface BulkRefusal extends CodedReason {
  position: number;
}

/**
 * Ids per `IN (…)` list, and per turn of the event loop while checking. SQLite builds before 3.32
 * allowed 999 bound parameters per statement, and approving "everything shown" on a large document
 * sent thousands: the request failed with a 500, so every list is read in pieces. Pieces of 500,
 * with the segments (and their project), open issues and authors read in one go, held the loop for
 * 35–85 ms of CPU (in-process, loaded machine; `scripts/bench/fairness-slices.ts approve`): now
 * 100, each of the three reads in a turn of its own.
 */
const IDS_PER_CHECK = 100;

/**
 * Approves many segments at once, refusing — and saying which and why — those with an open issue,
 * a QA error, or a status that cannot be approved. Each approval is its own revision, made by the
 * same code as a single approval (`transitionInTransaction`); they are committed in slices of a
 * few milliseconds with a turn of the event loop between them, so other people's saves are
 * answered while a large approval runs. An id listed twice is approved once.
 */
export async function bulkApprove(documentId: string, segmentIds: string[], actorId: string, job?: JobHandle) {
  const ids = [...new Set(segmentIds)];
  const segments: Awaited<ReturnType<typeof loadSegments>> = [];
  const openIssues = new Set<string>();
  // Four eyes: the texts this person wrote are named as refused, before any is tried.
  const authors = new Map<string, string | null>();
  job?.phase("checking", ids.length);
  for (let start = 0; start < ids.length; start += IDS_PER_CHECK) {
    const slice = ids.slice(start, start + IDS_PER_CHECK);
    segments.push(...(await loadSegments(documentId, slice)));
    await yieldToEventLoop();
    const issues = await prisma.comment.findMany({ where: { documentId, segmentId: { in: slice }, isIssue: true, resolvedAt: null, deletedAt: null }, select: { segmentId: true } });
    for (const c of issues) openIssues.add(c.segmentId);
    if (segments[0]?.document.project.fourEyes) {
      await yieldToEventLoop();
      for (const [id, author] of await textAuthors(prisma, { segmentIds: slice })) authors.set(id, author);
    }
    job?.progress(Math.min(ids.length, start + IDS_PER_CHECK));
    await yieldToEventLoop();
  }
  segments.sort((a, b) => a.position - b.position);
  const approved: { id: string; status: string; version: number }[] = [];
  const refused: BulkRefusal[] = [];
  const toApprove: typeof segments = [];
  const slicer = new TimeSlicer();
  for (const s of segments) {
    await slicer.maybeYield();
    if (nextStatus("approve", s.status, s.document.project.reviewStages) === null) {
      if (s.status !== "approved") refused.push({ position: s.position, ...codedReason("bulk-approve-not-confirmed", { status: s.status }) });
      continue;
    }
    if (authors.get(s.id) === actorId) {
      refused.push({ position: s.position, ...codedReason("transition-four-eyes") });
      continue;
    }
    if (openIssues.has(s.id)) {
      refused.push({ position: s.position, ...codedReason("transition-open-issue") });
      continue;
    }
    const errors = checkSegment(s).filter((f) => f.severity === "error");
    if (errors.length) {
      refused.push({ position: s.position, ...codedReason("bulk-approve-qa-errors"), checks: [...new Set(errors.map((e) => e.check))] });
      continue;
    }
    toApprove.push(s);
  }
  job?.phase("approving", toApprove.length);
  // Each approval adds memory units: the concordance index merges between slices (lib/concordance/fts-merge.ts).
  await withBulkFtsWrites(["MemoryUnitFts"], (fts) =>
    inSlices(
      toApprove,
      (slice) =>
        prisma
          .$transaction(async (tx) => {
          const approvedHere: string[] = [];
          const reopened: DocumentEvent[] = [];
          for (const s of slice) {
            try {
              const result = await transitionInTransaction(tx, { segmentId: s.id, transition: "approve", actorId, expectedVersion: s.version });
              approved.push({ id: s.id, status: result.status, version: result.version });
              approvedHere.push(s.id);
              if (result.reopened) reopened.push(result.reopened);
            } catch (error) {
              // Refusals are thrown before the transition writes anything, so the slice goes on.
              if (!(error instanceof TransitionRefused)) throw error;
              refused.push({ position: s.position, ...reasonOf(error) });
            }
          }
          // One live event per slice (its own transaction): a bulk approval of many is sent as ids.
          return [...reopened, ...(await appendSegmentsChanged(tx, documentId, actorId, "status", approvedHere))];
        })
          .then(publishDocumentEvents),
      // Sized by CPU: on a busy machine wall-time slices shrank to one approval each (900 transactions).
      { initial: 1, max: 200, byCpu: true, onProgress: (done) => job?.progress(done), between: fts.between },
    ),
  );
  refused.sort((a, b) => a.position - b.position);
  return { approved, refused };
}

function loadSegments(documentId: string, ids: string[]) {
  return prisma.segment.findMany({
    where: { documentId, id: { in: ids }, removedAt: null },
    include: { document: { select: { project: { select: { reviewStages: true, fourEyes: true } } } } },
  });
}
