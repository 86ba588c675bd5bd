import { bulkInsert } from "@/lib/bulk-insert";
import { prisma } from "@/lib/db";
import { newId } from "@/lib/ids";
import { yieldToEventLoop } from "@/lib/jobs/time-slice";
import type { Actor, ProjectRole } from "@/lib/auth/permissions";
import type { JobHandle } from "@/lib/jobs/registry";
import { applyChanges, type ChangeSource } from "./apply-changes";
import { ApplyRefused } from "./apply-guards";
import type { PlannedChange, TranslationPlan } from "./apply-translations";
import { chosenByDefault, type PlanPage, type PlanSummary } from "./reimport-plan-model";

export { chosenByDefault, type PlanPage, type PlanSummary };

/**
 * A re-import's preview, kept on the server (the ReimportPlan tables) while its person reviews it.
 * A 20,000-change plan sent to the browser at once was a huge action payload and render; the page
 * now gets the summary and the first page, loads further pages as asked, and the apply sends only
 * the person's departures from the default choice — the changes themselves are read back here.
 * In the database, not in memory: with several instances the next request may reach another one.
 * A Word file's tracked review keeps its plan the same way (kind "tracked", tracked/tracked-plans.ts).
 */

/** Changes per page the browser loads. */
export const PLAN_PAGE_SIZE = 200;
/** A plan nobody applied is removed after this long (checked when a plan is made). */
const KEEP_MS = 24 * 60 * 60_000;

/** What a kept plan's pages hold: PlannedChange (plain) or TrackedSegmentPlan (a Word file's tracked review). */
export type PlanKind = "plain" | "tracked";

/**
 * Stores a plan's items a page per row (a few pages per statement, a turn of the event loop
 * between) under a new id, with the summary `summaryOf` makes from that id and the page count.
 */
export async function storePlan<S>(
  input: { documentId: string; userId: string; fileName: string; kind: PlanKind },
  items: readonly unknown[],
  pageSize: number,
  summaryOf: (planId: string, pages: number) => S,
): Promise<S> {
  await prisma.reimportPlan.deleteMany({ where: { createdAt: { lt: new Date(Date.now() - KEEP_MS) } } });
  const planId = newId();
  const pages = Math.ceil(items.length / pageSize);
  const summary = summaryOf(planId, pages);
  await prisma.reimportPlan.create({ data: { id: planId, documentId: input.documentId, userId: input.userId, fileName: input.fileName, kind: input.kind, summary: JSON.stringify(summary) } });
  // Ten pages per statement, a turn of the event loop between.
  for (let page = 0; page < pages; page += 10) {
    const rows = [];
    for (let p = page; p < Math.min(pages, page + 10); p++) rows.push([p, JSON.stringify(items.slice(p * pageSize, (p + 1) * pageSize))]);
    await bulkInsert(prisma, "ReimportPlanPage", ["page", "changes"], rows, { planId });
    await yieldToEventLoop();
  }
  return summary;
}

/** Stores the plan, answers its summary and first page. */
export async function keepPlan(input: { documentId: string; userId: string; fileName: string; plan: TranslationPlan }): Promise<{ summary: PlanSummary; first: PlanPage }> {
  const { plan } = input;
  const summary = await storePlan({ ...input, kind: "plain" }, plan.changes, PLAN_PAGE_SIZE, (planId, pages) => ({
    planId,
    fileName: input.fileName,
    changed: plan.changes.length,
    unchanged: plan.unchanged,
    conflicts: plan.changes.filter((c) => c.conflict).length,
    chosenByDefault: plan.changes.filter(chosenByDefault).length,
    unknown: plan.unknown.length,
    pages,
  }));
  return { summary, first: { page: 0, changes: plan.changes.slice(0, PLAN_PAGE_SIZE) } };
}

/** The person's kept plan of this kind for this document; anyone else's, or another document's, does not exist for them. */
export async function ownPlan(planId: string, documentId: string, userId: string, kind: PlanKind = "plain") {
  const plan = await prisma.reimportPlan.findUnique({ where: { id: planId } });
  if (!plan || plan.documentId !== documentId || plan.userId !== userId || plan.kind !== kind) throw new ApplyRefused("reimport-plan-gone");
  return plan;
}

