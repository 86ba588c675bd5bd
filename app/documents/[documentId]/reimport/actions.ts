"use server";

// The re-import's preview reads the uploaded file: a route of its own, which streams it
// (app/api/documents/[documentId]/reimport/preview). These actions page and apply the kept plan.

import { z } from "zod";
import { authorizeDocument, requireUser } from "@/lib/auth/access";
import { runAction } from "@/lib/auth/action-result";
import { applyKeptPlan, forgetPlan, planPage } from "@/lib/exchange/reimport-plans";
import { applyTrackedImport } from "@/lib/exchange/tracked/tracked-apply";
import { keptDecisions, trackedPlanPage } from "@/lib/exchange/tracked/tracked-plans";
import { CodedError } from "@/lib/http/coded-error";
import { asJob, JOB_ID } from "@/lib/jobs/registry";
import { parseInSlices } from "@/lib/jobs/parse-in-slices";

const pageSchema = z.object({ documentId: z.string().min(1), planId: z.string().min(1).max(100), page: z.number().int().nonnegative().max(10_000) });

/** A page of one of the person's kept plans, read by `readPage` once the person and input are checked. */
function planPageAction<T extends object>(input: z.input<typeof pageSchema>, readPage: (planId: string, documentId: string, userId: string, page: number) => Promise<T>) {
  return runAction(async () => {
    const user = await requireUser();
    const { document } = await authorizeDocument(user, String(input?.documentId ?? ""), "segment.edit");
    const parsed = pageSchema.safeParse(input);
    if (!parsed.success) throw new CodedError("invalid-request", 403);
    return readPage(parsed.data.planId, document.id, user.id, parsed.data.page);
  }, input);
}

/** One page of the person's kept plan (PLAN_PAGE_SIZE changes). */
export async function reimportPlanPage(input: z.input<typeof pageSchema>) {
  return planPageAction(input, planPage);
}

/** One page of the person's kept tracked plan (TRACKED_PAGE_SIZE segments). */
export async function trackedReimportPlanPage(input: z.input<typeof pageSchema>) {
  return planPageAction(input, trackedPlanPage);
}

// The lists' items are checked in slices (parseInSlices): up to 100,000 at once held the event loop.
const segmentIdSchema = z.string().min(1).max(100);
const applySchema = z.object({
  documentId: z.string().min(1),
  planId: z.string().min(1).max(100),
  /** Changes ticked by default that the person unticked. */
  excluded: z.array(z.unknown()).max(100_000),
  /** Conflicts the person ticked. */
  included: z.array(z.unknown()).max(100_000),
  jobId: z.string().regex(JOB_ID).optional(),
});

/**
 * Applies the kept plan's changes the person chose (the default choice, less `excluded`, plus
 * `included`), all or nothing; the plan is then forgotten.
 */
export async function applyReimport(input: Omit<z.input<typeof applySchema>, "excluded" | "included"> & { excluded: string[]; included: string[] }) {
  return runAction(async () => {
    const user = await requireUser();
    const { document, role } = await authorizeDocument(user, String(input?.documentId ?? ""), "segment.edit");
    const parsed = applySchema.safeParse(input);
    const excluded = parsed.success ? await parseInSlices(segmentIdSchema, parsed.data.excluded) : null;
    const included = parsed.success ? await parseInSlices(segmentIdSchema, parsed.data.included) : null;
    if (!parsed.success || !excluded || !included) throw new CodedError("invalid-request", 403);
    // Progress at GET /api/jobs/:jobId for the page that chose the id.
    // i18n-exempt: the job's internal name (GET /api/jobs); the page shows its own translated label
    return asJob(parsed.data.jobId, user.id, "Applying a re-import", (job) =>
      applyKeptPlan({ planId: parsed.data.planId, documentId: document.id, actor: user, role, excluded, included }, job),
    );
  }, input);
}

const key = z.string().min(1).max(40);
const userId = z.string().min(1).max(100);
const overrideSchema = z.object({ segmentId: segmentIdSchema, key, accepted: z.boolean() });
const skippedSchema = z.object({ segmentId: segmentIdSchema, key });
const trackedSchema = z.object({
  documentId: z.string().min(1),
  planId: z.string().min(1).max(100),
  /** Where every change stands before the person's own decisions. */
  base: z.enum(["planned", "acceptAll", "rejectAll"]),
  /** Decisions departing from the base (on the segments the person was shown). */
  overrides: z.array(z.unknown()).max(100_000),
  /** Word comments left out. */
  skippedComments: z.array(z.unknown()).max(100_000),
  /** The member each author named in the file is. */
  authors: z.array(z.object({ name: z.string().max(300), userId })).max(1_000),
  untrackedBy: userId,
});

/**
 * Applies the person's decisions on a Word file's tracked changes and comments, all or nothing:
 * the kept plan's segments, with the base decision for each change the person did not decide on
 * (pages never shown included), and the plan is then forgotten.
 */
export async function applyTrackedReimport(
  input: Omit<z.input<typeof trackedSchema>, "overrides" | "skippedComments"> & { overrides: z.input<typeof overrideSchema>[]; skippedComments: z.input<typeof skippedSchema>[] },
) {
  return runAction(async () => {
    const user = await requireUser();
    const { document, role } = await authorizeDocument(user, String(input?.documentId ?? ""), "segment.edit");
    const parsed = trackedSchema.safeParse(input);
    const overrides = parsed.success ? await parseInSlices(overrideSchema, parsed.data.overrides) : null;
    const skippedComments = parsed.success ? await parseInSlices(skippedSchema, parsed.data.skippedComments) : null;
    if (!parsed.success || !overrides || !skippedComments) throw new CodedError("invalid-request", 403);
    const { base, authors, untrackedBy, planId } = parsed.data;
    const { decisions, fileName } = await keptDecisions(planId, document.id, user.id, {
      base,
      overrides,
      skippedComments,
      authors: Object.fromEntries(authors.map((a) => [a.name, a.userId])),
      untrackedBy,
    });
    const result = await applyTrackedImport({ documentId: document.id, decisions, actor: user, role, origin: `upload:${fileName}` });
    await forgetPlan(planId);
    return result;
  }, input);
}
