import { beforeAll, describe, expect, it } from "vitest";
import { prisma } from "@/lib/db";
import { importText } from "@/lib/documents/import-document";
import { saveTranslation } from "@/lib/revisions/save-translation";
import { assignDocument } from "@/lib/review/assignment";
import { addComment, changeComment } from "@/lib/review/comments";
import { signOff } from "@/lib/review/sign-off";
import { applyTransition } from "@/lib/review/status-changes";
import { acceptInvitationForAccount, createInvitation, removeMember } from "@/lib/projects/membership-service";
import { listNotifications, markRead, unreadCount } from "@/lib/notifications/notification-queries";
import { notificationPreferences, setNotificationPreferences } from "@/lib/notifications/preferences";
import { DEFAULT_DELIVERY } from "@/lib/notifications/kinds";

let projectId: string;
const user = {} as Record<"owner" | "translator" | "reviewer" | "viewer" | "outsider", { id: string; name: string }>;

beforeAll(async () => {
  projectId = (await prisma.project.create({ data: { name: "Notified" } })).id;
  for (const role of ["owner", "translator", "reviewer", "viewer", "outsider"] as const) {
    const name = `${role[0]!.toUpperCase()}${role.slice(1)}`;
    const created = await prisma.user.create({ data: { email: `${role}@notify.example`, name, passwordHash: "x" } });
    user[role] = { id: created.id, name };
    if (role !== "outsider") await prisma.membership.create({ data: { projectId, userId: created.id, role } });
  }
});

async function newDocument(paragraphs: string[]) {
  const { document } = await importText(prisma, { projectId, text: paragraphs.join("\n\n"), acceptedJoins: [], origin: "test", actorId: user.owner.id });
  const segments = await prisma.segment.findMany({ where: { documentId: document.id }, orderBy: { position: "asc" } });
  return { documentId: document.id, ids: segments.map((s) => s.id) };
}

async function confirm(segmentId: string, text: string, actor = user.translator) {
  const current = await prisma.segment.findUniqueOrThrow({ where: { id: segmentId } });
  const outcome = await saveTranslation({ segmentId, target: text, baseVersion: current.version, confirm: true, actorId: actor.id, actorRole: "translator" });
  expect(outcome.kind).toBe("saved");
}

/** Notifications of a kind, as (recipient name → count), for one document. */
async function told(kind: string, documentId?: string) {
  const rows = await prisma.notification.findMany({ where: { kind, ...(documentId ? { documentId } : {}) }, include: { recipient: { select: { name: true } } } });
  return rows.map((r) => r.recipient.name).sort();
}

