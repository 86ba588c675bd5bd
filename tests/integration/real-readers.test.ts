/**
 * Our files, read by real tools (Debian packages, installed by .ci/run and npm test where
 * possible): xmllint validates the XML, translate-toolkit (what Pootle and Weblate build on)
 * reads the XLIFF 1.2 and TMX, and LibreOffice renders the DOCX to PDF whose text pdftotext
 * extracts. A missing tool skips its test, saying so.
 */
import { execFileSync, spawnSync } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { beforeAll, describe, expect, it } from "vitest";
import { prisma } from "@/lib/db";
import { decodeText } from "@/lib/documents/decode-text";
import { importText } from "@/lib/documents/import-document";
import { prepareExport } from "@/lib/exchange/export-document";
import { renderExport, type ExportFormatId } from "@/lib/exchange/formats";

const has = (command: string, args: string[]) => spawnSync(command, args, { stdio: "ignore" }).status === 0;
const PYTHON = "/usr/bin/python3";
const tools = {
  xmllint: has("xmllint", ["--version"]),
  translateToolkit: fs.existsSync(PYTHON) && has(PYTHON, ["-c", "import translate.storage.xliff, translate.storage.tmx"]),
  libreoffice: has("soffice", ["--version"]) && has("pdftotext", ["-v"]),
};
for (const [tool, present] of Object.entries(tools)) if (!present) console.warn(`real-readers: ${tool} is not installed; its test is skipped.`);

const dir = fs.mkdtempSync(path.join(os.tmpdir(), "duizhao-readers-"));
let documentId: string;
let sources: string[];
let targets: string[];

beforeAll(async () => {
  const project = await prisma.project.create({ data: { name: "Readers" } });
  const seed = decodeText(fs.readFileSync(path.join(__dirname, "../../prisma/seed-data/kunshan-hi-tech-zone.zh.txt"))).text;
  documentId = (await importText(prisma, { projectId: project.id, text: seed, acceptedJoins: "all", origin: "test", actorId: null })).document.id;
  const segments = await prisma.segment.findMany({ where: { documentId }, orderBy: { position: "asc" } });
  // Every other segment translated and approved, with XML-special characters in the English.
  for (const [i, s] of segments.entries()) {
    if (i % 2) continue;
    await prisma.segment.update({ where: { id: s.id }, data: { target: `Segment ${i + 1} <in English> & “quoted”`, status: "approved" } });
  }
  const rows = await prisma.segment.findMany({ where: { documentId }, orderBy: { position: "asc" } });
  sources = rows.map((r) => r.source);
  targets = rows.map((r) => r.target);
});

async function write(format: ExportFormatId, name: string): Promise<string> {
  const doc = await prepareExport(documentId, { format, scope: "all", withComments: true }, null);
  const file = path.join(dir, name);
  fs.writeFileSync(file, await renderExport(format, doc));
  return file;
}

describe("real readers", () => {
  it.skipIf(!tools.xmllint)("xmllint accepts our XLIFF 1.2, XLIFF 2.0 and TMX as well-formed XML", async () => {
    for (const [format, name] of [["xliff-1.2", "a.xlf"], ["xliff-2.0", "b.xlf"], ["tmx", "c.tmx"]] as const) {
      const file = await write(format, name);
      const result = spawnSync("xmllint", ["--noout", "--nonet", file], { encoding: "utf8" });
      expect(result.stderr, `${format}`).toBe("");
      expect(result.status).toBe(0);
    }
  });

  it.skipIf(!tools.translateToolkit)("translate-toolkit reads the same units and targets from our XLIFF 1.2 and TMX", async () => {
    const xlf = await write("xliff-1.2", "tt.xlf");
    const tmx = await write("tmx", "tt.tmx");
    const script = `
import json, sys
from translate.storage import xliff, tmx
x = xliff.xlifffile.parsefile(sys.argv[1])
t = tmx.tmxfile.parsefile(sys.argv[2])
print(json.dumps({
  "xliff": [[u.getid().split("\x04")[-1], u.source, u.target or ""] for u in x.units if u.istranslatable()],
  "tmx": [[u.source, u.target] for u in t.units],
}))`;
    const out = JSON.parse(execFileSync(PYTHON, ["-c", script, xlf, tmx], { encoding: "utf8" })) as { xliff: string[][]; tmx: string[][] };
    const ids = (await prisma.segment.findMany({ where: { documentId }, orderBy: { position: "asc" }, select: { id: true } })).map((s) => s.id);
    expect(out.xliff).toEqual(ids.map((id, i) => [id, sources[i], targets[i]]));
    const approved = sources.map((s, i) => [s, targets[i]!]).filter((_, i) => i % 2 === 0);
    expect(out.tmx).toEqual(approved);
  });

  it.skipIf(!tools.libreoffice)("LibreOffice renders our DOCX review table to a PDF that holds the seed's Chinese and English", async () => {
    const docx = await write("docx-review", "review.docx");
    const profile = path.join(dir, "lo-profile");
    const convert = spawnSync("soffice", [`-env:UserInstallation=file://${profile}`, "--headless", "--convert-to", "pdf", "--outdir", dir, docx], { encoding: "utf8", timeout: 180_000 });
    expect(convert.status, convert.stderr).toBe(0);
    const text = execFileSync("pdftotext", ["-layout", path.join(dir, "review.pdf"), "-"], { encoding: "utf8" });
    const compact = text.replace(/\s+/g, "");
    expect(compact).toContain("昆山高新区");
    expect(compact).toContain("本报记者");
    // Table cells are justified, so compare without spaces.
    expect(compact).toContain("Segment1<inEnglish>&“quoted”");
    expect(compact).toContain("Chinese");
    const targetOnly = await write("docx-target", "english.docx");
    expect(spawnSync("soffice", [`-env:UserInstallation=file://${profile}`, "--headless", "--convert-to", "pdf", "--outdir", dir, targetOnly], { timeout: 180_000 }).status).toBe(0);
    expect(execFileSync("pdftotext", [path.join(dir, "english.pdf"), "-"], { encoding: "utf8" }).replace(/\s+/g, "")).toContain("Segment3<inEnglish>");
  }, 240_000);
});
