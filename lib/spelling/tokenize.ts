/**
 * The words of an English target text that the spelling check looks at, with where they are.
 * Left out: anything inside inline tags and placeholders (<b>, </x>, {1}, {{name}}, %s, %1$s,
 * [[1]]), URLs and e-mail addresses, numbers and words with digits in them (3D, G20, COVID-19's
 * 19), all-caps acronyms (CPC, GDP, GDPs) and single letters. Apostrophes (' and ’) stay inside a
 * word (don't, China’s); hyphens split it (high-tech → high, tech), as Hunspell's English
 * dictionaries list the parts, not the compounds.
 */
export interface WordToken {
  word: string;
  /** UTF-16 offsets into the text: text.slice(start, end) === word. */
  start: number;
  end: number;
}

// Regions never checked: tags, placeholders, URLs, e-mail addresses.
const SKIPPED = new RegExp(
  [
    String.raw`<\/?[A-Za-z][^<>]{0,200}>`, // inline tags
    String.raw`\{\{[^{}]{0,80}\}\}`, // {{name}}
    String.raw`\{[^{}\s]{1,40}\}`, // {1}, {name}
    String.raw`\[\[[^\[\]]{0,40}\]\]`, // [[1]]
    String.raw`%(?:\d+\$)?[sdif@]`, // printf placeholders
    String.raw`\b(?:https?:\/\/|www\.)[^\s<>"“”]+`, // URLs
    String.raw`[\w.+-]+@[\w-]+(?:\.[\w-]+)+`, // e-mail addresses
    String.raw`\b[\w-]+(?:\.[\w-]+)*\.(?:com|org|net|gov|edu|cn|uk|io)(?:\/[^\s]*)?\b`, // bare domains (gov.cn)
  ].join("|"),
  "giu",
);

// A run of letters, marks and digits, with inner apostrophes: the unit a word is taken from.
const RUN = /[\p{L}\p{M}\p{N}_]+(?:['’][\p{L}\p{M}\p{N}]+)*/gu;
const DIGIT = /[\p{N}_]/u;
const LATIN = /^[\p{Script=Latin}\p{M}'’]+$/u;
const UPPER = /^[\p{Lu}]+$/u;
// Combining forms written with a hyphen (eco-friendly, bio-pharma, socio-economic): correct
// before a hyphen, though the dictionaries do not list them as words.
const COMBINING = new Set(["eco", "bio", "co", "non", "pre", "re", "anti", "multi", "inter", "intra", "post", "self", "sub", "semi", "ex", "mid", "cross", "counter", "socio", "neo", "pro", "micro", "macro", "mega", "tele", "agro", "agri", "geo", "hydro", "petro", "nano", "cyber", "techno", "sino", "euro", "afro", "indo", "trans", "ultra", "quasi", "pseudo", "infra", "supra", "tri", "bi", "uni", "mono", "poly"]);

/** Whether a word is an all-caps acronym (CPC, GDPs, CPC's, R&D's parts), never checked. */
export function isAcronym(word: string): boolean {
  const bare = word.replace(/['’]s$/u, "").replace(/s$/u, "");
  return bare.length >= 2 && UPPER.test(bare);
}

export function tokenize(text: string): WordToken[] {
  const masked = text.replace(SKIPPED, (m) => " ".repeat(m.length));
  const out: WordToken[] = [];
  for (const m of masked.matchAll(RUN)) {
    const run = m[0];
    if (DIGIT.test(run)) continue;
    // Trailing or leading apostrophes (quotes) are not part of the word.
    const word = run.replace(/^['’]+|['’]+$/gu, "");
    if ([...word].length < 2 || !LATIN.test(word) || isAcronym(word)) continue;
    const start = m.index! + run.indexOf(word);
    if (masked[start + word.length] === "-" && /\p{L}/u.test(masked[start + word.length + 1] ?? "") && COMBINING.has(word.toLowerCase())) continue;
    out.push({ word, start, end: start + word.length });
  }
  return out;
}
