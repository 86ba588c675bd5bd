import { prisma } from "@/lib/db";
import { can, type Actor, type ProjectRole } from "@/lib/auth/permissions";
import { liveSegmentsOf } from "@/lib/documents/document-queries";
import { errorMessage } from "@/lib/http/coded-error";
import type { Locale } from "@/lib/i18n/locales";
import { TimeSlicer, yieldToEventLoop } from "@/lib/jobs/time-slice";
import { targetProblemCode } from "@/lib/revisions/target-text";
import type { TrackedDocx, WordComment } from "./docx-tracked-reader";
import { acceptAll, changeKeys, rejectAll, settle, withUntracked, type Atom } from "./tracked-text";

/** One change of a segment as the reviewer decides on it. */
export interface PlannedTrackedChange {
  key: string;
  /** Tracked in the file (Word/LibreOffice), or typed without Track Changes (found by diffing). */
  tracked: boolean;
  kind: "insert" | "delete" | "replace";
  /** The author the file names (tracked), or null (untracked: chosen on import). */
  author: string | null;
  date: string | null;
  removed: string;
  added: string;
}

export interface PlannedComment {
  key: string;
  author: string;
  text: string;
  /** A reply to another comment of the file… */
  parentKey: string | null;
  /** …or to a comment already in Duizhao (a reply in Word to an exported comment). */
  parentCommentId: string | null;
}

export interface TrackedSegmentPlan {
  segmentId: string;
  number: number;
  source: string;
  current: string;
  exported: string | null;
  version: number;
  conflict: boolean;
  refused: string | null;
  /** The English as the file holds it, each change marked: compose() with the accepted keys gives the result. */
  atoms: Atom[];
  changes: PlannedTrackedChange[];
  comments: PlannedComment[];
  /** English-only files show an empty translation as “[source]”: that text means “still empty”. */
  placeholder: string | null;
}

export interface TrackedPlan {
  layout: "review" | "english";
  segments: TrackedSegmentPlan[];
  unchanged: number;
  unknown: string[];
  /** Everyone the file names as author of a change or comment, with the member they appear to be. */
  authors: { name: string; suggestedUserId: string | null }[];
  /** Project members an author may be matched to. */
  members: { id: string; name: string; email: string; role: string }[];
}

/** A date from a file to the second, in UTC ("Z" or not); null when absent or unreadable (LibreOffice writes 0-00-00 for none). */
export function fileSecond(date: string | null | undefined): string | null {
  if (!date) return null;
  const parsed = new Date(/[zZ]|[+-]\d\d:?\d\d$/.test(date) ? date : `${date}Z`);
  return Number.isNaN(parsed.getTime()) || parsed.getUTCFullYear() < 1900 ? null : parsed.toISOString().slice(0, 19);
}

const norm = (s: string) => s.trim().toLowerCase();

function groupBy<T>(items: T[], key: (item: T) => string): Map<string, T[]> {
  const out = new Map<string, T[]>();
  for (const item of items) {
    const list = out.get(key(item));
    if (list) list.push(item);
    else out.set(key(item), [item]);
  }
  return out;
}

/** Whether the file's tracked changes or comments hold anything beyond what Duizhao exported — then the tracked review is needed. */
export function hasTrackedWork(plan: TrackedPlan): boolean {
  return plan.layout === "english" || plan.segments.some((s) => s.changes.some((c) => c.tracked) || s.comments.length > 0);
}

/**
 * What a Word file with tracked changes brings back — nothing is written. Per segment: the
 * changes Duizhao wrote into the export (recognised by author and time: its own revisions) are
 * taken as given, since the exported text includes them; every other tracked insertion and
 * deletion is a change to accept or reject, attributed to its author; text that differs from the
 * export without tracking becomes a change of its own (untracked). Word comments anchored on a
 * segment become planned thread comments, except those that are the exported comments
 * themselves. A segment edited in Duizhao since the export is a conflict, as for any re-import.
 */
