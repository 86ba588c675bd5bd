/**
 * The demo's second document: the seed article with its complete English translation
 * (seed-data/kunshan-hi-tech-zone.en.json), written through the same functions the editor and
 * the review buttons call, so its history is real — the translator's drafts and confirmations,
 * a reviewer's edits (recorded with the reviewer role), a send-back with a tagged error fixed by
 * the translator, comments with one issue resolved, approvals of the first three sections and
 * two named versions. Only the clock is moved afterwards, phase by phase, so that the work spans
 * the last five days as it would have.
 */
import fs from "node:fs";
import path from "node:path";
import { prisma } from "@/lib/db";
import { decodeText } from "@/lib/documents/decode-text";
import { importText } from "@/lib/documents/import-document";
import { assignDocument } from "@/lib/review/assignment";
import { addComment, changeComment } from "@/lib/review/comments";
import { applyTransition } from "@/lib/review/status-changes";
import { saveTranslation } from "@/lib/revisions/save-translation";
import { createVersion } from "@/lib/versions/version-repository";
import { DEMO_PROJECT } from "./demo-data";

interface ReferenceSegment {
  position: number;
  target: string;
}

/** The translator's first drafts, saved before the text was confirmed (position → draft). */
const DRAFTS: Record<number, string> = {
  0: "Celebrating the 100th anniversary of the founding of the CPC",
  6: "In November 2020, construction of the first phase of the Mevion proton medical industrialization base in the Kunshan Hi-Tech Zone started; on April 30 this year, the main structure of the base was capped, again refreshing the “Hi-Tech Zone speed” and “Mevion speed”.",
  29: "“I came to the Kunshan Hi-Tech Zone eight years ago, and the environment has got better and better over the past few years. Living here is a great happiness.” Yang Zhengwei, who lives in Wanfeng Garden, said he is originally from Anhui but now thinks of himself as a new Kunshan resident. Houxianggang Park and Nanxingxi Country Park are close to his home, and whenever he has time he takes his child there to play, which makes for a very pleasant life.",
};
/** Drafts made from the final text by a slip the QA check catches (万/亿, precision, decades). */
const SLIPS: Record<number, [string, string][]> = {
  9: [["14 billion yuan", "140 billion yuan"]],
  19: [
    ["165.93 million", "165.9344 million"],
    ["239.97 million", "239.9737 million"],
  ],
  55: [["in the 1990s", "in the 90s of the last century"]],
};
/** What the translator confirmed where the reviewer changed the text afterwards (final → confirmed). */
const BEFORE_REVIEW: Record<number, [string, string][]> = {
  2: [["to greater glory", "to new glory"]],
  8: [["The accelerating growth that Mevion and the Kunshan Hi-Tech Zone have achieved together", "The pace that Mevion and the Kunshan Hi-Tech Zone have set together"]],
  13: [["The successful premiere of", "The premiere of"]],
  17: [
    ["is a case in point.", "is a typical example."],
    ["building 15-minute elderly care circles", "building “15-minute elderly care circles”"],
  ],
  35: [["The answer is to let the seeds of civility blossom and bear fruit in people’s hearts, and a light", "By letting the seeds of civility blossom and bear fruit in people’s hearts, a light"]],
  36: [["who have renovated their sheds", "who have dismantled their sheds"]],
};
const REVIEWER_EDITS = [2, 8, 17];
const SENT_BACK = 13;
const REVIEWED_LATER = [35, 36];
/** Sections one to three (up to the heading of section four) are approved; the rest waits for review. */
const APPROVED_UP_TO = 33;

const apply = (text: string, changes: [string, string][] = []) =>
  changes.reduce((t, [from, to]) => {
    if (!t.includes(from)) throw new Error(`Demo history: “${from}” is not in the reference.`);
    return t.replace(from, to);
  }, text);

const DAY = 86_400_000;
/** A time n days ago at hh:mm Beijing time (UTC+8). */
function beijing(daysAgo: number, hour: number, minute: number): Date {
  const today = new Date();
  return new Date(Date.UTC(today.getUTCFullYear(), today.getUTCMonth(), today.getUTCDate()) - daysAgo * DAY + (hour - 8) * 3_600_000 + minute * 60_000);
}

/** Work done between two instants of the seed run, to be moved to when it would have happened (and stretched over `hours`). */
interface Phase {
  from: Date;
  to: Date;
  at: Date;
  hours: number;
}

