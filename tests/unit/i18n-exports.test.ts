/**
 * Issue 15: exported files speak the exporting person's language — the review table's headings
 * and header block, the bilingual HTML, the workbook's sheet, the comparison — while the
 * machine-readable parts (CSV/XLSX column keys, the Ref column) stay as they are, and a review
 * table exported in Chinese still comes back through the re-import.
 */
import JSZip from "jszip";
import { describe, expect, it } from "vitest";
import { docxReviewTable } from "@/lib/exchange/docx-files";
import type { ExchangeDocument } from "@/lib/exchange/exchange-model";
import { readUpload } from "@/lib/exchange/read-upload";
import { csv, xlsx } from "@/lib/exchange/tabular";
import { bilingualHtml } from "@/lib/exchange/text-files";
import type { Locale } from "@/lib/i18n/locales";
import { comparisonToDocx, comparisonToHtml } from "@/lib/versions/comparison-export";
import type { VersionComparison } from "@/lib/versions/version-repository";

const doc = (locale?: Locale): ExchangeDocument => ({
  documentId: "d1",
  title: "昆山",
  projectName: "Kunshan",
  sourceLang: "zh-CN",
  targetLang: "en-US",
  exportedAt: "2026-12-01T03:48:00.000Z",
  versionLabel: "v1",
  progress: { total: 2, approved: 1, translated: 1 },
  segments: [
    { id: "seg-a", kind: "heading", source: "标题", target: "Title", status: "approved", version: 3, comments: [] },
    { id: "seg-b", kind: "paragraph", source: "正文。", target: "Body.", status: "translated", version: 2, comments: [{ author: "Rex", body: "Check.", at: "" }] },
  ],
  ...(locale ? { locale } : {}),
});

async function documentXml(buffer: Buffer): Promise<string> {
  const xml = await (await JSZip.loadAsync(buffer)).file("word/document.xml")!.async("string");
  return xml.replace(/<[^>]+>/g, " ");
}

describe("the Word review table", () => {
  it("has Chinese headings, labels and statuses when exported in Chinese", async () => {
    const text = await documentXml(await docxReviewTable(doc("zh-CN")));
    for (const word of ["中文原文", "英文译文", "状态", "批注", "项目：", "导出时间：", "进度：", "已批准", "已翻译", "只编辑英文译文列"]) expect(text).toContain(word);
    expect(text).toContain("2026-12-01 03:48 UTC");
    expect(text).not.toContain("Project:");
    expect(text).not.toContain("Comments");
  });

  it("stays English when exported in English or without a language (the CLI)", async () => {
    for (const d of [doc("en"), doc()]) {
      const text = await documentXml(await docxReviewTable(d));
      for (const word of ["Chinese", "English", "Status", "Comments", "Project:", "Approved", "Edit only the English column"]) expect(text).toContain(word);
      expect(text).not.toContain("中文原文");
      expect(text).not.toContain("批注");
    }
  });

  it("comes back through the re-import in either language (the Ref column is the same)", async () => {
    for (const locale of ["zh-CN", "en"] as const) {
      const read = await readUpload("table.docx", await docxReviewTable(doc(locale)));
      expect(read.kind).toBe("review-table");
      if (read.kind !== "review-table") return;
      expect(read.rows.map((r) => [r.segmentId, r.version, r.target])).toEqual([
        ["seg-a", 3, "Title"],
        ["seg-b", 2, "Body."],
      ]);
    }
  });
});

describe("the bilingual HTML", () => {
  it("heads its columns and names statuses in the exporter's language", () => {
    const zh = [...bilingualHtml(doc("zh-CN"))].join("");
    expect(zh).toContain("<th>中文原文</th><th>英文译文</th><th>状态</th>");
    expect(zh).toContain(">已批准</td>");
    expect(zh).toContain("已批准 1/2");
    const en = [...bilingualHtml(doc("en"))].join("");
    expect(en).toContain("<th>Chinese</th><th>English</th><th>Status</th>");
    expect(en).toContain("1 of 2 approved");
  });
});