export async function planTrackedImport(documentId: string, file: TrackedDocx, actor: Actor, role: ProjectRole, locale: Locale = "en"): Promise<TrackedPlan> {
  const document = await prisma.document.findUniqueOrThrow({ where: { id: documentId }, select: { projectId: true } });
  // Read in pages, and the loops below under a time budget: a 20,000-segment document read in one
  // query, and planned in one loop, held the event loop for everyone (lib/jobs/time-slice.ts).
  const live: Awaited<ReturnType<typeof prisma.segment.findMany>> = [];
  for (let after = -1; ; ) {
    const page = await prisma.segment.findMany({ where: { ...liveSegmentsOf(documentId), position: { gt: after } }, orderBy: { position: "asc" }, take: 1_000 });
    live.push(...page);
    if (page.length < 1_000) break;
    after = page.at(-1)!.position;
    await yieldToEventLoop();
  }
  const byRef = new Map(live.map((s) => [file.layout === "english" ? s.id.replace(/[^A-Za-z0-9]/g, "") : s.id, s]));
  const units = file.units.map((u) => ({ unit: u, segment: byRef.get(u.segmentRef) ?? null }));
  const ids = units.flatMap((u) => (u.segment ? [u.segment.id] : []));

  // Text revisions up to each exported version: the exported text, and the (author, second) pairs
  // of Duizhao's own changes. Existing comments: to recognise the exported ones coming back.
  const revisions = [];
  const existing = [];
  for (let i = 0; i < ids.length; i += 500) {
    if (i) await yieldToEventLoop();
    const slice = ids.slice(i, i + 500);
    for (const r of await prisma.revision.findMany({ where: { segmentId: { in: slice } }, select: { segmentId: true, version: true, target: true, createdAt: true, author: { select: { name: true } } } })) revisions.push(r);
    for (const c of await prisma.comment.findMany({ where: { segmentId: { in: slice }, deletedAt: null }, select: { id: true, segmentId: true, body: true } })) existing.push(c);
  }
  const members = (await prisma.membership.findMany({ where: { projectId: document.projectId }, include: { user: { select: { id: true, name: true, email: true } } } })).map((m) => ({
    id: m.user.id,
    name: m.user.name,
    email: m.user.email,
    role: m.role,
  }));
  const commentsById = new Map<string, WordComment>(file.comments.map((c) => [c.id, c]));
  const revisionsOf = groupBy(revisions, (r) => r.segmentId);
  const commentsOf = groupBy(existing, (c) => c.segmentId);

  const plan: TrackedPlan = { layout: file.layout, segments: [], unchanged: 0, unknown: [], authors: [], members };
  const authorNames = new Set<string>();
  const slicer = new TimeSlicer();
  for (const { unit, segment: s } of units) {
    await slicer.maybeYield();
    if (!s) {
      plan.unknown.push(unit.segmentRef);
      continue;
    }
    const own = (revisionsOf.get(s.id) ?? []).filter((r) => r.version <= unit.version);
    const exported = own.find((r) => r.version === unit.version)?.target ?? (s.version === unit.version ? s.target : null);
    const ownChanges = new Set(own.map((r) => `${r.author?.name ?? ""}\u0000${r.createdAt.toISOString().slice(0, 19)}`));
    const isExported = (key: string) => {
      const c = file.changes[key];
      return !!c && ownChanges.has(`${c.author}\u0000${fileSecond(c.date)}`);
    };
    const settled = settle(unit.atoms, isExported);
    const placeholder = file.layout === "english" && !(exported ?? s.target) ? `[${s.source}]` : null;
    // Without the exported text (an unknown version), nothing can be called untracked.
    const baseline = placeholder ?? exported ?? rejectAll(settled);
    const { atoms } = withUntracked(settled, baseline, (i) => `u${i + 1}`);
    const changes = changeKeys(atoms).map((key): PlannedTrackedChange => {
      const removed = atoms.filter((a) => a.del === key).map((a) => a.text).join("");
      const added = atoms.filter((a) => a.ins === key).map((a) => a.text).join("");
      const tracked = file.changes[key];
      if (tracked) authorNames.add(tracked.author);
      return { key, tracked: !!tracked, kind: removed && added ? "replace" : added ? "insert" : "delete", author: tracked?.author ?? null, date: fileSecond(tracked?.date), removed, added };
    });

    const segmentComments = commentsOf.get(s.id) ?? [];
    const known = new Map<string, string>(); // file comment id → existing Duizhao comment id
    const comments: PlannedComment[] = [];
    for (const id of unit.commentIds) {
      const c = commentsById.get(id);
      if (!c || !c.text) continue;
      const same = segmentComments.find((e) => e.body.trim() === c.text);
      if (same) {
        known.set(c.id, same.id);
        continue;
      }
      authorNames.add(c.author);
      comments.push({ key: c.id, author: c.author, text: c.text, parentKey: null, parentCommentId: null });
    }
    for (const planned of comments) {
      const parent = commentsById.get(planned.key)?.parentId ?? null;
      if (parent && known.has(parent)) planned.parentCommentId = known.get(parent)!;
      else if (parent && comments.some((c) => c.key === parent)) planned.parentKey = parent;
    }
    // Parents before replies, so the import can create them in order.
    comments.sort((a, b) => Number(!!a.parentKey) - Number(!!b.parentKey));

    if (!changes.length && !comments.length) {
      plan.unchanged++;
      continue;
    }
    const conflict = exported !== null && s.version !== unit.version && exported !== s.target;
    plan.segments.push({
      segmentId: s.id,
      number: s.position + 1,
      source: s.source,
      current: s.target,
      exported,
      version: s.version,
      conflict,
      refused: !can(actor, "segment.edit", { role, segmentStatus: s.status }) ? errorMessage("reimport-role-cannot-edit", { status: s.status }, locale) : problemText(targetProblemCode(acceptAll(atoms)), locale),
      atoms,
      changes,
      comments,
      placeholder,
    });
  }
  plan.segments.sort((a, b) => a.number - b.number);
  plan.authors = [...authorNames].sort().map((name) => ({
    name,
    suggestedUserId: (members.find((m) => norm(m.name) === norm(name)) ?? members.find((m) => norm(m.email) === norm(name)))?.id ?? null,
  }));
  return plan;
}

/** A translation problem's message in the importing person's language, or null. */
function problemText(problem: ReturnType<typeof targetProblemCode>, locale: Locale): string | null {
  return problem ? errorMessage(problem.code, problem.params, locale) : null;
}
