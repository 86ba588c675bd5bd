import type { PrismaClient } from "@/lib/generated/prisma/client";
import type { JobHandle } from "@/lib/jobs/registry";
import { analyseText, segmentsFromAnalysis, type ImportAnalysis } from "./analyse-import";
import { createDocumentWithSegments } from "./document-repository";
import { ImportError } from "./import-error";
import type { SourceFormat } from "./split-blocks";

export const MAX_TITLE_LENGTH = 200;

/**
 * A title for a document nobody named. In a newspaper article the title is the last heading
 * above the byline (masthead and kicker lines come before it); without a byline, the first heading.
 */
export function suggestTitle(analysis: ImportAnalysis, fallback = "Untitled document"): string {
  const byline = analysis.blocks.findIndex((b) => b.kind === "byline");
  const headings = analysis.blocks.filter((b) => b.kind === "heading");
  const title = byline === -1 ? headings[0] : headings.filter((b) => b.index < byline).at(-1) ?? headings[0];
  const pick = title?.text ?? analysis.blocks[0]?.text ?? fallback;
  return pick.length > 80 ? `${pick.slice(0, 79)}…` : pick;
}

export interface ImportTextInput {
  projectId: string;
  text: string;
  format?: SourceFormat;
  title?: string;
  /** Which proposed joins to apply: ids from the analysis, or "all" (CLI default, seed). */
  acceptedJoins: Iterable<number> | "all";
  origin: string;
  actorId: string | null;
  encoding?: string;
  /** The text's analysis when the caller already made it (the web server, on a worker thread). */
  analysis?: ImportAnalysis;
}

/**
 * The whole import as one call, for the UI, the CLI and the seed alike: the text is analysed
 * again on the server (a client never supplies segments), joins are applied, and the document is
 * created all or nothing (lib/documents/document-repository.ts), progress reported to `job`.
 */
export async function importText(db: PrismaClient, input: ImportTextInput, job?: JobHandle) {
  const analysis = input.analysis ?? analyseText(input.text, input.format);
  const accepted = input.acceptedJoins === "all" ? analysis.joins.map((j) => j.id) : [...input.acceptedJoins];
  const segments = segmentsFromAnalysis(analysis, accepted);
  const title = (input.title?.trim() || suggestTitle(analysis)).slice(0, MAX_TITLE_LENGTH);
  if (!title) throw new ImportError("document-title-required", "invalid-request");
  const acceptedSet = new Set(accepted);
  const document = await createDocumentWithSegments(db, {
    projectId: input.projectId,
    title,
    origin: input.origin,
    actorId: input.actorId,
    segments,
    importDetails: {
      encoding: input.encoding,
      blocks: analysis.blocks.length,
      joinsAccepted: analysis.joins.filter((j) => acceptedSet.has(j.id)).length,
      joinsRejected: analysis.joins.filter((j) => !acceptedSet.has(j.id)).length,
    },
  }, job);
  return { document, segmentCount: segments.length, analysis };
}
