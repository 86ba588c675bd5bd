import { describe, expect, it } from "vitest";
import { normaliseLineEndings, splitBlocks } from "@/lib/documents/split-blocks";

describe("splitBlocks", () => {
  it("gives nothing for empty or whitespace-only input", () => {
    expect(splitBlocks("")).toEqual([]);
    expect(splitBlocks(" \n\t\n\u3000\u3000\n\r\n")).toEqual([]);
  });

  it("treats CRLF, CR and LF alike", () => {
    const lf = splitBlocks("第一段。\n\n第二段。\n第三段。");
    expect(splitBlocks("第一段。\r\n\r\n第二段。\r\n第三段。")).toEqual(lf);
    expect(splitBlocks("第一段。\r\r第二段。\r第三段。")).toEqual(lf);
    expect(lf.map((b) => b.text)).toEqual(["第一段。", "第二段。", "第三段。"]);
  });

  it("counts blank lines before each block and trims ideographic indentation", () => {
    const blocks = splitBlocks("\n\n标题\n\n\n\n　　正文第一段。\n正文第二段。");
    expect(blocks.map((b) => [b.text, b.gapBefore])).toEqual([
      ["标题", 0],
      ["正文第一段。", 3],
      ["正文第二段。", 0],
    ]);
  });

  it("keeps a 100,000-character paragraph whole", () => {
    const long = "很长的段落，".repeat(16_667).slice(0, 100_000);
    const blocks = splitBlocks(`标题\n\n${long}\n`);
    expect(blocks).toHaveLength(2);
    expect(blocks[1]!.text).toHaveLength(100_000);
  });

  it("drops stray byte-order marks", () => {
    expect(normaliseLineEndings("\uFEFF第一段\r\n")).toBe("第一段\n");
  });

  it("joins wrapped Markdown lines and marks # headings", () => {
    const blocks = splitBlocks("# 昆山高新区\n\n第一行\n接着第一行。\n\nAn English\nline wrapped.\n\n## 小标题 ##\n", "markdown");
    expect(blocks.map((b) => [b.text, b.markedHeading])).toEqual([
      ["昆山高新区", true],
      ["第一行接着第一行。", false],
      ["An English line wrapped.", false],
      ["小标题", true],
    ]);
  });
});
