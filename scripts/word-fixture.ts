/**
 * Makes tests/fixtures/word/libreoffice-edited.docx once (issue 21): a review table exported by
 * Duizhao's writer with a tracked change and a comment thread, then edited by LibreOffice itself
 * with Track Changes on (scripts/libreoffice-tracked.py, Python-UNO): a replacement, an insertion,
 * a deletion, an untracked edit and a comment. The unit tests read the committed file, so
 * LibreOffice's markup is covered where LibreOffice is not installed.
 *
 *   npx tsx scripts/word-fixture.ts     (needs soffice and Debian's python3-uno)
 */
import { execFileSync } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { docxReviewTable } from "@/lib/exchange/docx-files";
import type { ExchangeDocument } from "@/lib/exchange/exchange-model";

export const FIXTURE_DOCUMENT: ExchangeDocument = {
  documentId: "fixture",
  title: "LibreOffice fixture",
  projectName: "Fixtures",
  sourceLang: "zh-CN",
  targetLang: "en-US",
  exportedAt: "2026-12-01T12:00:00Z",
  versionLabel: "Export for LibreOffice",
  progress: { total: 3, approved: 0, translated: 3 },
  trackChanges: { label: "edits since the translator last confirmed" },
  segments: [
    {
      id: "seg1",
      kind: "heading",
      source: "昆山高新区：凝聚奋进伟力",
      target: "Kunshan High-Tech Zone: pooling strength to forge ahead",
      status: "translated",
      version: 3,
      comments: [
        { id: "c1", author: "Rita Reviewer", body: "“High-Tech” is the zone's spelling.", at: "2026-11-30T10:00:00Z" },
        { id: "c2", parentId: "c1", author: "Tom Translator", body: "Agreed.", at: "2026-11-30T11:00:00Z" },
      ],
      tracked: { before: "Kunshan Hi-Tech Zone: pooling strength", author: "Rita Reviewer", at: "2026-11-30T09:30:00Z" },
    },
    { id: "seg2", kind: "byline", source: "本报记者 叶伟", target: "By staff reporter Ye Wei", status: "translated", version: 2, comments: [] },
    {
      id: "seg3",
      kind: "paragraph",
      source: "1-5月，新增注册内资140亿元，同比增长12.5%。",
      target: "From January to May, newly registered domestic capital reached 14 billion yuan, up 12.5% year on year.",
      status: "translated",
      version: 4,
      comments: [],
    },
  ],
};

export const FIXTURE_EDITS = {
  author: "Lee Subeditor",
  ops: [
    { find: "By staff reporter", replace: "By our staff reporter" },
    { find: "newly registered", replace: "newly registered private" },
    { find: " year on year", replace: "" },
    { find: "forge ahead", replace: "forge ahead!", tracked: false },
    { find: "Ye Wei", comment: "Full name in the byline?" },
  ],
};

async function main() {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), "duizhao-fixture-"));
  const exported = path.join(dir, "exported.docx");
  const ops = path.join(dir, "ops.json");
  fs.writeFileSync(exported, await docxReviewTable(FIXTURE_DOCUMENT));
  fs.writeFileSync(ops, JSON.stringify(FIXTURE_EDITS));
  const out = path.join(__dirname, "../tests/fixtures/word/libreoffice-edited.docx");
  fs.mkdirSync(path.dirname(out), { recursive: true });
  execFileSync("/usr/bin/python3", [path.join(__dirname, "libreoffice-tracked.py"), "edit", exported, out, ops], { stdio: "inherit" });
  console.log(`Wrote ${path.relative(process.cwd(), out)}`);
}

if (process.argv[1]?.endsWith("word-fixture.ts")) void main();
