/**
 * English spelling (issue 16 §2): the tokenizer, the project's known words, the speller with the
 * real Hunspell dictionaries (dictionary-en, dictionary-en-gb through nspell), and the `spelling`
 * QA check — quiet on the reference translation once its names are in the glossary or dictionary.
 */
import fs from "node:fs";
import path from "node:path";
import { beforeAll, describe, expect, it } from "vitest";
import { runDocumentQa } from "@/lib/qa/document-qa";
import { spellingFindings } from "@/lib/qa/spelling-check";
import { glossaryWords, KnownWords } from "@/lib/spelling/known-words";
import { loadSpeller } from "@/lib/spelling/load-dictionary";
import { spellingLocale } from "@/lib/spelling/locales";
import { editDistance, Speller } from "@/lib/spelling/speller";
import { isAcronym, tokenize } from "@/lib/spelling/tokenize";
import { loadReference, loadReferenceGlossary } from "@/tests/support/reference";

const words = (text: string) => tokenize(text).map((t) => t.word);

describe("the tokenizer", () => {
  it("gives each word with its offsets", () => {
    const text = "The zone’s GDP grew, didn't it?";
    const tokens = tokenize(text);
    expect(tokens.map((t) => t.word)).toEqual(["The", "zone’s", "grew", "didn't", "it"]);
    for (const t of tokens) expect(text.slice(t.start, t.end)).toBe(t.word);
  });

  it("leaves out numbers, words with digits, acronyms and single letters", () => {
    expect(words("In 2021, 3D printing and G20 talks on COVID-19 with the CPC and SOEs: a plan B.")).toEqual(["In", "printing", "and", "talks", "on", "with", "the", "and", "plan"]);
    expect(isAcronym("CPC")).toBe(true);
    expect(isAcronym("GDPs")).toBe(true);
    expect(isAcronym("CPC's")).toBe(true);
    expect(isAcronym("Kunshan")).toBe(false);
    expect(isAcronym("I")).toBe(false);
  });

  it("leaves out URLs, e-mail addresses, domains, inline tags and placeholders", () => {
    expect(words("See https://www.ksgxq.gov.cn/news?id=abcdef or www.exampel.com, write to ksgxq@exampel.cn")).toEqual(["See", "or", "write", "to"]);
    expect(words("Visit ksgxq.gov.cn today")).toEqual(["Visit", "today"]);
    expect(words("<b>Bold</b> {1} {{userNaem}} %s %1$s [[2]] <x id=\"qwrt\"/>text")).toEqual(["Bold", "text"]);
  });

  it("splits hyphenated words, and does not check a combining form before a hyphen", () => {
    expect(words("a high-tech, eco-friendly, socio-economic zone")).toEqual(["high", "tech", "friendly", "economic", "zone"]);
    expect(words("the eco system")).toEqual(["the", "eco", "system"]);
  });

  it("ignores Chinese left in the text (the untranslated check reports it)", () => {
    expect(words("Kunshan 昆山 zone")).toEqual(["Kunshan", "zone"]);
  });
});

describe("known words", () => {
  it("are the words of the glossary's English (forbidden terms left out) and the dictionary, in any case", () => {
    const known = new KnownWords([...glossaryWords([{ target: "Zhangjiagang Free Trade Port Zone" }, { target: "Ye Wei" }, { target: "Hi-Tech Zone", forbidden: true }, { target: "Hsinchu", forbidden: true }]), "Kunshan"]);
    expect(known.has("Zhangjiagang")).toBe(true);
    expect(known.has("zhangjiagang")).toBe(true);
    expect(known.has("Wei")).toBe(true);
    expect(known.has("Kunshan’s")).toBe(true);
    expect(known.has("Hsinchu")).toBe(false);
    expect(known.list()).toContain("Zhangjiagang");
  });
});