/** The items of one page of a kept plan (none past its end). */
export async function pageItems<T>(planId: string, page: number): Promise<T[]> {
  const row = await prisma.reimportPlanPage.findUnique({ where: { planId_page: { planId, page } } });
  return row ? (JSON.parse(row.changes) as T[]) : [];
}

/** Every page of a kept plan in order, a turn of the event loop after each. */
export async function forEachPage<T>(planId: string, each: (items: T[]) => void): Promise<void> {
  for (let page = 0; ; page++) {
    const row = await prisma.reimportPlanPage.findUnique({ where: { planId_page: { planId, page } } });
    if (!row) return;
    each(JSON.parse(row.changes) as T[]);
    await yieldToEventLoop();
  }
}

/** One page of the person's plan for this document. */
export async function planPage(planId: string, documentId: string, userId: string, page: number): Promise<PlanPage> {
  await ownPlan(planId, documentId, userId);
  return { page, changes: await pageItems<PlannedChange>(planId, page) };
}

/**
 * The changes the person chose from their kept plan: those ticked by default unless listed in
 * `excluded`, and the others (conflicts) when listed in `included`; a refused change is never
 * chosen (the apply would refuse it anyway). Not read here: the answer is a source the apply reads
 * a page at a time from the database, each time it goes through the changes (a 20,000-change
 * plan held whole, then as 20,000 chosen changes, kept the heap growing during the apply).
 */
export async function chosenChanges(planId: string, documentId: string, userId: string, choice: { excluded: readonly string[]; included: readonly string[] }): Promise<{ fileName: string; changes: ChangeSource }> {
  const plan = await ownPlan(planId, documentId, userId);
  const summary = JSON.parse(plan.summary) as PlanSummary;
  const excluded = new Set(choice.excluded);
  const included = new Set(choice.included);
  const chosen = (c: PlannedChange) => (chosenByDefault(c) ? !excluded.has(c.segmentId) : !c.refused && included.has(c.segmentId));
  return {
    fileName: plan.fileName,
    changes: {
      total: summary.changed,
      async pages(db, each) {
        let read = 0;
        for (let page = 0; page < summary.pages; page++) {
          // A turn before every page, the first included (listedChanges, apply-changes.ts, says why).
          await yieldToEventLoop();
          const row = await db.reimportPlanPage.findUnique({ where: { planId_page: { planId, page } } });
          // Removed meanwhile (a day old, or applied by another request): the apply stops and takes back what it wrote.
          if (!row) throw new ApplyRefused("reimport-plan-gone");
          const changes = JSON.parse(row.changes) as PlannedChange[];
          read += changes.length;
          await each(changes.filter(chosen).map((c) => ({ segmentId: c.segmentId, version: c.version, target: c.incoming })), read);
        }
      },
    },
  };
}

/**
 * Applies the changes the person chose from their kept plan (chosenChanges), all or nothing
 * (apply-changes.ts), then forgets the plan.
 */
export async function applyKeptPlan(
  input: { planId: string; documentId: string; actor: Actor; role: ProjectRole; excluded: readonly string[]; included: readonly string[] },
  job?: JobHandle,
): Promise<{ applied: number }> {
  // A turn first: the request's own work before this (Next's decoding of the action, the session,
  // the document's check, the lists' parsing — much of it compiled or run for the first time in a
  // fresh server) and the plan's reading are then not one stretch.
  await yieldToEventLoop();
  const { fileName, changes } = await chosenChanges(input.planId, input.documentId, input.actor.id, input);
  const result = await applyChanges({ documentId: input.documentId, actor: input.actor, role: input.role, origin: `upload:${fileName}` }, changes, job);
  // Removing the plan deletes every page it kept (megabytes for 20,000 changes): after a turn.
  await yieldToEventLoop();
  await forgetPlan(input.planId);
  return result;
}

/** Removes the plan (applied). */
export async function forgetPlan(planId: string): Promise<void> {
  await prisma.reimportPlan.deleteMany({ where: { id: planId } });
}