export async function seedTranslatedDocument(options: { projectId: string; users: { owner: string; translator: string; reviewer: string } }) {
  const { owner, translator, reviewer } = options.users;
  const phases: Phase[] = [];
  const phase = async (at: Date, work: () => Promise<void>, hours = 0) => {
    const from = new Date();
    await work();
    phases.push({ from, to: new Date(Date.now() + 1), at, hours });
    await new Promise((resolve) => setTimeout(resolve, 5)); // keep phases apart on the clock
  };

  const reference = (JSON.parse(fs.readFileSync(path.join(import.meta.dirname, "seed-data", DEMO_PROJECT.referenceFile), "utf8")) as { segments: ReferenceSegment[] }).segments;
  const { text, encoding } = decodeText(fs.readFileSync(path.join(import.meta.dirname, "seed-data", DEMO_PROJECT.articleFile)));
  let documentId = "";
  await phase(beijing(5, 9, 20), async () => {
    const { document } = await importText(prisma, {
      projectId: options.projectId,
      text,
      title: DEMO_PROJECT.translatedTitle,
      acceptedJoins: "all",
      origin: DEMO_PROJECT.translatedOrigin,
      actorId: owner,
      encoding,
    });
    documentId = document.id;
    await assignDocument(documentId, { translatorId: translator, reviewerId: reviewer }, owner);
  });
  const segments = await prisma.segment.findMany({ where: { documentId }, orderBy: { position: "asc" } });
  if (segments.length !== reference.length) throw new Error(`Demo history: ${segments.length} segments, but the reference has ${reference.length}.`);
  const version = new Map(segments.map((s) => [s.position, s.version]));
  const idAt = (position: number) => segments[position]!.id;

  const save = async (position: number, target: string, confirm: boolean, actorId: string, actorRole: string) => {
    const outcome = await saveTranslation({ segmentId: idAt(position), target, baseVersion: version.get(position)!, confirm, actorId, actorRole });
    if (outcome.kind !== "saved") throw new Error(`Demo history: saving #${position + 1} gave ${outcome.kind}.`);
    version.set(position, outcome.segment.version);
  };
  const transition = async (position: number, kind: "approve" | "request_changes", comment?: string) => {
    const result = await applyTransition({
      segmentId: idAt(position),
      transition: kind,
      actorId: reviewer,
      actorRole: "reviewer",
      expectedVersion: version.get(position),
      comment,
      error: kind === "request_changes" ? { category: "accuracy", severity: "minor" } : undefined,
    });
    version.set(position, result.version);
  };
  const confirmed = (position: number) => apply(reference[position]!.target, BEFORE_REVIEW[position]);

  // The translator drafts and confirms, section by section, over two days.
  const translate = async (from: number, to: number) => {
    for (let p = from; p <= to; p++) {
      const draft = DRAFTS[p] ?? (SLIPS[p] ? apply(reference[p]!.target, SLIPS[p]) : null);
      if (draft) await save(p, draft, false, translator, "translator");
      await save(p, confirmed(p), true, translator, "translator");
    }
  };
  let issue = "";
  const firstDay = async () => {
    await translate(0, 35);
    const raised = await addComment({
      segmentId: idAt(11),
      documentId,
      authorId: translator,
      isIssue: true,
      body: "The last sentence of the source is garbled in the printed paper: it repeats the end of the next paragraph (今年1-5月…入围上榜，数量占全市2/3). I translated it as printed. @Rachel Reviewer, shall we query the editor?",
    });
    issue = raised.id;
    await addComment({
      segmentId: idAt(18),
      documentId,
      authorId: translator,
      isIssue: false,
      body: "“昆山高新区自全面转化” is cut short in the paper as well; translated as it stands.",
    });
  };
  // The reviewer edits three segments, sends one back, settles the issue and approves sections 1–3.
  const review = async () => {
    for (const p of REVIEWER_EDITS) await save(p, reference[p]!.target, false, reviewer, "reviewer");
    await transition(SENT_BACK, "request_changes", "成功首演 is a successful premiere: please keep “successful” in the caption, @Tian Translator.");
    await addComment({
      segmentId: idAt(11),
      documentId,
      authorId: reviewer,
      isIssue: false,
      parentId: issue,
      body: "Queried: the editor confirms a layout error in the print edition. Keep the sentence as printed in our parallel text; the web edition drops it.",
    });
    await changeComment(issue, reviewer, { op: "resolve" });
    for (let p = 0; p <= APPROVED_UP_TO; p++) if (p !== SENT_BACK) await transition(p, "approve");
  };
  // The next morning the translator fixes the caption; the reviewer approves it and goes on.
  const fix = () => save(SENT_BACK, reference[SENT_BACK]!.target, true, translator, "translator");
  const nextMorning = async () => {
    await transition(SENT_BACK, "approve");
    for (const p of REVIEWED_LATER) await save(p, reference[p]!.target, false, reviewer, "reviewer");
    await createVersion(documentId, "Review round 1: sections 1–3 approved", reviewer);
  };

  await phase(beijing(5, 10, 5), firstDay, 3.5);
  await phase(beijing(4, 9, 35), () => translate(36, reference.length - 1), 3);
  await phase(beijing(4, 17, 40), async () => void (await createVersion(documentId, "First draft complete", translator)));
  await phase(beijing(2, 14, 10), review, 1.5);
  await phase(beijing(1, 10, 15), async () => void (await fix()));
  await phase(beijing(1, 11, 2), nextMorning);

  await moveClock(documentId, phases);
  return { documentId, segments: segments.length };
}

