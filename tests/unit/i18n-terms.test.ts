/**
 * Issue 15: the Chinese catalog speaks the language of Chinese translation tools. Holds
 * messages/zh-CN.json to the glossary in docs/interface-terms.md.
 */
import fs from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import en from "@/messages/en.json";
import zhCN from "@/messages/zh-CN.json";
import { flatten } from "../support/i18n-scan";

interface Term {
  english: string;
  chinese: string[];
  avoid: string[];
}

/** The rows of the glossary table: English | Chinese | Avoid | Note. */
export function readInterfaceTerms(markdown: string): Term[] {
  const split = (cell: string) =>
    cell
      .split("/")
      .map((s) => s.trim())
      .filter(Boolean);
  return markdown
    .split("\n")
    .filter((line) => line.startsWith("| ") && !line.startsWith("| English") && !line.startsWith("| ---"))
    .map((line) => line.split("|").map((c) => c.trim()))
    .map(([, english = "", chinese = "", avoid = ""]) => ({ english, chinese: split(chinese), avoid: split(avoid) }));
}

const terms = readInterfaceTerms(fs.readFileSync(path.join(__dirname, "../../docs/interface-terms.md"), "utf8"));
const english = flatten(en);
const chinese = flatten(zhCN);

describe("the interface glossary", () => {
  it("is read from docs/interface-terms.md", () => {
    expect(terms.length).toBeGreaterThan(40);
    for (const t of terms) expect(t.chinese.length, t.english).toBeGreaterThan(0);
    expect(terms.find((t) => t.english === "Translation memory")?.chinese).toEqual(["翻译记忆库"]);
  });

  it("no Chinese message uses a word the glossary says to avoid", () => {
    const problems: string[] = [];
    for (const [key, message] of chinese) {
      for (const t of terms) for (const bad of t.avoid) if (message.includes(bad)) problems.push(`${key}: "${message}" uses 「${bad}」 (write ${t.chinese.join(" or ")} for ${t.english})`);
    }
    expect(problems).toEqual([]);
  });

  it("an English message that is a glossary term is translated with the glossary's term", () => {
    const byEnglish = new Map(terms.map((t) => [t.english.toLowerCase(), t]));
    const problems: string[] = [];
    for (const [key, message] of english) {
      const term = byEnglish.get(message.trim().replace(/[.:]$/, "").toLowerCase());
      const translated = chinese.get(key)?.trim().replace(/[。：:]$/, "");
      if (term && translated !== undefined && !term.chinese.includes(translated)) problems.push(`${key}: "${message}" → "${translated}", expected ${term.chinese.join(" or ")}`);
    }
    expect(problems).toEqual([]);
  });

  it("the checks catch a wrong term (the test can fail)", () => {
    const bad = readInterfaceTerms("| English | Chinese | Avoid | Note |\n| --- | --- | --- | --- |\n| Translation memory | 翻译记忆库 | 翻译内存 | |");
    expect(bad[0]!.avoid.some((w) => "导入翻译内存".includes(w))).toBe(true);
  });
});
