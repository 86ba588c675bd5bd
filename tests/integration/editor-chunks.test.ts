/**
 * Issue 18: the editor loads a document in keyset chunks — GET …/segments?after=<position> —
 * in position order, each with its own segments' comment counts, without reading the total unless
 * asked; only members of the project may read them.
 */
import { beforeAll, describe, expect, it, vi } from "vitest";
import type { SessionUser } from "@/lib/auth/session";

let currentUser: SessionUser | null = null;
vi.mock("@/lib/auth/session", () => ({ getSessionUser: async () => currentUser }));
vi.mock("next/cache", () => ({ revalidatePath: () => undefined }));

const { prisma } = await import("@/lib/db");
const { importText } = await import("@/lib/documents/import-document");
const { addComment } = await import("@/lib/review/comments");
const { joinWithNext } = await import("@/lib/revisions/restructure");
const segmentsRoute = await import("@/app/api/documents/[documentId]/segments/route");
const { chunkAddress, BEFORE_FIRST, CHUNK_ROWS } = await import("@/lib/editor/chunk-loading");
const { plannedChunkStarts } = await import("@/lib/documents/document-queries");

type Chunk = { segments: { id: string; position: number; source: string; comments: number; openIssues: number; version: number }[]; next: number | null; total?: number };

let member: SessionUser;
let outsider: SessionUser;
let documentId = "";
const SEGMENTS = 23;

const get = async (address: string) => segmentsRoute.GET(new Request(`http://test${address}`), { params: Promise.resolve({ documentId }) });

/** Every chunk from the start, as the editor asks for them. */
async function readAll(limit: number) {
  const chunks: Chunk[] = [];
  let after: number | null = BEFORE_FIRST;
  while (after !== null) {
    const response = await get(chunkAddress(documentId, after, { limit, withTotal: chunks.length === 0 }));
    expect(response.status).toBe(200);
    const chunk = (await response.json()) as Chunk;
    chunks.push(chunk);
    after = chunk.next;
  }
  return chunks;
}

beforeAll(async () => {
  const make = async (email: string) => {
    const user = await prisma.user.create({ data: { email, name: email.split("@")[0]!, passwordHash: "x" } });
    return { id: user.id, email: user.email, name: user.name, isAdmin: false } satisfies SessionUser;
  };
  member = await make("member@chunks.example");
  outsider = await make("outsider@chunks.example");
  const projectId = (await prisma.project.create({ data: { name: "分块" } })).id;
  await prisma.membership.create({ data: { projectId, userId: member.id, role: "owner" } });
  const text = Array.from({ length: SEGMENTS }, (_, i) => `第${i + 1}段的句子。`).join("\n\n");
  documentId = (await importText(prisma, { projectId, text, acceptedJoins: [], origin: "test", actorId: member.id })).document.id;
  // Another document's comments must not be counted in this one's chunks.
  const other = (await importText(prisma, { projectId, text: "别的文件。", acceptedJoins: [], origin: "test", actorId: member.id })).document.id;
  const otherSegment = await prisma.segment.findFirstOrThrow({ where: { documentId: other } });
  await addComment({ segmentId: otherSegment.id, documentId: other, authorId: member.id, body: "elsewhere", isIssue: true });
});

