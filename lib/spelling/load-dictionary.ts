import nspell from "nspell";
import { KnownWords } from "./known-words";
import type { SpellingLocale } from "./locales";
import { Speller } from "./speller";

/**
 * The Hunspell dictionaries on the server and in the command line: the `dictionary-en` and
 * `dictionary-en-gb` packages (ESM; each reads its .aff and .dic on import), loaded on first
 * use only — a command or a page that does not check spelling never pays for them.
 */
const PACKAGES = {
  "en-US": () => import("dictionary-en"),
  "en-GB": () => import("dictionary-en-gb"),
} satisfies Record<SpellingLocale, () => Promise<{ default: { aff: Uint8Array; dic: Uint8Array } }>>;

export async function dictionaryFiles(locale: SpellingLocale): Promise<{ aff: Uint8Array; dic: Uint8Array }> {
  return (await PACKAGES[locale]()).default;
}

const checkers = new Map<SpellingLocale, Promise<ReturnType<typeof nspell>>>();

/** The locale's checker, built once per process (~150 ms and ~20 MB for English). */
function checker(locale: SpellingLocale) {
  let loading = checkers.get(locale);
  if (!loading) {
    loading = dictionaryFiles(locale).then(({ aff, dic }) => nspell(Buffer.from(aff), Buffer.from(dic)));
    checkers.set(locale, loading);
  }
  return loading;
}

/** A speller for one project: the locale's dictionary and the project's known words. */
export async function loadSpeller(locale: SpellingLocale, known: KnownWords = new KnownWords()): Promise<Speller> {
  return new Speller(await checker(locale), known);
}
