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

const split = (cell: string) =>
  cell
    .split("/")
    .map((s) => s.trim())
    .filter(Boolean);

/** The table rows under a heading's table (`| a | b | … |`), header and rule left out, each as its trimmed cells. */
const tableRows = (markdown: string) =>
  markdown
    .split("\n")
    .filter((line) => line.startsWith("| ") && !line.startsWith("| ---"))
    .slice(1)
    .map((line) => line.split("|").slice(1, -1).map((c) => c.trim()));

/** The glossary: the rows of the first table (English | Chinese | Avoid | Note), before "## Allowed compounds". */
export function readInterfaceTerms(markdown: string): Term[] {
  return tableRows(markdown.split(/^## Allowed compounds/m)[0]!).map(([english = "", chinese = "", avoid = ""]) => ({ english, chinese: split(chinese), avoid: split(avoid) }));
}

/** The allowed compounds (Compound | Contains | Why): Chinese words that contain an avoided word and are right. */
export function readAllowedCompounds(markdown: string): string[] {
  const section = markdown.split(/^## Allowed compounds/m)[1];
  return section ? tableRows(section).map(([compound = ""]) => compound).filter(Boolean) : [];
}

/** Every [start, end) where `word` occurs in `text`. */
function occurrences(text: string, word: string): [number, number][] {
  const out: [number, number][] = [];
  for (let i = text.indexOf(word); i >= 0; i = text.indexOf(word, i + 1)) out.push([i, i + word.length]);
  return out;
}

/**
 * The avoided words a message uses as words of their own. An occurrence is not counted when it
 * is part of a longer compound: it runs into an occurrence of one of the glossary's Chinese terms
 * that reaches outside it (分句 in 拆分句段, where 句段 is the term — but not 翻译内存, which only
 * contains the term 翻译), or it lies inside an allowed compound (输入 in 请输入).
 */
export function avoidedWordsIn(message: string, glossary: Term[], compounds: string[]): { bad: string; term: Term }[] {
  const allowed = glossary.flatMap((t) => t.chinese).filter((w) => /[\u3400-\u9fff]/.test(w));
  const found: { bad: string; term: Term }[] = [];
  for (const term of glossary) {
    for (const bad of term.avoid) {
      const standalone = occurrences(message, bad).some(([start, end]) => {
        const inCompound = compounds.some((c) => occurrences(message, c).some(([s, e]) => s <= start && end <= e));
        const runsIntoTerm = allowed.some((w) => occurrences(message, w).some(([s, e]) => s < end && start < e && (s < start || e > end)));
        return !inCompound && !runsIntoTerm;
      });
      if (standalone) found.push({ bad, term });
    }
  }
  return found;
}

const glossaryMarkdown = fs.readFileSync(path.join(__dirname, "../../docs/interface-terms.md"), "utf8");
const terms = readInterfaceTerms(glossaryMarkdown);
const compounds = readAllowedCompounds(glossaryMarkdown);
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
      for (const { bad, term: t } of avoidedWordsIn(message, terms, compounds)) problems.push(`${key}: "${message}" uses 「${bad}」 (write ${t.chinese.join(" or ")} for ${t.english})`);
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
    expect(avoidedWordsIn("导入翻译内存", bad, []).map((f) => f.bad)).toEqual(["翻译内存"]);
  });

  it("avoided words count as words of their own, not inside a longer compound", () => {
    const avoided = (message: string) => avoidedWordsIn(message, terms, compounds).map((f) => f.bad);
    expect(compounds).toContain("请输入");
    // Real violations are still caught…
    expect(avoided("请分句翻译")).toEqual(["分句"]);
    expect(avoided("输入文件")).toEqual(["输入"]);
    expect(avoided("导入到翻译内存")).toEqual(["翻译内存"]); // contains the term 翻译, still the avoided word
    expect(avoided("请输入名称，然后输入文件")).toEqual(["输入"]); // one right use does not excuse another
    expect(avoided("术语表")).toEqual(["术语表"]);
    // …but not a word that runs into a glossary term or sits in an allowed compound.
    expect(avoided("拆分句段")).toEqual([]); // 拆分 + 句段
    expect(avoided("请输入项目名称")).toEqual([]);
    expect(avoided("再次输入密码")).toEqual([]);
  });

  it("reads the allowed compounds only from their own table", () => {
    expect(terms.some((t) => t.english === "请输入" || t.english === "Compound")).toBe(false);
    expect(compounds.every((c) => /[\u3400-\u9fff]/.test(c))).toBe(true);
  });
});