describe("the editor's chunks", () => {
  it("come in position order by keyset, cover every segment once, and carry the total only when asked", async () => {
    currentUser = member;
    const chunks = await readAll(5);
    expect(chunks.map((c) => c.segments.length)).toEqual([5, 5, 5, 5, 3]);
    expect(chunks[0]!.total).toBe(SEGMENTS);
    expect(chunks.slice(1).every((c) => c.total === undefined)).toBe(true);
    const positions = chunks.flatMap((c) => c.segments.map((s) => s.position));
    expect(positions).toEqual(Array.from({ length: SEGMENTS }, (_, i) => i));
    expect(chunks.at(-1)!.next).toBeNull();
    // `next` is the last position of its chunk.
    for (const c of chunks.slice(0, -1)) expect(c.next).toBe(c.segments.at(-1)!.position);
    // A chunk that ends exactly at the document's end says so (no empty request after it).
    const exact = await readAll(SEGMENTS);
    expect(exact).toHaveLength(1);
    expect(exact[0]!.next).toBeNull();
  });

  it("the starts the page plans for its first requests are the `next` the chunks will say, in the header too", async () => {
    currentUser = member;
    const chunks = await readAll(5);
    expect(await plannedChunkStarts(prisma, documentId, BEFORE_FIRST, 5, 3)).toEqual(chunks.slice(0, 3).map((c) => c.next));
    // Only where a row follows: 23 rows after position 2 make four chunks of 5 and one of 0 — none planned past the last.
    expect(await plannedChunkStarts(prisma, documentId, 2, 5, 10)).toEqual([7, 12, 17]);
    expect(await plannedChunkStarts(prisma, documentId, 2, 20, 2)).toEqual([]);
    const response = await get(chunkAddress(documentId, BEFORE_FIRST, { limit: 5 }));
    expect(response.headers.get("x-duizhao-next-after")).toBe("4");
    const last = await get(chunkAddress(documentId, 20, { limit: 5 }));
    expect(last.headers.get("x-duizhao-next-after")).toBe("end");
  });

  it("count the comments of their own segments", async () => {
    currentUser = member;
    const [third, twelfth] = await Promise.all([2, 11].map((position) => prisma.segment.findFirstOrThrow({ where: { documentId, position } })));
    await addComment({ segmentId: third!.id, documentId, authorId: member.id, body: "a note", isIssue: false });
    await addComment({ segmentId: twelfth!.id, documentId, authorId: member.id, body: "an issue", isIssue: true });
    await addComment({ segmentId: twelfth!.id, documentId, authorId: member.id, body: "another", isIssue: false });
    const all = (await readAll(5)).flatMap((c) => c.segments);
    const counted = all.filter((s) => s.comments > 0).map((s) => [s.position, s.comments, s.openIssues]);
    expect(counted).toEqual([
      [2, 1, 0],
      [11, 2, 1],
    ]);
  });

  it("a cursor is a position: after a join it continues with the rows after that position as renumbered (the editor reloads on the join's live event)", async () => {
    currentUser = member;
    const first = await readAll(5);
    const fifth = first[0]!.segments[4]!;
    const joined = first[0]!.segments[3]!;
    await joinWithNext(joined.id, member.id, () => true);
    const rest = (await (await get(chunkAddress(documentId, first[0]!.next!, { limit: 100 }))).json()) as Chunk;
    expect(rest.segments[0]!.position).toBe(5);
    expect(rest.segments.map((s) => s.id)).not.toContain(fifth.id);
    expect(rest.segments).toHaveLength(SEGMENTS - 1 - 5);
  });

  it("a chunk of the editor's size is one request, comment counts included (more rows than the database takes parameters)", async () => {
    currentUser = member;
    const project = await prisma.document.findUniqueOrThrow({ where: { id: documentId }, select: { projectId: true } });
    const text = Array.from({ length: CHUNK_ROWS + 100 }, (_, i) => `长文第${i + 1}段。`).join("\n\n");
    const long = (await importText(prisma, { projectId: project.projectId, text, acceptedJoins: [], origin: "test", actorId: member.id })).document.id;
    const last = await prisma.segment.findFirstOrThrow({ where: { documentId: long, position: CHUNK_ROWS - 1 } });
    await addComment({ segmentId: last.id, documentId: long, authorId: member.id, body: "at the chunk's end", isIssue: true });
    const response = await segmentsRoute.GET(new Request(`http://test${chunkAddress(long, BEFORE_FIRST)}`), { params: Promise.resolve({ documentId: long }) });
    expect(response.status).toBe(200);
    const chunk = (await response.json()) as Chunk;
    expect(chunk.segments).toHaveLength(CHUNK_ROWS);
    expect(chunk.next).toBe(CHUNK_ROWS - 1);
    expect(chunk.segments.filter((s) => s.comments > 0).map((s) => [s.position, s.comments, s.openIssues])).toEqual([[CHUNK_ROWS - 1, 1, 1]]);
  });

  it("are the document's members' only: 404 for others, 401 signed out; a bad cursor is a 400", async () => {
    currentUser = outsider;
    expect((await get(chunkAddress(documentId, BEFORE_FIRST))).status).toBe(404);
    currentUser = null;
    expect((await get(chunkAddress(documentId, BEFORE_FIRST))).status).toBe(401);
    currentUser = member;
    for (const bad of ["-2", "1.5", "x", "1e20"]) expect((await get(`/api/documents/${documentId}/segments?after=${bad}`)).status, bad).toBe(400);
    expect((await get(`/api/documents/${documentId}/segments?after=0&limit=5001`)).status).toBe(400);
  });
});