describe("the tables", () => {
  it("keep their machine-readable column keys in every language; the workbook's sheet is named in it", async () => {
    expect([...csv(doc("zh-CN"))][0]).toBe("\uFEFFid,number,kind,source,target,status,version,comments\r\n");
    const book = await JSZip.loadAsync(await xlsx(doc("zh-CN")));
    expect(await book.file("xl/workbook.xml")!.async("string")).toContain('name="句段"');
    const english = await JSZip.loadAsync(await xlsx(doc("en")));
    expect(await english.file("xl/workbook.xml")!.async("string")).toContain('name="Segments"');
    const read = await readUpload("book.xlsx", await xlsx(doc("zh-CN")));
    expect(read.kind === "bilingual" && read.units.map((u) => u.id)).toEqual(["seg-a", "seg-b"]);
  });
});

describe("the comparison export", () => {
  const comparison = {
    older: { ref: "v1", label: "初稿", at: "2026-11-30T08:00:00.000Z" },
    newer: { ref: "now", label: "Current", at: "2026-12-01T08:00:00.000Z" },
    summary: { changed: 1, added: 0, removed: 1, joined: 0, split: 0, unchanged: 3 },
    changes: [
      {
        kind: "changed",
        segmentId: "a",
        before: { segmentId: "a", position: 0, kind: "paragraph", source: "一", target: "One", status: "translated" },
        after: { segmentId: "a", position: 0, kind: "paragraph", source: "一", target: "One!", status: "approved" },
        relatedId: null,
        relatedNumber: null,
        sourceChanged: false,
        targetChanged: true,
        statusChanged: true,
      },
      {
        kind: "removed",
        segmentId: "b",
        before: { segmentId: "b", position: 4, kind: "paragraph", source: "二", target: "Two", status: "draft" },
        after: null,
        relatedId: null,
        relatedNumber: null,
        sourceChanged: true,
        targetChanged: true,
        statusChanged: true,
      },
    ],
  } as unknown as VersionComparison;
  const meta = { projectName: "P", documentTitle: "昆山", sourceLang: "zh-CN", targetLang: "en-US" };

  it("is headed, summarised and labelled in Chinese when exported in Chinese", async () => {
    const html = await comparisonToHtml(comparison, { ...meta, locale: "zh-CN" });
    expect(html).toContain('<html lang="zh-CN">');
    expect(html).toContain("<title>昆山 — 版本对比</title>");
    expect(html).toContain("<th>#</th><th>变更</th><th>中文原文</th><th>英文译文</th>");
    expect(html).toContain("对比“初稿”（2026-11-30 08:00 UTC）与“Current”（2026-12-01 08:00 UTC）。");
    expect(html).toContain("修改 1 处，新增 0 处，删除 1 处");
    expect(html).toContain("已修改<br><small>已翻译 → 已批准</small>");
    expect(html).toContain("<td>原 #5</td><td>已删除</td>");
    const docx = await documentXml(await comparisonToDocx(comparison, { ...meta, locale: "zh-CN" }));
    for (const word of ["变更", "中文原文", "已修改", "已删除", "原 #5"]) expect(docx).toContain(word);
  });

  it("stays English by default", async () => {
    const html = await comparisonToHtml(comparison, meta);
    expect(html).toContain("<th>#</th><th>Change</th><th>Chinese</th><th>English</th>");
    expect(html).toContain("1 changed, 0 added, 1 removed");
    expect(html).toContain("Changed<br><small>Translated → Approved</small>");
    expect(html).toContain("<td>was #5</td><td>Removed</td>");
    const docx = await documentXml(await comparisonToDocx(comparison, meta));
    expect(docx).toContain("Change");
    expect(docx).not.toContain("变更");
  });
});
