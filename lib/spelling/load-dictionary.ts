import { createHash } from "node:crypto";
import fs from "node:fs";
import path from "node:path";
import nspell from "nspell";
import { restoreSnapshot, snapshotOf } from "./dictionary-snapshot";
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

/**
 * Where a locale's expanded dictionary is cached (lib/spelling/dictionary-snapshot.ts): under
 * node_modules/.cache, the usual place for a build tool's derived files, named by a hash of the
 * .aff and .dic so a new dictionary release never meets an old snapshot.
 */
function snapshotPath(locale: SpellingLocale, aff: Uint8Array, dic: Uint8Array): string {
  const digest = createHash("sha256").update(aff).update(dic).digest("hex").slice(0, 16);
  const root = process.env.DUIZHAO_HOME || process.cwd();
  return path.join(/*turbopackIgnore: true*/ root, "node_modules", ".cache", "duizhao", `spelling-${locale}-${digest}.txt`);
}

/**
 * Builds the checker from the snapshot when one is cached (a file read instead of ~0.3 s of affix
 * expansion), else from the files, and then saves the snapshot for the next process. A cache that
 * cannot be read or written only costs the time it would have saved.
 */
function buildChecker(locale: SpellingLocale, aff: Uint8Array, dic: Uint8Array) {
  const file = snapshotPath(locale, aff, dic);
  try {
    const restored = restoreSnapshot(nspell(Buffer.from(aff)), fs.readFileSync(file, "utf8"));
    if (restored) return restored;
  } catch {
    // No snapshot yet.
  }
  const built = nspell(Buffer.from(aff), Buffer.from(dic));
  try {
    fs.mkdirSync(path.dirname(file), { recursive: true });
    const partial = `${file}.${process.pid}.tmp`;
    fs.writeFileSync(partial, snapshotOf(built));
    fs.renameSync(partial, file); // atomic: a concurrent reader sees no file or a whole one
  } catch {
    // A read-only install: every process expands the dictionary itself.
  }
  return built;
}

/** The locale's checker, built once per process (~20 MB for English). */
function checker(locale: SpellingLocale) {
  let loading = checkers.get(locale);
  if (!loading) {
    loading = dictionaryFiles(locale).then(({ aff, dic }) => buildChecker(locale, aff, dic));
    checkers.set(locale, loading);
  }
  return loading;
}

/** A speller for one project: the locale's dictionary and the project's known words. */
export async function loadSpeller(locale: SpellingLocale, known: KnownWords = new KnownWords()): Promise<Speller> {
  return new Speller(await checker(locale), known);
}