/** Moves each phase's rows (this document's revisions, comments, events, versions, memory units) to its time. */
async function moveClock(documentId: string, phases: Phase[]) {
  const shift = (date: Date) => {
    const p = phases.find((x) => date >= x.from && date < x.to);
    if (!p) return date;
    const scale = p.hours ? (p.hours * 3_600_000) / (p.to.getTime() - p.from.getTime()) : 1;
    return new Date(p.at.getTime() + Math.round((date.getTime() - p.from.getTime()) * scale));
  };
  const [revisions, comments, events, versions, units, mentions] = await Promise.all([
    prisma.revision.findMany({ where: { documentId }, select: { id: true, createdAt: true } }),
    prisma.comment.findMany({ where: { documentId }, select: { id: true, createdAt: true, updatedAt: true, resolvedAt: true } }),
    prisma.activityEvent.findMany({ where: { documentId }, select: { id: true, createdAt: true } }),
    prisma.documentVersion.findMany({ where: { documentId }, select: { id: true, createdAt: true } }),
    prisma.memoryUnit.findMany({ where: { segmentId: { in: (await prisma.segment.findMany({ where: { documentId }, select: { id: true } })).map((s) => s.id) } }, select: { id: true, createdAt: true } }),
    prisma.mention.findMany({ where: { comment: { documentId } }, select: { id: true, createdAt: true } }),
  ]);
  await prisma.$transaction([
    prisma.document.update({ where: { id: documentId }, data: { createdAt: phases[0]!.at } }),
    ...revisions.map((r) => prisma.revision.update({ where: { id: r.id }, data: { createdAt: shift(r.createdAt) } })),
    ...comments.map((c) => prisma.comment.update({ where: { id: c.id }, data: { createdAt: shift(c.createdAt), updatedAt: shift(c.createdAt), resolvedAt: c.resolvedAt && shift(c.resolvedAt) } })),
    ...events.map((e) => prisma.activityEvent.update({ where: { id: e.id }, data: { createdAt: shift(e.createdAt) } })),
    ...versions.map((v) => prisma.documentVersion.update({ where: { id: v.id }, data: { createdAt: shift(v.createdAt) } })),
    ...units.map((u) => prisma.memoryUnit.update({ where: { id: u.id }, data: { createdAt: shift(u.createdAt) } })),
    ...mentions.map((m) => prisma.mention.update({ where: { id: m.id }, data: { createdAt: shift(m.createdAt) } })),
    // Several hundred statements, one round trip each: on PostgreSQL on a loaded machine they took
    // longer than the default 5 s and the seed failed.
  ], { timeout: 120_000 });
}

/** The first document (left untranslated) was imported the day before. */
export async function backdateImport(documentId: string) {
  const at = beijing(6, 9, 5);
  await prisma.$transaction([
    prisma.document.update({ where: { id: documentId }, data: { createdAt: at } }),
    prisma.revision.updateMany({ where: { documentId }, data: { createdAt: at } }),
    prisma.activityEvent.updateMany({ where: { documentId }, data: { createdAt: at } }),
  ]);
}
