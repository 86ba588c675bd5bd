/**
 * QA findings as codes and parameters (issue 15): the English text stays what it was (it is the
 * identity of an ignored finding and what the CLI prints), and every finding the checks produce
 * renders in Chinese with all its arguments filled.
 */
import { createTranslator } from "next-intl";
import { describe, expect, it } from "vitest";
import { termFindings } from "@/lib/glossary/term-check";
import { checkSegment, type Finding } from "@/lib/qa/checks";
import { inconsistentFindings } from "@/lib/qa/document-qa";
import { spellingFindings } from "@/lib/qa/spelling-check";
import { englishFindingText, FINDING_CODES } from "@/lib/qa/finding-text";
import zhCN from "@/messages/zh-CN.json";

const inputs: [string, string][] = [
  ["正文。", ""],
  ["昆山高新区很好。", "The 高新区 is good."],
  ["iPhone", "iPhone"],
  ["共10个项目，增长百年。", "There are 11 projects."],
  ["很好。", "It is good。"],
  ["很好。", "It is (very good\"."],
  ["很好。", " It is  good."],
  ["很好。", "it is is good."],
  ["详见 https://ksnd.gov.cn 。", "See the website."],
  ["作为全球质子放疗行业的领军企业，迈胜于二零二零年正式落地昆山并完成土地挂牌。", "Mevion."],
];
const glossary = [
  { id: "1", source: "高新区", target: "Hi-Tech Zone|High-Tech Zone", note: "", forbidden: false },
  { id: "2", source: "高新区", target: "high-new zone", note: "calque", forbidden: true },
];

function allFindings(): Finding[] {
  const out = inputs.flatMap(([source, target]) => checkSegment({ source, target, kind: "paragraph" }));
  out.push(...termFindings("昆山高新区", "Kunshan high-new zone", glossary));
  const units = [
    { id: "a", source: "你好", target: "Hello" },
    { id: "b", source: "你好", target: "Hi" },
    { id: "c", source: "您好", target: "Hi" },
  ];
  for (const list of inconsistentFindings(units).values()) out.push(...list);
  out.push(...spellingFindings(["recieve"]));
  return out;
}

describe("QA finding texts", () => {
  const findings = allFindings();

  it("the checks above produce every finding code", () => {
    expect([...new Set(findings.map((f) => f.code))].sort()).toEqual([...FINDING_CODES].sort());
  });

  it("keep their English message, built from the English catalog", () => {
    const byCode = new Map(findings.map((f) => [f.code, f.message]));
    expect(byCode.get("empty")).toBe("The translation is empty.");
    expect(byCode.get("untranslated")).toBe("Chinese characters left in the translation: “高新区”.");
    expect(byCode.get("unbalanced")).toBe("Unbalanced (): 1 opening, 0 closing.");
    expect(byCode.get("termMissing")).toBe("Glossary: “高新区” should be translated as “Hi-Tech Zone” or “High-Tech Zone”.");
    expect(byCode.get("termForbidden")).toBe("Glossary: “high-new zone” is a forbidden term for “高新区” (calque).");
    expect(byCode.get("inconsistentTarget")).toBe("The same source is translated differently elsewhere: “Hello”.");
    expect(byCode.get("misspelt")).toBe("Possible misspelling: “recieve”.");
    expect(byCode.get("inconsistentSource")).toBe("The same translation is used for 1 different source text elsewhere.");
    expect(byCode.get("length")).toMatch(/^The translation is unusually short for its source \(0\.\d characters per Chinese character\)\.$/);
    for (const f of findings) expect(englishFindingText(f.code, f.params)).toBe(f.message);
  });

  it("render in Chinese with every argument filled", () => {
    const errors: string[] = [];
    const t = createTranslator({ locale: "zh-CN", messages: zhCN, namespace: "qa.findings", onError: (e) => errors.push(e.message) });
    const render = t as unknown as (code: string, params: Record<string, string | number>) => string;
    const texts = findings.map((f) => render(f.code, f.params));
    expect(errors).toEqual([]);
    for (const text of texts) {
      expect(text).toMatch(/[\u4e00-\u9fff]/);
      expect(text).not.toMatch(/[{}]/);
    }
    expect(texts).toContain("译文中残留中文字符：“高新区”。");
    expect(texts).toContain("术语库：“high-new zone”是禁用术语（对应“高新区”）（calque）。");
  });
});
