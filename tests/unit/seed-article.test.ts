import fs from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { analyseText, segmentsFromAnalysis } from "@/lib/documents/analyse-import";
import { decodeText } from "@/lib/documents/decode-text";
import { suggestTitle } from "@/lib/documents/import-document";

const bytes = fs.readFileSync(path.join(__dirname, "../../prisma/seed-data/kunshan-hi-tech-zone.zh.txt"));
const analysis = analyseText(decodeText(bytes).text);
const block = (i: number) => analysis.blocks[i]!;

describe("the Kunshan seed article", () => {
  it("has 76 blocks", () => {
    expect(analysis.blocks).toHaveLength(76);
  });

  it("proposes exactly the five page-break joins", () => {
    const pairs = analysis.joins.map((j) => [block(j.first).text.slice(-6), block(j.second).text.slice(0, 6), j.between.map((b) => block(b).text)]);
    expect(pairs).toEqual([
      ["新区坚持党建", "引领招商引资", []],
      ["、身边好人、", "志愿者成为一", ["昆山首家村民诚信积分管理大数据平台上线"]],
      ["281个，注", "册志愿者2.", []],
      ["昆山富士康党", "委积极打造以", []],
      ["125个法定", "工作日。“一", []],
    ]);
  });

  it("flags the paragraph cut before a section heading as probably truncated", () => {
    const truncated = analysis.blocks.filter((b) => b.truncated);
    expect(truncated).toHaveLength(1);
    expect(truncated[0]!.text.endsWith("引导党员干部深度学习、")).toBe(true);
  });

  it("classifies masthead, headings, byline and captions", () => {
    const byKind = (kind: string) => analysis.blocks.filter((b) => b.kind === kind).map((b) => b.text);
    expect(byKind("byline")).toEqual(["本报记者 叶伟 特约通讯员 许嘉"]);
    expect(byKind("heading")).toEqual([
      "庆祝中国共产党成立100周年 The 100th Anniversary of the Founding of The Communist Party of China",
      "奋斗百年路 启航新征程",
      "昆山高新区：凝聚奋进伟力开新局 踏上新征程再创辉煌",
      "牵住项目“牛鼻子” 筑牢经济发展硬支撑",
      "聚焦民生福祉 推出系列富民惠民工程",
      "践行绿色发展理念 擦亮水清天蓝生态底色",
      "聚人气凝民心兴文化 让文明之光照耀发展新征程",
      "学党史悟思想 凝聚起干事创业强大伟力",
      "聚力科技创新 党建引领企业技术攻关",
      "擦亮品牌“昆如意” 打造一流营商环境",
    ]);
    expect(byKind("caption")).toEqual([
      "“高”逐“新”的昆山高新区",
      "昆山高新区倾力打造的昆山首部大型原创话剧《烈火中永生》成功首演",
      "昆山市“一业一证”改革首批行业综合许可证发布仪式",
      "“青年手绘乡村”志愿服务活动",
      "共育·益家",
      "昆山市城市生态森林公园",
      "昆山首家村民诚信积分管理大数据平台上线",
      "苏州能讯高能半导体有限公司",
      "迈胜质子医疗产业化基地一期封顶",
      "本版图片来源：昆山高新区",
      "昆山高新区庆祝建党100周年暨党史学习教育主题活动",
    ]);
    expect(byKind("paragraph")).toHaveLength(76 - 1 - 10 - 11);
  });

  it("becomes 71 segments with all five joins accepted, captions kept separate", () => {
    const segments = segmentsFromAnalysis(analysis, analysis.joins.map((j) => j.id));
    expect(segments).toHaveLength(71);
    const joined = segments.filter((s) => s.blocks.length > 1);
    expect(joined.map((s) => s.source.includes("坚持党建引领招商引资质模式"))).toContain(true);
    expect(segments.some((s) => s.source.includes("注册志愿者2.94万人"))).toBe(true);
    expect(segments.some((s) => s.source.includes("昆山富士康党委积极打造"))).toBe(true);
    expect(segments.some((s) => s.source.includes("125个法定工作日"))).toBe(true);
    const afterJoin = segments.findIndex((s) => s.source.includes("身边好人、志愿者成为一种习惯"));
    expect(segments[afterJoin + 1]!.source).toBe("昆山首家村民诚信积分管理大数据平台上线");
  });

  it("keeps the same result whatever the encoding or line endings", () => {
    for (const file of ["seed.gb18030.txt", "seed.utf16le-bom.txt", "seed.utf8-bom-crlf.txt"]) {
      const text = decodeText(fs.readFileSync(path.join(__dirname, "../fixtures", file))).text;
      expect(analyseText(text)).toEqual(analysis);
    }
  });

  it("suggests the article title, not the masthead or a section heading", () => {
    expect(suggestTitle(analysis)).toBe("昆山高新区：凝聚奋进伟力开新局 踏上新征程再创辉煌");
  });
});
