/**
 * The spelling dictionaries Duizhao ships, chosen by the project's target language: British
 * English (en-GB, and the Commonwealth variants that follow it) or American English (en-US and
 * any other English). Other target languages are not spell-checked.
 */
export const SPELLING_LOCALES = ["en-US", "en-GB"] as const;
export type SpellingLocale = (typeof SPELLING_LOCALES)[number];

const BRITISH = new Set(["gb", "uk", "au", "nz", "ie", "za", "in", "sg", "hk"]);

export function spellingLocale(targetLang: string): SpellingLocale | null {
  const [lang, region] = targetLang.toLowerCase().split(/[-_]/);
  if (lang !== "en") return null;
  return region && BRITISH.has(region) ? "en-GB" : "en-US";
}

export const isSpellingLocale = (value: string): value is SpellingLocale => (SPELLING_LOCALES as readonly string[]).includes(value);