describe("the speller (nspell with dictionary-en)", () => {
  let speller: Speller;
  beforeAll(async () => {
    speller = await loadSpeller("en-US", new KnownWords(["Kunshan", "Zhangjiagang", "Ye Wei"]));
  }, 30_000);

  it("marks misspelt words and not correct ones, names in the project's words, possessives or capitals", () => {
    const text = "The Kunshan goverment will recieve Zhangjiagang's and Ye Wei's delegation; Beijing’s officials Said so.";
    expect(speller.misspellings(text).map((m) => [m.word, text.slice(m.start, m.end)])).toEqual([
      ["goverment", "goverment"],
      ["recieve", "recieve"],
    ]);
  });

  it("does not know the names before they are added", { timeout: 30_000 }, async () => {
    const bare = await loadSpeller("en-US");
    expect(bare.misspellings("Kunshan and Zhangjiagang").map((m) => m.word)).toEqual(["Kunshan", "Zhangjiagang"]);
  });

  it("suggests the dictionary's words, and the project's own for a mistyped name, in the word's casing", () => {
    expect(speller.suggest("goverment")[0]).toBe("government");
    expect(speller.suggest("recieve")).toContain("receive");
    expect(speller.suggest("Kunshen")[0]).toBe("Kunshan");
    expect(speller.suggest("Goverment")[0]).toBe("Government");
    expect(speller.suggest("Zhangjiagnag")[0]).toBe("Zhangjiagang");
    expect(speller.suggest("China’z")).toContain("China’s");
  }, 30_000); // nspell's suggestions take ~0.15 s a word, more on a busy machine

  it("learns new known words (a word added to the dictionary) and forgets its earlier answers", () => {
    expect(speller.misspellings("Houxianggang village").map((m) => m.word)).toEqual(["Houxianggang"]);
    speller.setKnown(new KnownWords(["Houxianggang"]));
    expect(speller.misspellings("Houxianggang village")).toEqual([]);
  });

  it("British and American English are different dictionaries, chosen by the target language", async () => {
    const gb = await loadSpeller("en-GB");
    expect(speller.misspellings("the colour of the centre").map((m) => m.word)).toEqual(["colour", "centre"]);
    expect(gb.misspellings("the colour of the centre")).toEqual([]);
    expect(gb.misspellings("the color of the center").map((m) => m.word)).toEqual(["color", "center"]);
    expect(spellingLocale("en-GB")).toBe("en-GB");
    expect(spellingLocale("en-AU")).toBe("en-GB");
    expect(spellingLocale("en-US")).toBe("en-US");
    expect(spellingLocale("en")).toBe("en-US");
    expect(spellingLocale("zh-CN")).toBeNull();
  }, 30_000);

  it("edit distance counts a swap of neighbours as one", () => {
    expect(editDistance("kunshen", "kunshan", 2)).toBe(1);
    expect(editDistance("recieve", "receive", 2)).toBe(1);
    expect(editDistance("abc", "xyzw", 2)).toBe(3);
  });
});

describe("the spelling QA check", () => {
  it("one warning per distinct misspelt word, with the word in the English text", () => {
    expect(spellingFindings(["recieve", "goverment", "recieve"])).toEqual([
      { check: "spelling", severity: "warning", code: "misspelt", params: { word: "recieve" }, message: "Possible misspelling: “recieve”." },
      { check: "spelling", severity: "warning", code: "misspelt", params: { word: "goverment" }, message: "Possible misspelling: “goverment”." },
    ]);
  });

  it("runs with the other checks when a speller is given, never on an empty target", { timeout: 30_000 }, async () => {
    const speller = await loadSpeller("en-US");
    const misspelt = (t: string) => speller.misspellings(t).map((m) => m.word);
    const [a, b] = runDocumentQa(
      [
        { id: "a", source: "政府收到。", target: "The goverment recieved it." },
        { id: "b", source: "政府收到。", target: "", status: "untranslated" },
      ],
      [],
      { misspelt },
    );
    expect(a!.findings.filter((f) => f.check === "spelling").map((f) => f.params.word)).toEqual(["goverment", "recieved"]);
    expect(b!.findings).toEqual([]);
    // Without a speller, no spelling findings (the editor adds them from its worker).
    expect(runDocumentQa([{ id: "a", source: "政府收到。", target: "The goverment recieved it." }])[0]!.findings.some((f) => f.check === "spelling")).toBe(false);
  });

  describe("on the reference translation of the seed article", () => {
    const reference = loadReference();
    const demoDictionary = fs
      .readFileSync(path.join(__dirname, "../../prisma/seed-data/kunshan-hi-tech-zone.dictionary.txt"), "utf8")
      .split("\n")
      .map((l) => l.trim())
      .filter((l) => l && !l.startsWith("#"));
    const flagged = async (known: string[]) => {
      const speller = await loadSpeller("en-US", new KnownWords(known));
      const results = runDocumentQa(reference.map((s) => ({ id: String(s.position), source: s.source, target: s.target, kind: s.kind })), [], { misspelt: (t) => speller.misspellings(t).map((m) => m.word) });
      return [...new Set(results.flatMap((r) => r.findings.filter((f) => f.check === "spelling").map((f) => String(f.params.word))))];
    };

    it("without the project's words, only names and brands are flagged (no ordinary English word)", { timeout: 30_000 }, async () => {
      const words = await flagged([]);
      expect(words).toEqual(expect.arrayContaining(["Kunshan", "Houxianggang", "Songjiang", "WeChat"]));
      // Every flagged word is a romanised name, a brand, or "biomedicine": all in the demo dictionary.
      expect(words.map((w) => w.replace(/’s$/, "")).filter((w) => !demoDictionary.includes(w))).toEqual([]);
    });

    it("with the demo project's dictionary: no finding at all", { timeout: 30_000 }, async () => {
      expect(await flagged(demoDictionary)).toEqual([]);
    });

    it("with the article's glossary, only names the glossary lacks remain; with both, none", { timeout: 30_000 }, async () => {
      const glossary = glossaryWords(loadReferenceGlossary());
      const remaining = await flagged(glossary);
      expect(remaining).not.toContain("Kunshan");
      expect(remaining.length).toBeLessThan((await flagged([])).length);
      expect(await flagged([...glossary, ...remaining])).toEqual([]);
    });
  });
});
