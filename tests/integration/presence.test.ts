import { beforeAll, describe, expect, it } from "vitest";
import { prisma } from "@/lib/db";
import { heartbeat, leave, PRESENCE_TTL_MS } from "@/lib/documents/presence";

let documentId: string;
let ann: string;
let bo: string;

beforeAll(async () => {
  const project = await prisma.project.create({ data: { name: "Presence" } });
  documentId = (await prisma.document.create({ data: { projectId: project.id, title: "D", sourceLang: "zh", targetLang: "en" } })).id;
  ann = (await prisma.user.create({ data: { email: "ann@presence.example", name: "Ann", passwordHash: "x" } })).id;
  bo = (await prisma.user.create({ data: { email: "bo@presence.example", name: "Bo", passwordHash: "x" } })).id;
});

describe("presence", () => {
  it("shows the others in the document and the segment each is in, never oneself", async () => {
    const t0 = new Date();
    expect(await heartbeat(ann, documentId, "seg-1", t0)).toEqual([]);
    expect(await heartbeat(bo, documentId, null, t0)).toEqual([{ userId: ann, name: "Ann", segmentId: "seg-1" }]);
    expect(await heartbeat(ann, documentId, "seg-2", t0)).toEqual([{ userId: bo, name: "Bo", segmentId: null }]);
  });

  it("forgets people whose heartbeat stopped, and people who left", async () => {
    const later = new Date(Date.now() + PRESENCE_TTL_MS + 1000);
    expect(await heartbeat(bo, documentId, null, later)).toEqual([]);
    await heartbeat(ann, documentId, "seg-3", later);
    expect(await heartbeat(bo, documentId, null, later)).toHaveLength(1);
    await leave(ann, documentId);
    expect(await heartbeat(bo, documentId, null, later)).toEqual([]);
  });
});
