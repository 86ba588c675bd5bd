import { beforeAll, describe, expect, it } from "vitest";
import { prisma } from "@/lib/db";
import { importText } from "@/lib/documents/import-document";
import { addComment, listComments } from "@/lib/review/comments";
import { bulkApprove } from "@/lib/review/bulk-approve";
import { errorMessage } from "@/lib/http/coded-error";
import { applyTransition } from "@/lib/review/status-changes";

let documentId: string;
let reviewer: string;
let ids: string[];

beforeAll(async () => {
  const project = await prisma.project.create({ data: { name: "Review" } });
  reviewer = (await prisma.user.create({ data: { email: "rev@review.example", name: "Rev", passwordHash: "x" } })).id;
  documentId = (await importText(prisma, { projectId: project.id, text: "共10个。\n\n第二段。\n\n第三段。\n\n第四段。\n\n第五段。", acceptedJoins: [], origin: "test", actorId: null })).document.id;
  const rows = await prisma.segment.findMany({ where: { documentId }, orderBy: { position: "asc" } });
  ids = rows.map((r) => r.id);
  const setup: [string, string][] = [
    ["There are 11.", "translated"], // QA error: number mismatch
    ["The second paragraph.", "translated"], // fine
    ["The third paragraph.", "translated"], // open issue below
    ["", "untranslated"], // not confirmed
    ["The fifth paragraph.", "draft"], // not confirmed
  ];
  for (const [i, [target, status]] of setup.entries()) await prisma.segment.update({ where: { id: ids[i]! }, data: { target, status } });
  await addComment({ segmentId: ids[2]!, documentId, authorId: reviewer, body: "Term?", isIssue: true });
});

describe("reviewer actions", () => {
  it("bulk approve approves what it may and says which others were refused and why", async () => {
    const result = await bulkApprove(documentId, ids, reviewer);
    expect(result.approved.map((a) => a.id)).toEqual([ids[1]]);
    // Reasons are codes with parameters (the page words them in the reader's language).
    expect(result.refused).toEqual([
      { position: 0, code: "bulk-approve-qa-errors", checks: ["number-mismatch"] },
      { position: 2, code: "transition-open-issue" },
      { position: 3, code: "bulk-approve-not-confirmed", params: { status: "untranslated" } },
      { position: 4, code: "bulk-approve-not-confirmed", params: { status: "draft" } },
    ]);
    // …in either language (the page lists the checks by name; here by id).
    expect(result.refused.map((r) => errorMessage(r.code, { ...r.params, ...(r.checks ? { checks: r.checks.join(", ") } : {}) }, "zh-CN"))).toEqual([
      "质量保证：number-mismatch",
      "此句段有未解决的问题：请先解决再批准。",
      "未翻译：只有已确认的句段才能批准",
      "草稿：只有已确认的句段才能批准",
    ]);
    const statuses = (await prisma.segment.findMany({ where: { documentId }, orderBy: { position: "asc" } })).map((s) => s.status);
    expect(statuses).toEqual(["translated", "approved", "translated", "untranslated", "draft"]);
  });

  it("requesting changes needs a comment, which the translator then sees in the thread", async () => {
    await expect(applyTransition({ segmentId: ids[1]!, transition: "request_changes", actorId: reviewer, comment: "  " })).rejects.toThrow(/comment is required/);
    const result = await applyTransition({ segmentId: ids[1]!, transition: "request_changes", actorId: reviewer, comment: "Use “section” here." });
    expect(result.status).toBe("changes_requested");
    expect((await listComments(ids[1]!)).map((c) => c.body)).toEqual(["Use “section” here."]);
  });
});
