import { describe, expect, it } from "vitest";
import type { ExchangeDocument } from "@/lib/exchange/exchange-model";
import { bilingualHtml, markdown, plainText } from "@/lib/exchange/text-files";
import { readCsv } from "@/lib/exchange/tabular";
import { csv } from "@/lib/exchange/tabular";
import { statusFromXliff12, statusFromXliff20, XLIFF12_STATE, XLIFF20_STATE } from "@/lib/exchange/statuses";
import { SEGMENT_STATUSES } from "@/lib/review/segment-status";
import { EXPORT_FORMATS, type ExportFormatId } from "@/lib/exchange/formats";
import { exportFileName } from "@/lib/exchange/export-document";
import { readXliff, xliff12 } from "@/lib/exchange/xliff";

const doc: ExchangeDocument = {
  documentId: "d1",
  title: "昆山 <title>",
  projectName: "P",
  sourceLang: "zh-CN",
  targetLang: "en-US",
  exportedAt: "2026-11-27T10:00:00.000Z",
  versionLabel: "Export",
  progress: { total: 4, approved: 1, translated: 1 },
  segments: [
    { id: "a", kind: "heading", source: "标题", target: "A *bold* title", status: "approved", comments: [] },
    { id: "b", kind: "byline", source: "本报记者", target: "By our reporter", status: "translated", comments: [] },
    { id: "c", kind: "caption", source: "图片说明", target: "", status: "untranslated", comments: [] },
    { id: "d", kind: "paragraph", source: "正文，“引号”。", target: '1. Text with "quotes", <tags> & a\nsecond line', status: "draft", comments: [{ author: "Rex", body: "Check, please.", at: "" }] },
  ],
};

describe("text writers", () => {
  it("plain text: the English, untranslated segments as their bracketed Chinese", () => {
    expect([...plainText(doc)].join("")).toBe('A *bold* title\n\nBy our reporter\n\n[图片说明]\n\n1. Text with "quotes", <tags> & a\nsecond line\n\n');
  });
  it("Markdown: headings, captions in italics, the byline as a quote, Markdown characters escaped", () => {
    const md = [...markdown(doc)].join("");
    expect(md).toContain("## A \\*bold\\* title\n\n");
    expect(md).toContain("> By our reporter\n\n");
    expect(md).toContain("*\\[图片说明\\]*\n\n");
    expect(md).toContain('1\\. Text with "quotes", \\<tags\\> & a  \nsecond line');
  });
  it("HTML: side by side, every text escaped, a print stylesheet", () => {
    const html = [...bilingualHtml(doc)].join("");
    expect(html).toContain("<h1 class=\"zh\" lang=\"zh-CN\">昆山 &lt;title&gt;</h1>");
    expect(html).toContain("&lt;tags&gt; &amp; a");
    expect(html).toContain("Rex: Check, please.");
    expect(html).toContain("@media print");
    expect(html).not.toContain("<tags>");
  });
  it("CSV: BOM, CRLF, quotes doubled, and it reads back", () => {
    const text = [...csv(doc)].join("");
    expect(text.startsWith("\uFEFFid,number,kind,source,target,status,version,comments\r\n")).toBe(true);
    expect(text).toContain('"1. Text with ""quotes"", <tags> & a\nsecond line"');
    const rows = readCsv(text);
    expect(rows.map((r) => [r.id, r.kind, r.source, r.target, r.status])).toEqual(doc.segments.map((s) => [s.id, s.kind, s.source, s.target, s.status]));
  });
});

describe("status mappings", () => {
  it("XLIFF 1.2 and 2.0 give every status back", () => {
    for (const status of SEGMENT_STATUSES) {
      const hasTarget = status !== "untranslated";
      expect(statusFromXliff12(XLIFF12_STATE[status], hasTarget)).toBe(status);
      expect(statusFromXliff20(XLIFF20_STATE[status], `duizhao:${status}`, hasTarget)).toBe(status);
    }
  });
  it("XLIFF 1.2 marks approved units approved=\"yes\" (read by CAT tools) and only those", () => {
    const xml = [...xliff12(doc)].join("");
    const units = xml.match(/<trans-unit [^>]*>/g) ?? [];
    expect(units).toHaveLength(4);
    expect(units.map((u) => u.includes('approved="yes"'))).toEqual([true, false, false, false]);
    expect(readXliff(xml).units.map((u) => u.status)).toEqual(["approved", "translated", "untranslated", "draft"]);
  });
  it("reads approved=\"yes\" from other tools as approved unless the state asks for work", () => {
    expect(statusFromXliff12("translated", true, "yes")).toBe("approved");
    expect(statusFromXliff12(undefined, true, "yes")).toBe("approved");
    expect(statusFromXliff12("needs-review-translation", true, "yes")).toBe("changes_requested");
    expect(statusFromXliff12("translated", false, "yes")).toBe("untranslated");
    expect(statusFromXliff12("translated", true, "no")).toBe("translated");
  });
  it("reads other tools' states as the nearest status", () => {
    expect(statusFromXliff12("needs-l10n", true)).toBe("draft");
    expect(statusFromXliff12(undefined, true)).toBe("translated");
    expect(statusFromXliff12("final", false)).toBe("untranslated");
    expect(statusFromXliff20("final", undefined, true)).toBe("approved");
    expect(statusFromXliff20("initial", undefined, true)).toBe("draft");
  });
});

describe("download names", () => {
  it("every format gets its own file name for the same document (XLIFF 1.2 and 2.0 apart)", () => {
    const formats = Object.keys(EXPORT_FORMATS) as ExportFormatId[];
    const names = formats.map((f) => exportFileName("昆山高新区", f));
    expect(new Set(names).size).toBe(formats.length);
    expect(exportFileName("昆山高新区", "xliff-1.2")).toBe("昆山高新区 (XLIFF 1.2).xlf");
    expect(exportFileName("昆山高新区", "xliff-2.0")).toBe("昆山高新区 (XLIFF 2.0).xlf");
    expect(exportFileName("a/b", "docx-review")).toBe("a b (review).docx");
  });
});
