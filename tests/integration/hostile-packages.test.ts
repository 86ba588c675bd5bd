/**
 * Issue 13 §2 (files), through the real upload routes as the roles that reach them: every
 * ZIP-based format passes the unpacked-size limit before a parser sees it (XLSX used to go
 * straight to exceljs), deep XML is refused by name (preview and memory import), and a short
 * UTF-16LE file without a byte-order mark is read as text.
 */
import { beforeAll, describe, expect, it, vi } from "vitest";
import type { SessionUser } from "@/lib/auth/session";
import { answerOf, post } from "./uploads";
import { buildZip, xlsxWith, type ZipEntry } from "./zip-builder";

let currentUser: SessionUser | null = null;
vi.mock("@/lib/auth/session", () => ({ getSessionUser: async () => currentUser }));
vi.mock("next/cache", () => ({ revalidatePath: () => undefined }));
vi.mock("next/navigation", () => ({
  redirect: (url: string) => {
    throw Object.assign(new Error(`redirect ${url}`), { redirectTo: url });
  },
  notFound: () => {
    throw new Error("not found");
  },
}));

const { prisma } = await import("@/lib/db");
const { importText } = await import("@/lib/documents/import-document");
const { readUpload } = await import("@/lib/exchange/read-upload");
const { ZIP_FORMATS } = await import("@/lib/exchange/zip");
const previewRoute = await import("@/app/api/projects/[projectId]/import/preview/route");
const bilingualRoute = await import("@/app/api/projects/[projectId]/import/bilingual/route");
const reimportRoute = await import("@/app/api/documents/[documentId]/reimport/preview/route");
const memoryRoute = await import("@/app/api/projects/[projectId]/memory/import/route");

const users = {} as Record<"owner" | "translator", SessionUser>;
let projectId: string;
let documentId: string;

beforeAll(async () => {
  projectId = (await prisma.project.create({ data: { name: "Packages" } })).id;
  for (const role of ["owner", "translator"] as const) {
    const user = await prisma.user.create({ data: { email: `${role}@packages.example`, name: role, passwordHash: "x" } });
    await prisma.membership.create({ data: { projectId, userId: user.id, role } });
    users[role] = { id: user.id, email: user.email, name: user.name, isAdmin: false };
  }
  documentId = (await importText(prisma, { projectId, text: "标题\n\n第一段。", acceptedJoins: "all", origin: "test", actorId: null })).document.id;
});

async function everything() {
  return JSON.stringify(await Promise.all([prisma.document.count(), prisma.segment.count(), prisma.revision.count(), prisma.activityEvent.count(), prisma.memoryUnit.count()]));
}

const file = (bytes: Buffer | string, name: string) => new File([typeof bytes === "string" ? bytes : new Uint8Array(bytes)], name);
const previewImport = (bytes: Buffer | string, name: string) => answerOf<{ kind: string }>(post(previewRoute, { projectId }, file(bytes, name)));

/** Preview as the owner, create as the owner, re-import preview as a translator: all refused with `message`. */
async function expectRefusedEverywhere(bytes: Buffer, name: string, message: RegExp) {
  const before = await everything();
  currentUser = users.owner;
  const preview = await previewImport(bytes, name);
  expect(preview).toMatchObject({ ok: false, status: 400 });
  expect(!preview.ok && preview.error).toMatch(message);
  const created = await answerOf(post(bilingualRoute, { projectId }, file(bytes, name), { title: "x" }));
  expect(!created.ok && created.error).toMatch(message);
  currentUser = users.translator;
  const reimport = await answerOf(post(reimportRoute, { documentId }, file(bytes, name)));
  expect(reimport).toMatchObject({ ok: false });
  expect(!reimport.ok && reimport.error).toMatch(message);
  expect(await everything()).toBe(before);
}

