import type { Actor, ProjectRole } from "@/lib/auth/permissions";
import { ImportError } from "@/lib/documents/import-error";
import { Refusal } from "@/lib/http/refusal";
import type { Locale } from "@/lib/i18n/locales";
import { planTranslations } from "./apply-translations";
import { readUploadInWorker } from "./file-worker-runner";
import type { ReadUpload } from "./read-upload";
import type { PlanPage, PlanSummary } from "./reimport-plan-model";
import { keepPlan } from "./reimport-plans";
import { hasTrackedWork, planTrackedImport } from "./tracked/tracked-plan";
import type { TrackedPlanPage, TrackedPlanSummary } from "./tracked/tracked-plan-model";
import { keepTrackedPlan } from "./tracked/tracked-plans";
import type { NamedUpload } from "./upload-bytes";

/** Files that bring translations back to this document, matched by segment id. */
function incomingOf(read: ReadUpload) {
  if (read.kind === "review-table") return read.rows.map((r) => ({ segmentId: r.segmentId, target: r.target, exportedVersion: r.version }));
  if (read.kind === "bilingual") {
    if (read.units.some((u) => !u.id)) throw new ImportError("reimport-no-ids", "invalid-file");
    return read.units.map((u) => ({ segmentId: u.id!, target: u.target, exportedVersion: u.version }));
  }
  throw new ImportError("reimport-source-only", "invalid-file");
}

type Kept<S, P> = { summary: S; first: P };
export type ReimportPreview = { plan: Kept<PlanSummary, PlanPage>; fileName: string; tracked: null } | { plan: null; fileName: string; tracked: Kept<TrackedPlanSummary, TrackedPlanPage> };

/**
 * Reads a file brought back to a document and shows what would change: the plan is kept on the
 * server (its summary and first page come back; the page loads the others by the re-import
 * actions). Changes no segment. A Word file with tracked changes or comments of its own (and any
 * English-only Word file) gets the tracked review: each change to accept or reject, by its author;
 * any other file the plain one. A file that cannot be read is refused (413 when too large, else 409).
 */
export async function previewReimportUpload(documentId: string, file: NamedUpload, user: Actor, role: ProjectRole, locale: Locale): Promise<ReimportPreview> {
  try {
    const read = await readUploadInWorker(file.name, file);
    if (read.kind === "review-table" && read.tracked) {
      const tracked = await planTrackedImport(documentId, read.tracked, user, role, locale);
      if (read.format === "docx-english" || hasTrackedWork(tracked)) {
        return { plan: null, fileName: file.name, tracked: await keepTrackedPlan({ documentId, userId: user.id, fileName: file.name, plan: tracked }) };
      }
    }
    const plan = await planTranslations(documentId, incomingOf(read), user, role, locale);
    return { plan: await keepPlan({ documentId, userId: user.id, fileName: file.name, plan }), fileName: file.name, tracked: null };
  } catch (error) {
    if (error instanceof ImportError) throw Refusal.ofImport(error);
    throw error;
  }
}
