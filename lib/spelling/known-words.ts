import { tokenize } from "./tokenize";

/**
 * The words a project's spelling check accepts besides the dictionary's: every word of the
 * glossary's English terms (so a romanised name such as Zhangjiagang or Ye Wei, once in the
 * glossary, is known) and the project dictionary's words. Compared case-insensitively, with the
 * apostrophe normalised: a name typed in lower case is a capitalisation matter, not spelling.
 */
export class KnownWords {
  /** Normalised word → the form first given (for suggestions: "Zhangjiagang", not "zhangjiagang"). */
  private readonly words = new Map<string, string>();

  constructor(terms: Iterable<string> = []) {
    for (const term of terms) this.addText(term);
  }

  /** Adds every word of an English text (a glossary term, a name). */
  addText(text: string): void {
    for (const token of tokenize(text)) this.addWord(token.word);
    // A single word of one letter or an acronym is not tokenised; keep what was given anyway.
    const bare = text.trim();
    if (bare && !/\s/.test(bare)) this.addWord(bare);
  }

  private addWord(word: string): void {
    const key = normaliseWord(word);
    if (!this.words.has(key)) this.words.set(key, word.replace(/’/g, "'"));
  }

  has(word: string): boolean {
    if (this.words.has(normaliseWord(word))) return true;
    const bare = word.replace(/['’]s$/u, "");
    return bare !== word && this.words.has(normaliseWord(bare));
  }

  get size(): number {
    return this.words.size;
  }

  /** The known words, for suggestions (a project has hundreds, not hundreds of thousands). */
  list(): string[] {
    return [...this.words.values()];
  }
}

export const normaliseWord = (word: string) => word.normalize("NFC").replace(/’/g, "'").toLowerCase();

/** The English side of a glossary's terms, forbidden ones left out (they are known to be wrong). */
export function glossaryWords(glossary: { target: string; forbidden?: boolean }[]): string[] {
  return glossary.filter((g) => !g.forbidden && g.target.trim()).map((g) => g.target);
}
