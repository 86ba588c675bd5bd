import { describe, expect, it } from "vitest";
import { analyseText, segmentsFromAnalysis } from "@/lib/documents/analyse-import";
import { joinHalves } from "@/lib/documents/page-break-repair";

describe("page-break repair", () => {
  it("proposes joining a cut paragraph with the next one", () => {
    const a = analyseText("标题\n\n这些重大项目纷纷选择落户，与昆山高新区坚持党建\n\n引领招商引资质模式，创新实施不无关系。");
    expect(a.joins).toEqual([{ id: 1, first: 1, second: 2, between: [] }]);
    const segments = segmentsFromAnalysis(a, [1]);
    expect(segments.map((s) => s.source)).toEqual(["标题", "这些重大项目纷纷选择落户，与昆山高新区坚持党建引领招商引资质模式，创新实施不无关系。"]);
    expect(segments[1]!.truncated).toBe(false);
  });

  it("looks past captions, which keep their own segment after the joined paragraph", () => {
    const a = analyseText("正文开始，礼遇身边好人、\n\n\n\n大数据平台上线\n\n志愿者成为一种习惯。");
    expect(a.joins).toEqual([{ id: 0, first: 0, second: 2, between: [1] }]);
    const segments = segmentsFromAnalysis(a, [0]);
    expect(segments.map((s) => [s.kind, s.source])).toEqual([
      ["paragraph", "正文开始，礼遇身边好人、志愿者成为一种习惯。"],
      ["caption", "大数据平台上线"],
    ]);
  });

  it("stops at a heading and flags the paragraph as probably truncated", () => {
    const a = analyseText("开头。\n\n引导党员干部深度学习、\n\n\n\n主题活动现场\n\n聚力科技创新 党建引领企业技术攻关\n\n新的一节。");
    expect(a.joins).toEqual([]);
    expect(a.blocks.filter((b) => b.truncated).map((b) => b.text)).toEqual(["引导党员干部深度学习、"]);
  });

  it("flags a cut paragraph at the end of the document", () => {
    const a = analyseText("标题\n\n最后一段没有写完，");
    expect(a.blocks[1]!.truncated).toBe(true);
  });

  it("never joins headings or captions into body text", () => {
    const a = analyseText("第一段写到一半，\n\n聚焦民生福祉 推出系列富民惠民工程\n\n第二段。");
    expect(a.joins).toEqual([]);
  });

  it("leaves a rejected join as two segments and flags the first as truncated", () => {
    const a = analyseText("标题\n\n前半段，注\n\n册志愿者2.94万人。");
    const segments = segmentsFromAnalysis(a, []);
    expect(segments.map((s) => [s.source, s.truncated])).toEqual([
      ["标题", false],
      ["前半段，注", true],
      ["册志愿者2.94万人。", false],
    ]);
  });

  it("joins a chain of cuts into one paragraph", () => {
    const a = analyseText("标题\n\n第一截，\n\n第二截，\n\n第三截。");
    expect(a.joins.map((j) => [j.first, j.second])).toEqual([
      [1, 2],
      [2, 3],
    ]);
    expect(segmentsFromAnalysis(a, a.joins.map((j) => j.id)).map((s) => s.source)).toEqual(["标题", "第一截，第二截，第三截。"]);
  });

  it("rejects join ids that the analysis never proposed", () => {
    const a = analyseText("标题\n\n正文。");
    expect(() => segmentsFromAnalysis(a, [7])).toThrow(/does not exist/);
  });

  it("puts a space between English words split by a break, and none between Chinese halves", () => {
    expect(joinHalves("the Communist", "Party of China.")).toBe("the Communist Party of China.");
    expect(joinHalves("注", "册志愿者")).toBe("注册志愿者");
    expect(joinHalves("共125个法定", "工作日。")).toBe("共125个法定工作日。");
  });
});
