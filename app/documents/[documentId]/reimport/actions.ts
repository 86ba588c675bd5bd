"use server";

import { z } from "zod";
import { authorizeDocument, requireUser } from "@/lib/auth/access";
import { runAction } from "@/lib/auth/action-result";
import { ImportError } from "@/lib/documents/import-error";
import { applyTranslations, planTranslations } from "@/lib/exchange/apply-translations";
import { chosenChanges, forgetPlan, keepPlan, planPage, type PlanPage, type PlanSummary } from "@/lib/exchange/reimport-plans";
import type { ReadUpload } from "@/lib/exchange/read-upload";
import { readUploadInWorker } from "@/lib/exchange/file-worker-runner";
import { applyTrackedImport } from "@/lib/exchange/tracked/tracked-apply";
import { hasTrackedWork, planTrackedImport } from "@/lib/exchange/tracked/tracked-plan";
import type { TrackedPlanPage, TrackedPlanSummary } from "@/lib/exchange/tracked/tracked-plan-model";
import { keepTrackedPlan, keptDecisions, trackedPlanPage } from "@/lib/exchange/tracked/tracked-plans";
import { checkUploadSize } from "@/lib/exchange/upload-limits";
import { CodedError } from "@/lib/http/coded-error";
import { Refusal } from "@/lib/http/refusal";
import { actionLocale } from "@/lib/i18n/request-locale";
import { asJob, JOB_ID } from "@/lib/jobs/registry";
import { parseInSlices } from "@/lib/jobs/parse-in-slices";

/** Files that bring translations back to this document, matched by segment id. */
function incomingOf(read: ReadUpload) {
  if (read.kind === "review-table") return read.rows.map((r) => ({ segmentId: r.segmentId, target: r.target, exportedVersion: r.version }));
  if (read.kind === "bilingual") {
    if (read.units.some((u) => !u.id)) throw new ImportError("reimport-no-ids", "invalid-file");
    return read.units.map((u) => ({ segmentId: u.id!, target: u.target, exportedVersion: u.version }));
  }
  throw new ImportError("reimport-source-only", "invalid-file");
}

/**
 * Reads the file and shows what would change: the plan is kept on the server (its summary and
 * first page come back; the page loads the others with `reimportPlanPage`, or
 * `trackedReimportPlanPage`). Changes no segment. A Word file with tracked changes or comments of
 * its own (and any English-only Word file) gets the tracked review: each change to accept or
 * reject, by its author; any other file the plain one.
 */
export async function previewReimport(formData: FormData) {
  type Kept<S, P> = { summary: S; first: P };
  return runAction(async (): Promise<{ plan: Kept<PlanSummary, PlanPage>; fileName: string; tracked: null } | { plan: null; fileName: string; tracked: Kept<TrackedPlanSummary, TrackedPlanPage> }> => {
    const user = await requireUser();
    const { document, role } = await authorizeDocument(user, String(formData.get("documentId") ?? ""), "segment.edit");
    const file = formData.get("file");
    if (!(file instanceof File) || file.size === 0) throw new CodedError("reimport-file-required", 409);
    try {
      checkUploadSize(file.name, file.size);
      const read = await readUploadInWorker(file.name, file);
      const locale = await actionLocale();
      if (read.kind === "review-table" && read.tracked) {
        const tracked = await planTrackedImport(document.id, read.tracked, user, role, locale);
        if (read.format === "docx-english" || hasTrackedWork(tracked)) {
          return { plan: null, fileName: file.name, tracked: await keepTrackedPlan({ documentId: document.id, userId: user.id, fileName: file.name, plan: tracked }) };
        }
      }
      const plan = await planTranslations(document.id, incomingOf(read), user, role, locale);
      return { plan: await keepPlan({ documentId: document.id, userId: user.id, fileName: file.name, plan }), fileName: file.name, tracked: null };
    } catch (error) {
      if (error instanceof ImportError) throw Refusal.ofImport(error);
      throw error;
    }
  });
}

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
    const { chosen, fileName } = await chosenChanges(parsed.data.planId, document.id, user.id, { excluded, included });
    // Progress at GET /api/jobs/:jobId for the page that chose the id.
    // i18n-exempt: the job's internal name (GET /api/jobs); the page shows its own translated label
    const result = await asJob(parsed.data.jobId, user.id, "Applying a re-import", (job) =>
      applyTranslations({ documentId: document.id, changes: chosen, actor: user, role, origin: `upload:${fileName}` }, job),
    );
    await forgetPlan(parsed.data.planId);
    return result;
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
