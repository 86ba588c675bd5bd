import { z } from "zod";
import { prisma } from "@/lib/db";
import { CodedError } from "@/lib/http/coded-error";
import { loadSnapshot } from "@/lib/versions/version-repository";
import type { ExchangeDocument } from "../exchange-model";
import { exportLabels } from "../export-labels";

/** Which edits a Word export shows as tracked changes. */
export const trackOptionSchema = z.discriminatedUnion("mode", [
  /** Each segment's edits since the translator last confirmed it (typically the reviewer's). */
  z.object({ mode: z.literal("since-confirmed") }),
  /** The edits between two versions of the document ("now" for the live text). */
  z.object({ mode: z.literal("versions"), from: z.string().min(1).max(100), to: z.string().min(1).max(100) }),
]);
export type TrackOption = z.infer<typeof trackOptionSchema>;

/** Revision kinds that set the English text. */
const TEXT_KINDS = ["import", "edit", "restore", "join", "split", "source"];

/** The refusal (404) of a tracked-changes option naming a version of another document. */
const versionNotFound = () => new CodedError("track-version-not-found", 404);

/** Refuses a "versions" option naming a version of another document (before anything is recorded). */
export async function checkTrackOption(documentId: string, track: TrackOption | undefined): Promise<void> {
  if (track?.mode !== "versions") return;
  for (const ref of [track.from, track.to]) {
    if (ref !== "now" && !(await prisma.documentVersion.findFirst({ where: { id: ref, documentId, freezing: false }, select: { id: true } }))) throw versionNotFound();
  }
}

type Rev = { segmentId: string; version: number; kind: string; target: string; status: string; authorId: string | null; authorRole: string | null; createdAt: Date; author: { name: string } | null };

async function revisionsOf(documentId: string): Promise<Map<string, Rev[]>> {
  const rows = await prisma.revision.findMany({
    where: { documentId },
    orderBy: [{ segmentId: "asc" }, { version: "asc" }],
    select: { segmentId: true, version: true, kind: true, target: true, status: true, authorId: true, authorRole: true, createdAt: true, author: { select: { name: true } } },
  });
  const out = new Map<string, Rev[]>();
  for (const r of rows) {
    const list = out.get(r.segmentId) ?? [];
    list.push(r);
    out.set(r.segmentId, list);
  }
  return out;
}

/** The last revision in the list that changed the text (its author and time are the change's). */
function lastTextChange(revs: Rev[]): Rev | null {
  for (let i = revs.length - 1; i >= 0; i--) {
    const r = revs[i]!;
    const before = i > 0 ? revs[i - 1]!.target : null;
    if (TEXT_KINDS.includes(r.kind) && r.target !== before) return r;
  }
  return null;
}

const authorOf = (r: Rev | null, formerMember: string) => r?.author?.name ?? formerMember;

/**
 * Adds tracked changes to an export: for each segment the older text and who made the newer one,
 * when. "since-confirmed": the text at the translator's last confirmation (a revision that made
 * it translated, written by the document's translator or someone in the translator role) against
 * the text now, attributed to whoever last changed it since. "versions": the older version's text
 * against the newer one's ("now" for the live text), attributed to the last change between them;
 * the export then holds the newer version's text and, in its Ref, the segment version it had.
 */
export async function withTrackedChanges(doc: ExchangeDocument, track: TrackOption): Promise<ExchangeDocument> {
  const l = exportLabels(doc.locale);
  const revisions = await revisionsOf(doc.documentId);
  if (track.mode === "since-confirmed") {
    const { translatorId } = await prisma.document.findUniqueOrThrow({ where: { id: doc.documentId }, select: { translatorId: true } });
    const segments = doc.segments.map((s) => {
      const revs = revisions.get(s.id) ?? [];
      const confirmedAt = revs.findLastIndex((r) => r.status === "translated" && (r.authorRole === "translator" || (translatorId !== null && r.authorId === translatorId)));
      if (confirmedAt < 0) return s;
      const before = revs[confirmedAt]!.target;
      const last = lastTextChange(revs.slice(confirmedAt)) ?? revs[confirmedAt]!;
      return before === s.target ? s : { ...s, tracked: { before, author: authorOf(last, l.formerMember), at: last.createdAt.toISOString() } };
    });
    return { ...doc, segments, trackChanges: { label: l.trackedSinceConfirmed } };
  }
  const [a, b] = await Promise.all([loadSnapshot(doc.documentId, track.from, doc.locale), loadSnapshot(doc.documentId, track.to, doc.locale)]);
  if (!a || !b) throw versionNotFound();
  const [older, newer] = a.at <= b.at ? [a, b] : [b, a];
  const olderText = new Map(older.segments.map((s) => [s.segmentId, s.target]));
  const newerById = new Map(newer.segments.map((s) => [s.segmentId, s]));
  const segments = doc.segments.flatMap((s) => {
    const atNewer = newerById.get(s.id);
    if (!atNewer) return [];
    const revs = (revisions.get(s.id) ?? []).filter((r) => r.createdAt <= newer.at);
    const between = revs.filter((r) => r.createdAt > older.at);
    const before = olderText.get(s.id) ?? "";
    const change = lastTextChange(between.length ? [...revs.filter((r) => r.createdAt <= older.at).slice(-1), ...between] : []);
    const version = newer.ref === "now" ? s.version : (revs[revs.length - 1]?.version ?? s.version);
    const base = { ...s, source: atNewer.source, kind: atNewer.kind, target: atNewer.target, version };
    return [before === atNewer.target ? base : { ...base, tracked: { before, author: change ? authorOf(change, l.formerMember) : "Duizhao", at: (change?.createdAt ?? newer.at).toISOString() } }];
  });
  return { ...doc, segments, trackChanges: { label: l.trackedBetween(older.label, newer.label) } };
}
