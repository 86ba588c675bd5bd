import { describe, expect, it } from "vitest";
import { classifyBlocks, endsComplete, endsSentence, textWeight } from "@/lib/documents/block-kinds";
import { splitBlocks } from "@/lib/documents/split-blocks";

const kindsOf = (text: string) => classifyBlocks(splitBlocks(text));

describe("sentence ends", () => {
  it.each(["完成了。", "是吗？", "好！", "等等……", "他说：“我们来了。”", "It ended.", "全区２０２１年。"])("%s ends a sentence", (t) => {
    expect(endsSentence(t)).toBe(true);
  });
  it.each(["坚持党建", "身边好人、", "注", "125个法定", "昆山高新区，"])("%s does not", (t) => {
    expect(endsComplete(t)).toBe(false);
  });
  it("accepts a closing quote or bracket as a complete end", () => {
    expect(endsComplete("“推窗见绿，出门入园”")).toBe(true);
    expect(endsComplete("（记者 张三）")).toBe(true);
  });
});

describe("textWeight", () => {
  it("counts Chinese characters one each and Latin words or numbers one each", () => {
    expect(textWeight("昆山高新区")).toBe(5);
    expect(textWeight("The 100th Anniversary")).toBe(3);
    expect(textWeight("庆祝100周年 The Party")).toBe(7);
    expect(textWeight("全区１２３个")).toBe(4);
  });
});

describe("classifyBlocks", () => {
  it("recognises a newspaper front: masthead, title, byline, caption, section heading, body", () => {
    const text = [
      "庆祝建党100周年 The 100th Anniversary of the Founding of the Party",
      "",
      "昆山高新区：凝聚奋进伟力开新局",
      "",
      "本报记者 叶伟 特约通讯员 许嘉",
      "",
      "",
      "",
      "“高”逐“新”的昆山高新区",
      "",
      "牵住项目“牛鼻子” 筑牢经济发展硬支撑",
      "",
      "2020年11月，昆山高新区迈胜质子医疗产业化基地一期项目启动建设。",
    ].join("\n");
    expect(kindsOf(text)).toEqual(["heading", "heading", "byline", "caption", "heading", "paragraph"]);
  });

  it("sees a caption dropped into the middle of a cut sentence, even without layout gaps", () => {
    expect(kindsOf("礼遇道德模范、身边好人、\n昆山首家村民诚信积分管理大数据平台上线\n志愿者成为一种习惯。")).toEqual([
      "paragraph",
      "caption",
      "paragraph",
    ]);
  });

  it("calls a short line followed by body text a heading and one followed by a heading a caption", () => {
    expect(kindsOf("开头一段。\n\n苏州能讯高能半导体有限公司\n\n学党史悟思想 凝聚起干事创业强大伟力\n\n正文。")).toEqual([
      "paragraph",
      "caption",
      "heading",
      "paragraph",
    ]);
    expect(kindsOf("开头一段。\n\n坚持党建引领\n\n正文从这里开始。")).toEqual(["paragraph", "heading", "paragraph"]);
  });

  it("treats photo credits as captions", () => {
    expect(kindsOf("正文。\n\n本版图片来源：昆山高新区")).toEqual(["paragraph", "caption"]);
  });

  it("keeps a mixed Chinese/English line whole and classifies long mixed text as a paragraph", () => {
    const mixed = "昆山高新区 Kunshan Hi-tech Zone，是国家级高新区，and it keeps growing every year。";
    const blocks = splitBlocks(`标题\n\n${mixed}`);
    expect(blocks[1]!.text).toBe(mixed);
    expect(classifyBlocks(blocks)).toEqual(["heading", "paragraph"]);
  });

  it("handles full-width digits in body text", () => {
    expect(kindsOf("标题\n\n今年１－５月完成注册内资１４０亿元。")).toEqual(["heading", "paragraph"]);
  });

  it("honours Markdown headings", () => {
    expect(classifyBlocks(splitBlocks("# 一个很长的标题，带着逗号，仍然是标题\n\n正文。", "markdown"))).toEqual(["heading", "paragraph"]);
  });
});