describe("causes", () => {
  it("assignment tells the people newly given a job, not the owner who assigns", async () => {
    const { documentId } = await newDocument(["第一段。", "第二段。"]);
    await assignDocument(documentId, { translatorId: user.translator.id, reviewerId: user.reviewer.id }, user.owner.id);
    expect(await told("assigned", documentId)).toEqual(["Reviewer", "Translator"]);
    // Saving the same assignment again tells nobody again.
    await assignDocument(documentId, { translatorId: user.translator.id, reviewerId: user.reviewer.id }, user.owner.id);
    expect(await told("assigned", documentId)).toEqual(["Reviewer", "Translator"]);
    // The owner assigning themself is not told.
    await assignDocument(documentId, { translatorId: user.owner.id, reviewerId: user.reviewer.id }, user.owner.id);
    expect(await told("assigned", documentId)).toEqual(["Reviewer", "Translator"]);
    const [item] = (await listNotifications(user.translator.id)).items.filter((n) => n.kind === "assigned");
    expect(item).toMatchObject({ actorName: "Owner", read: false, href: `/documents/${documentId}/edit`, body: { job: "translator", projectName: "Notified" } });
  });

  it("the last confirm makes the document ready for its reviewer; a send-back tells the translator with a link to the segment", async () => {
    const { documentId, ids } = await newDocument(["第一段。", "第二段。"]);
    await assignDocument(documentId, { translatorId: user.translator.id, reviewerId: user.reviewer.id }, user.owner.id);
    await confirm(ids[0]!, "The first paragraph.");
    expect(await told("readyForReview", documentId)).toEqual([]);
    await confirm(ids[1]!, "The second paragraph.");
    expect(await told("readyForReview", documentId)).toEqual(["Reviewer"]);
    // Confirming an already confirmed segment again does not tell them twice.
    await confirm(ids[1]!, "The second paragraph, again.");
    expect(await told("readyForReview", documentId)).toEqual(["Reviewer"]);

    await applyTransition({ segmentId: ids[1]!, transition: "request_changes", actorId: user.reviewer.id, actorRole: "reviewer", comment: "Say “section”. @Owner please look" });
    expect(await told("sentBack", documentId)).toEqual(["Translator"]);
    // The comment's @mention tells the owner as mentioned; the reviewer (actor) hears nothing.
    expect(await told("mentioned", documentId)).toEqual(["Owner"]);
    const sentBack = (await listNotifications(user.translator.id)).items.find((n) => n.kind === "sentBack")!;
    expect(sentBack).toMatchObject({ actorName: "Reviewer", segmentNumber: 2, href: `/documents/${documentId}/edit?segment=2`, body: { excerpt: "Say “section”. @Owner please look" } });
    const reviewerHeard = (await listNotifications(user.reviewer.id, { take: 100 })).items.filter((n) => n.href.includes(documentId)).map((n) => n.kind);
    expect(reviewerHeard.sort()).toEqual(["assigned", "readyForReview"]);

    // Confirming the sent-back segment makes it ready again: a second notice.
    await confirm(ids[1]!, "The second section.");
    expect(await told("readyForReview", documentId)).toEqual(["Reviewer", "Reviewer"]);
  });

  it("without an assigned reviewer, the project's reviewers are told", async () => {
    const { documentId, ids } = await newDocument(["只有一段。"]);
    await confirm(ids[0]!, "Only one paragraph.");
    expect(await told("readyForReview", documentId)).toEqual(["Reviewer"]);
  });

  it("mentions and replies: the people named, and the others who wrote in the thread, never the writer", async () => {
    const { documentId, ids } = await newDocument(["评论段。"]);
    const first = await addComment({ segmentId: ids[0]!, documentId, authorId: user.translator.id, body: "Is this right?", isIssue: false });
    await addComment({ segmentId: ids[0]!, documentId, authorId: user.viewer.id, body: "I think so.", isIssue: false, parentId: first.id });
    expect(await told("reply", documentId)).toEqual(["Translator"]);
    await addComment({ segmentId: ids[0]!, documentId, authorId: user.reviewer.id, body: "Agreed, @Owner decide.", isIssue: false, parentId: first.id });
    expect(await told("reply", documentId)).toEqual(["Translator", "Translator", "Viewer"]);
    expect(await told("mentioned", documentId)).toEqual(["Owner"]);
    // An edit naming someone new tells them; the ones already named are not told again.
    const own = await addComment({ segmentId: ids[0]!, documentId, authorId: user.owner.id, body: "Noted.", isIssue: false });
    await changeComment(own.id, user.owner.id, { op: "edit", body: "Noted, @Reviewer and @Owner." });
    expect(await told("mentioned", documentId)).toEqual(["Owner", "Reviewer"]);
  });

  it("a member removed from the project gets nothing more, and no longer sees what they were told", async () => {
    const { documentId, ids } = await newDocument(["移除段。"]);
    const viewer = await prisma.user.create({ data: { email: "leaving@notify.example", name: "Leaving Viewer", passwordHash: "x" } });
    const membership = await prisma.membership.create({ data: { projectId, userId: viewer.id, role: "viewer" } });
    const first = await addComment({ segmentId: ids[0]!, documentId, authorId: viewer.id, body: "A question.", isIssue: false });
    await addComment({ segmentId: ids[0]!, documentId, authorId: user.owner.id, body: "An answer.", isIssue: false, parentId: first.id });
    expect(await unreadCount(viewer.id)).toBe(1);
    await removeMember({ ...membership }, user.owner.id);
    expect(await unreadCount(viewer.id)).toBe(0);
    expect((await listNotifications(viewer.id)).items).toEqual([]);
    await addComment({ segmentId: ids[0]!, documentId, authorId: user.reviewer.id, body: "Another answer.", isIssue: false, parentId: first.id });
    expect(await prisma.notification.count({ where: { recipientId: viewer.id } })).toBe(1);
  });

  it("sign-off tells the owners and the document's translator and reviewer, not the one who signs", async () => {
    const { documentId, ids } = await newDocument(["签发段。"]);
    await assignDocument(documentId, { translatorId: user.translator.id, reviewerId: user.reviewer.id }, user.owner.id);
    await confirm(ids[0]!, "Signed.");
    await applyTransition({ segmentId: ids[0]!, transition: "approve", actorId: user.reviewer.id, actorRole: "reviewer" });
    await signOff(documentId, user.reviewer);
    expect(await told("signedOff", documentId)).toEqual(["Owner", "Translator"]);
  });

  it("inviting an existing account tells it (not a member yet), and it joins from the notification's page", async () => {
    const { invitation } = await createInvitation({ projectId, email: "outsider@notify.example", role: "translator", createdById: user.owner.id });
    await createInvitation({ projectId, email: "nobody@notify.example", role: "translator", createdById: user.owner.id });
    const [item] = (await listNotifications(user.outsider.id)).items;
    expect(item).toMatchObject({ kind: "invited", href: `/invitations/${invitation.id}`, body: { role: "translator", projectName: "Notified" } });
    expect(await prisma.notification.count({ where: { kind: "invited" } })).toBe(1);
    await expect(acceptInvitationForAccount(invitation.id, user.viewer.id)).rejects.toThrow();
    await acceptInvitationForAccount(invitation.id, user.outsider.id);
    expect(await prisma.membership.count({ where: { projectId, userId: user.outsider.id, role: "translator" } })).toBe(1);
    await expect(acceptInvitationForAccount(invitation.id, user.outsider.id)).rejects.toThrow();
  });
});