describe("ZIP-based uploads pass the unpacked-size limit before any parser", () => {
  it("an XLSX of 0.44 MB that inflates to 450 MiB is refused by name, at once", async () => {
    const bomb = xlsxWith([], { name: "xl/worksheets/sheet1.xml", zerosMiB: 450 });
    expect(bomb.length).toBeLessThan(500 * 1024);
    await expectRefusedEverywhere(bomb, "bomb.xlsx", /expands to more than 200 MB when unpacked/);
  });

  it("a 1 MB XLSX with a 1 GiB media entry is refused by name", async () => {
    const withMedia = xlsxWith([{ name: "xl/media/image1.png", zerosMiB: 1024 }]);
    expect(withMedia.length).toBeLessThan(1.5 * 1024 * 1024);
    await expectRefusedEverywhere(withMedia, "media.xlsx", /expands to more than 200 MB when unpacked/);
  });

  it("a ZIP whose headers lie about the size is stopped as soon as a part passes its declared size", async () => {
    const liar = xlsxWith([], { name: "xl/worksheets/sheet1.xml", zerosMiB: 300, declaredSize: 1000 });
    await expectRefusedEverywhere(liar, "liar.xlsx", /part “xl\/worksheets\/sheet1.xml” unpacks to more than the size the file declares/);
  });

  // Every ZIP-based format, including any added to ZIP_FORMATS later.
  for (const format of Object.keys(ZIP_FORMATS) as (keyof typeof ZIP_FORMATS)[]) {
    it(`.${format}: an honest bomb and a lying one in a part the reader needs are both refused`, async () => {
      const part = format === "docx" ? "word/document.xml" : "xl/worksheets/sheet1.xml";
      expect(ZIP_FORMATS[format](part)).toBe(true);
      const cases: [ZipEntry, RegExp][] = [
        [{ name: part, zerosMiB: 300 }, /expands to more than 200 MB/],
        [{ name: part, zerosMiB: 300, declaredSize: 10 }, /unpacks to more than the size the file declares/],
      ];
      for (const [entry, message] of cases) await expect(readUpload(`bomb.${format}`, buildZip([entry]))).rejects.toThrow(message);
    });
  }

  it("a genuine workbook still imports, images and all (parts it does not need are never unpacked)", async () => {
    currentUser = users.owner;
    const workbook = xlsxWith([{ name: "xl/media/image1.png", content: Buffer.alloc(50_000, 7) }]);
    const preview = await previewImport(workbook, "pairs.xlsx");
    expect(preview).toMatchObject({ ok: true, kind: "bilingual", unitCount: 1, sample: [{ source: "第一段。", target: "First." }] });
  });
});

describe("XML nested 60,000 levels deep is refused by name", () => {
  const deep = (root: string, inner: string) => `<?xml version="1.0" encoding="UTF-8"?>\n<${root} version="1.2">${"<g>".repeat(60_000)}${inner}${"</g>".repeat(60_000)}</${root}>`;

  it("in the import preview (XLIFF and TMX)", async () => {
    currentUser = users.owner;
    const before = await everything();
    for (const [name, xml] of [
      ["deep.xlf", deep("xliff", "x")],
      ["deep.tmx", deep("tmx", "x")],
    ] as const) {
      const preview = await previewImport(xml, name);
      expect(preview).toMatchObject({ ok: false, status: 400 });
      expect(!preview.ok && preview.error).toMatch(/nests elements more than 250 levels deep/);
    }
    expect(await everything()).toBe(before);
  });

  it("in the memory import (was a 500)", async () => {
    currentUser = users.owner;
    const before = await everything();
    const result = await answerOf(post(memoryRoute, { projectId }, file(deep("tmx", "x"), "deep.tmx")));
    expect(result).toMatchObject({ ok: false });
    expect(!result.ok && result.error).toMatch(/nests elements more than 250 levels deep/);
    expect(await everything()).toBe(before);
  });
});

describe("text files", () => {
  it("a short UTF-16LE file without a byte-order mark containing 一 is read, not refused as binary", async () => {
    currentUser = users.owner;
    const text = "一带一路\n\n第一段。";
    const preview = await previewImport(Buffer.from(text, "utf16le"), "short.txt");
    expect(preview).toMatchObject({ ok: true, kind: "source", text, encoding: "utf-16le" });
  });
});
