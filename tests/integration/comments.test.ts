import { beforeAll, describe, expect, it } from "vitest";
import { prisma } from "@/lib/db";
import { importText } from "@/lib/documents/import-document";
import { segmentSlice } from "@/lib/documents/document-queries";
import { addComment, changeComment, listComments } from "@/lib/review/comments";
import { applyTransition } from "@/lib/review/status-changes";

let segmentId: string;
let documentId: string;
let ann: string;
let bo: string;

beforeAll(async () => {
  const project = await prisma.project.create({ data: { name: "Comments" } });
  ann = (await prisma.user.create({ data: { email: "ann@comments.example", name: "Ann", passwordHash: "x" } })).id;
  bo = (await prisma.user.create({ data: { email: "bo@comments.example", name: "Bo", passwordHash: "x" } })).id;
  documentId = (await importText(prisma, { projectId: project.id, text: "标题\n\n第一段。", acceptedJoins: "all", origin: "test", actorId: null })).document.id;
  segmentId = (await prisma.segment.findFirstOrThrow({ where: { documentId, position: 1 } })).id;
  await prisma.segment.update({ where: { id: segmentId }, data: { status: "translated", target: "The first paragraph." } });
});

describe("comment threads", () => {
  it("adds comments and issues, counted per segment for the editor's filters", async () => {
    await addComment({ segmentId, documentId, authorId: ann, body: "Is **first** right? @Bo", isIssue: false });
    await addComment({ segmentId, documentId, authorId: bo, body: "Wrong term: use *opening*.", isIssue: true });
    const { segments } = await segmentSlice(prisma, documentId, 0, 10);
    expect(segments.map((s) => [s.comments, s.openIssues])).toEqual([
      [0, 0],
      [2, 1],
    ]);
    await expect(addComment({ segmentId, documentId, authorId: ann, body: "   ", isIssue: false })).rejects.toThrow(/Write something/);
  });

  it("blocks approval while an issue is open; resolving (logged) unblocks it", async () => {
    const segment = await prisma.segment.findUniqueOrThrow({ where: { id: segmentId } });
    await expect(applyTransition({ segmentId, transition: "approve", actorId: ann })).rejects.toThrow(/open issue/);
    expect((await prisma.segment.findUniqueOrThrow({ where: { id: segmentId } })).status).toBe(segment.status);
    const issue = (await listComments(segmentId)).find((c) => c.isIssue)!;
    await changeComment(issue.id, ann, { op: "resolve" });
    expect((await listComments(segmentId)).find((c) => c.id === issue.id)).toMatchObject({ resolvedByName: "Ann", resolvedAt: expect.any(String) });
    expect(await prisma.activityEvent.count({ where: { type: "comment.resolved", actorId: ann } })).toBe(1);
    await changeComment(issue.id, bo, { op: "reopen" });
    await expect(applyTransition({ segmentId, transition: "approve", actorId: ann })).rejects.toThrow(/open issue/);
    await changeComment(issue.id, bo, { op: "resolve" });
    expect(await applyTransition({ segmentId, transition: "approve", actorId: ann })).toMatchObject({ status: "approved" });
  });

  it("lets only the author edit or delete a comment", async () => {
    const mine = (await listComments(segmentId)).find((c) => c.authorId === ann)!;
    await expect(changeComment(mine.id, bo, { op: "edit", body: "Hijack" })).rejects.toThrow(/Only the author/);
    await expect(changeComment(mine.id, bo, { op: "delete" })).rejects.toThrow(/Only the author/);
    await changeComment(mine.id, ann, { op: "edit", body: "Is *first* right?" });
    expect((await listComments(segmentId)).find((c) => c.id === mine.id)?.body).toBe("Is *first* right?");
    await changeComment(mine.id, ann, { op: "delete" });
    expect((await listComments(segmentId)).map((c) => c.id)).not.toContain(mine.id);
  });
});

describe("a comment whose author's account is gone", () => {
  it("has no author name (null, not an English word): the page says “Former member” in the reader's language", async () => {
    const gone = (await prisma.user.create({ data: { email: "gone@comments.example", name: "Gone", passwordHash: "x" } })).id;
    const comment = await addComment({ segmentId, documentId, authorId: gone, body: "Left a note, then left.", isIssue: false });
    await prisma.user.delete({ where: { id: gone } });
    expect((await listComments(segmentId)).find((c) => c.id === comment.id)).toMatchObject({ authorName: null, body: "Left a note, then left." });
  });
});
