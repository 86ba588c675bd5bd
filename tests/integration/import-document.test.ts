import fs from "node:fs";
import path from "node:path";
import { beforeAll, describe, expect, it } from "vitest";
import { prisma } from "@/lib/db";
import { decodeText } from "@/lib/documents/decode-text";
import { importText } from "@/lib/documents/import-document";
import { ImportError } from "@/lib/documents/import-error";
import { listDocumentSummaries } from "@/lib/projects/project-repository";

const seedBytes = fs.readFileSync(path.join(__dirname, "../../prisma/seed-data/kunshan-hi-tech-zone.zh.txt"));
let projectId: string;

beforeAll(async () => {
  projectId = (await prisma.project.create({ data: { name: "Integration" } })).id;
});

async function counts() {
  return {
    documents: await prisma.document.count(),
    segments: await prisma.segment.count(),
    revisions: await prisma.revision.count(),
    events: await prisma.activityEvent.count(),
  };
}

describe("importing into a real SQLite database", () => {
  it("stores the seed article as 71 ordered segments with kinds, an import revision each, and an activity event", async () => {
    const { text, encoding } = decodeText(seedBytes);
    const { document, segmentCount } = await importText(prisma, { projectId, text, acceptedJoins: "all", origin: "test", actorId: null, encoding });
    expect(segmentCount).toBe(71);

    const segments = await prisma.segment.findMany({ where: { documentId: document.id }, orderBy: { position: "asc" } });
    expect(segments.map((s) => s.position)).toEqual([...Array(71).keys()]);
    expect(segments.slice(0, 6).map((s) => s.kind)).toEqual(["heading", "heading", "heading", "byline", "caption", "heading"]);
    const kinds = segments.reduce<Record<string, number>>((acc, s) => ({ ...acc, [s.kind]: (acc[s.kind] ?? 0) + 1 }), {});
    expect(kinds).toEqual({ heading: 10, byline: 1, caption: 11, paragraph: 49 });
    expect(segments.every((s) => s.status === "untranslated" && s.target === "" && s.version === 1)).toBe(true);
    expect(segments.filter((s) => s.truncated).map((s) => s.source.slice(-6))).toEqual(["党员干部深度学习、".slice(-6)]);
    expect(segments.find((s) => s.source.includes("注册志愿者2.94万人"))).toBeDefined();

    const revisions = await prisma.revision.findMany({ where: { documentId: document.id } });
    expect(revisions).toHaveLength(71);
    expect(revisions.every((r) => r.kind === "import" && r.version === 1)).toBe(true);

    const event = await prisma.activityEvent.findFirstOrThrow({ where: { documentId: document.id } });
    expect(event.type).toBe("document.imported");
    expect(JSON.parse(event.data)).toMatchObject({ segments: 71, blocks: 76, joinsAccepted: 5, joinsRejected: 0, encoding: "utf-8" });

    expect(document.title).toBe("昆山高新区：凝聚奋进伟力开新局 踏上新征程再创辉煌");
    const [summary] = await listDocumentSummaries(prisma, projectId);
    expect(summary).toMatchObject({ id: document.id, segmentCount: 71 });
    expect(summary!.statusCounts.untranslated).toBe(71);
  });

  it("keeps 76 segments when every join is rejected, flagging the cut halves", async () => {
    const { document, segmentCount } = await importText(prisma, {
      projectId,
      text: decodeText(seedBytes).text,
      acceptedJoins: [],
      title: "Rejected joins",
      origin: "test",
      actorId: null,
    });
    expect(segmentCount).toBe(76);
    expect(await prisma.segment.count({ where: { documentId: document.id, truncated: true } })).toBe(6);
  });

  it("creates nothing when the input is refused", async () => {
    const before = await counts();
    await expect(importText(prisma, { projectId, text: " \n\u3000\n", acceptedJoins: "all", origin: "test", actorId: null })).rejects.toThrow(ImportError);
    await expect(importText(prisma, { projectId, text: "标题\n\n正文。", acceptedJoins: [42], origin: "test", actorId: null })).rejects.toThrow(/does not exist/);
    await expect(importText(prisma, { projectId: "missing", text: "标题\n\n正文。", acceptedJoins: "all", origin: "test", actorId: null })).rejects.toThrow(/does not exist/);
    expect(await counts()).toEqual(before);
  });

  it("rolls the whole import back when a write fails half-way", async () => {
    const before = await counts();
    // The database itself refuses one revision row, after the document and its segments went in.
    const postgres = (process.env.DATABASE_URL ?? "").startsWith("postgresql:");
    if (postgres) {
      await prisma.$executeRawUnsafe(`CREATE FUNCTION fail_import() RETURNS trigger AS $$ BEGIN IF NEW.source = '触发失败。' THEN RAISE EXCEPTION 'injected failure'; END IF; RETURN NEW; END $$ LANGUAGE plpgsql`);
      await prisma.$executeRawUnsafe(`CREATE TRIGGER fail_import BEFORE INSERT ON "Revision" FOR EACH ROW EXECUTE FUNCTION fail_import()`);
    } else {
      await prisma.$executeRawUnsafe(
        `CREATE TRIGGER fail_import BEFORE INSERT ON "Revision" WHEN NEW.source = '触发失败。' BEGIN SELECT RAISE(ABORT, 'injected failure'); END`,
      );
    }
    try {
      await expect(
        importText(prisma, { projectId, text: "标题\n\n第一段。\n\n触发失败。", acceptedJoins: "all", origin: "test", actorId: null }),
      ).rejects.toThrow(/injected failure/);
    } finally {
      await prisma.$executeRawUnsafe(postgres ? `DROP TRIGGER fail_import ON "Revision"` : "DROP TRIGGER fail_import");
      if (postgres) await prisma.$executeRawUnsafe("DROP FUNCTION fail_import()");
    }
    expect(await counts()).toEqual(before);
  });
});