describe("reading and preferences", () => {
  it("marks one or all read, only the person's own", async () => {
    const before = await unreadCount(user.translator.id);
    expect(before).toBeGreaterThan(1);
    const [first] = (await listNotifications(user.translator.id)).items;
    expect(await markRead(user.owner.id, { ids: [first!.id] })).toBe(0);
    expect(await markRead(user.translator.id, { ids: [first!.id] })).toBe(1);
    expect(await unreadCount(user.translator.id)).toBe(before - 1);
    await markRead(user.translator.id, "all");
    expect(await unreadCount(user.translator.id)).toBe(0);
  });

  it("pages newest first", async () => {
    const all = (await listNotifications(user.translator.id, { take: 100 })).items;
    const first = await listNotifications(user.translator.id, { take: 2 });
    const second = await listNotifications(user.translator.id, { take: 2, before: first.nextBefore });
    expect([...first.items, ...second.items].map((n) => n.id)).toEqual(all.slice(0, 4).map((n) => n.id));
    expect(all.map((n) => n.createdAt)).toEqual([...all.map((n) => n.createdAt)].sort().reverse());
  });

  it("defaults, changes, and a kind switched off is not written at all; the mail column follows the choice", async () => {
    expect(await notificationPreferences(user.translator.id)).toEqual(DEFAULT_DELIVERY);
    await setNotificationPreferences(user.translator.id, { assigned: "off", sentBack: "digest" });
    expect(await notificationPreferences(user.translator.id)).toMatchObject({ assigned: "off", sentBack: "digest", mentioned: "immediate" });
    const { documentId, ids } = await newDocument(["偏好段。"]);
    await assignDocument(documentId, { translatorId: user.translator.id, reviewerId: null }, user.owner.id);
    expect(await told("assigned", documentId)).toEqual([]);
    await confirm(ids[0]!, "Preferences.");
    // With mail configured the row carries the person's choice (nothing is sent from here: no worker runs).
    process.env.DUIZHAO_SMTP_HOST = "127.0.0.1";
    process.env.DUIZHAO_MAIL_FROM = "Duizhao <duizhao@localhost>";
    try {
      await applyTransition({ segmentId: ids[0]!, transition: "request_changes", actorId: user.reviewer.id, actorRole: "reviewer", comment: "Again." });
    } finally {
      delete process.env.DUIZHAO_SMTP_HOST;
      delete process.env.DUIZHAO_MAIL_FROM;
    }
    const row = await prisma.notification.findFirstOrThrow({ where: { kind: "sentBack", documentId } });
    expect(row.mail).toBe("digest");
    // Without mail, nothing waits for a digest that would never be sent.
    await confirm(ids[0]!, "Preferences again.");
    await applyTransition({ segmentId: ids[0]!, transition: "request_changes", actorId: user.reviewer.id, actorRole: "reviewer", comment: "Once more." });
    const rows = await prisma.notification.findMany({ where: { kind: "sentBack", documentId }, orderBy: { id: "asc" } });
    expect(rows.map((r) => r.mail)).toEqual(["digest", "none"]);
    await setNotificationPreferences(user.translator.id, { assigned: "immediate", sentBack: "immediate" });
  });
});
