import JSZip from "jszip";
import { describe, expect, it } from "vitest";
import { docxReviewTable, docxReviewTableReference } from "@/lib/exchange/docx-files";
import type { ExchangeDocument } from "@/lib/exchange/exchange-model";
import { SEGMENT_STATUSES } from "@/lib/review/segment-status";

const kinds = ["heading", "paragraph", "caption", "byline", "other-kind"];
const texts = ["", "昆山高新区成立于1994年。", "Two\nlines & <tags> \"quoted\" 'single'", "control\u0001chars\u000b\tkept tab", "𠀀 astral, emoji 👨‍👩‍👧, trailing space ", "\nleading newline"];

const sample: ExchangeDocument = {
  documentId: "doc-1",
  title: "Review & <check>",
  projectName: "Kunshan",
  sourceLang: "zh-CN",
  targetLang: "en-US",
  exportedAt: "2026-01-02T03:04:05.000Z",
  versionLabel: "Export 1",
  progress: { total: 30, approved: 5, translated: 10 },
  segments: Array.from({ length: 30 }, (_, i) => ({
    id: `seg-${i}`,
    kind: kinds[i % kinds.length]!,
    source: texts[i % texts.length]!,
    target: texts[(i + 2) % texts.length]!,
    status: SEGMENT_STATUSES[i % SEGMENT_STATUSES.length]!,
    version: i % 4 === 0 ? null : i,
    comments: i % 3 === 0 ? [{ author: "Rui Reviewer", body: "Check <this> & that\nsecond line" }] : [],
  })) as ExchangeDocument["segments"],
};

async function documentXml(buffer: Buffer): Promise<{ xml: string; files: string[] }> {
  const zip = await JSZip.loadAsync(buffer);
  return { xml: await zip.file("word/document.xml")!.async("string"), files: Object.keys(zip.files).sort() };
}

describe("DOCX review table", () => {
  it("writes its rows as XML byte for byte as docx's own objects would", async () => {
    const fast = await documentXml(await docxReviewTable(sample));
    const reference = await documentXml(await docxReviewTableReference(sample));
    expect(fast.files).toEqual(reference.files);
    expect(fast.xml).toBe(reference.xml);
    expect(fast.xml).toContain("seg-29@29");
    expect((fast.xml.match(/<w:tr>/g) ?? []).length).toBe(30 + 1);
  });
});
