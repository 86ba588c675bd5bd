/**
 * `npm run bench:spelling`: English spelling (issue 16 §2) — the Hunspell dictionary's load time
 * and the time to check a 1,000-word segment, with the code the editor's spelling worker runs
 * (lib/spelling: the tokenizer, the project's known words, nspell with dictionary-en / -en-gb).
 * Target: a 1,000-word segment checked in under 5 ms once the dictionary is loaded.
 */
import nspell from "nspell";
import { KnownWords } from "@/lib/spelling/known-words";
import { dictionaryFiles } from "@/lib/spelling/load-dictionary";
import type { SpellingLocale } from "@/lib/spelling/locales";
import { Speller } from "@/lib/spelling/speller";
import { tokenize } from "@/lib/spelling/tokenize";
import { loadReference } from "@/tests/support/reference";
import fs from "node:fs";
import path from "node:path";
import { machineDescription, writeBenchmarkSection } from "./bench-server";
import { benchRuns, cpuTime, formatSummary, startBench, summarise, timeSync, type Summary } from "./stats";

const demoWords = fs
  .readFileSync(path.join(__dirname, "../../prisma/seed-data/kunshan-hi-tech-zone.dictionary.txt"), "utf8")
  .split("\n")
  .map((l) => l.trim())
  .filter((l) => l && !l.startsWith("#"));

/** The first 1,000 words of the reference translation's paragraphs, with typing mistakes put in. */
function thousandWords(): { text: string; injected: string[] } {
  let text = "";
  for (const s of loadReference()) {
    if (s.kind !== "paragraph") continue;
    text += (text ? " " : "") + s.target;
    if (tokenize(text).length >= 1000) break;
  }
  const tokens = tokenize(text);
  let out = text.slice(0, tokens[999]!.end);
  const injected: string[] = [];
  for (const [right, wrong] of [["government", "goverment"], ["received", "recieved"], ["industrial", "industiral"], ["development", "developement"], ["which", "whihc"], ["enterprises", "enterprizes"]] as const) {
    const at = new RegExp(`\\b${right}\\b`);
    if (!at.test(out)) continue;
    out = out.replace(at, wrong);
    injected.push(wrong);
  }
  return { text: out, injected };
}

async function main() {
  const bench = startBench("spelling");
  const runs = benchRuns(5);
  const loads: Record<SpellingLocale, { wall: Summary; cpu: Summary; bytes: number }> = {} as never;
  for (const locale of ["en-US", "en-GB"] as const) {
    const { aff, dic } = await dictionaryFiles(locale);
    // What the worker does once the two files have arrived: decode them and build the checker.
    const affText = new TextDecoder().decode(aff);
    const dicText = new TextDecoder().decode(dic);
    const wall: number[] = [];
    const cpu: number[] = [];
    for (let i = 0; i < runs; i++) {
      const t0 = performance.now();
      const c0 = process.cpuUsage();
      const checker = nspell(affText, dicText);
      checker.correct("warm");
      const used = process.cpuUsage(c0);
      wall.push(performance.now() - t0);
      cpu.push((used.user + used.system) / 1000);
    }
    loads[locale] = { wall: summarise(wall), cpu: summarise(cpu), bytes: aff.byteLength + dic.byteLength };
    console.log(`${locale}: load ${formatSummary(loads[locale].wall)} wall, ${formatSummary(loads[locale].cpu)} CPU, ${(loads[locale].bytes / 1024).toFixed(0)} KiB`);
  }

  const { aff, dic } = await dictionaryFiles("en-US");
  const checker = nspell(new TextDecoder().decode(aff), new TextDecoder().decode(dic));
  const { text, injected } = thousandWords();
  const words = tokenize(text).length;
  const known = new KnownWords(demoWords);
  const misspelt = new Speller(checker, known).misspellings(text).map((m) => m.word);
  console.log(`${words} words, ${text.length} characters; misspelt: ${misspelt.join(", ")} (put in: ${injected.join(", ")})`);
  const missed = injected.filter((w) => !misspelt.includes(w));
  const extra = misspelt.filter((w) => !injected.includes(w));

  // Cold: a new speller (empty word cache) per check — the first check of a segment.
  const cold = timeSync(benchRuns(20), () => new Speller(checker, known).misspellings(text));
  const coldCpu = cpuTime(() => new Speller(checker, known).misspellings(text), 10);
  // Warm: the same speller after one keystroke changed a word — what typing costs.
  const speller = new Speller(checker, known);
  speller.misspellings(text);
  let n = 0;
  const typed = () => speller.misspellings(text.replace("zone", `zone${"abcdefghij"[n++ % 10]}`));
  const warm = timeSync(benchRuns(50), typed);
  const warmCpu = cpuTime(typed, 50);
  // Floor: only splitting the text into words, which any checker does.
  const floor = cpuTime(() => tokenize(text), 50);
  // Suggestions: only when a marked word's menu opens.
  const suggest = timeSync(benchRuns(5), () => new Speller(checker, known).suggest("developement"));
  // The QA check over the whole reference translation (71 segments), as the CLI runs it.
  const reference = loadReference();
  const qa = timeSync(benchRuns(5), () => {
    const s = new Speller(checker, known);
    for (const r of reference) s.misspellings(r.target);
  });
  const load = bench.end();
  console.log(`1,000 words: cold ${formatSummary(cold, "ms", 2)} wall, ${formatSummary(coldCpu, "ms", 2)} CPU; after a keystroke ${formatSummary(warm, "ms", 2)} wall, ${formatSummary(warmCpu, "ms", 2)} CPU; tokenize ${formatSummary(floor, "ms", 2)}`);
  console.log(`suggest ${formatSummary(suggest)}; reference QA ${formatSummary(qa, "ms", 1)}`);

  writeBenchmarkSection(
    "spelling",
    `## English spelling (issue 16, part 2)

Measured ${new Date().toISOString().slice(0, 10)} by \`npm run bench:spelling\` on: ${machineDescription()}. ${load}
The machine was shared with other helpers' builds and tests while this ran: wall-clock figures
are mostly waiting; the CPU time is what the work costs.

The code measured is what the editor's spelling worker runs (\`components/spelling/spell-worker.ts\`
→ \`lib/spelling\`): nspell with the \`dictionary-en\` (en-US) and \`dictionary-en-gb\` files, the
tokenizer and the project's known words (here the demo project's dictionary, ${demoWords.length} words).
The text: the first ${words} words of the reference translation's paragraphs (${text.length} characters)
with ${injected.length} typing mistakes put in (${injected.join(", ")}): ${missed.length ? `missed ${missed.join(", ")}` : "all found"}, ${extra.length ? `also flagged ${extra.join(", ")}` : "nothing else flagged"}.

| | wall clock | CPU time |
| --- | ---: | ---: |
| dictionary load, en-US (${(loads["en-US"].bytes / 1024).toFixed(0)} KiB of .aff + .dic, parsed into the checker) | ${formatSummary(loads["en-US"].wall)} | ${formatSummary(loads["en-US"].cpu)} |
| dictionary load, en-GB (${(loads["en-GB"].bytes / 1024).toFixed(0)} KiB) | ${formatSummary(loads["en-GB"].wall)} | ${formatSummary(loads["en-GB"].cpu)} |
| **check a 1,000-word segment**, first time (empty word cache) | ${formatSummary(cold, "ms", 2)} | ${formatSummary(coldCpu, "ms", 2)} |
| **check a 1,000-word segment** again after a keystroke (what typing costs) | ${formatSummary(warm, "ms", 2)} | ${formatSummary(warmCpu, "ms", 2)} |
| floor: only splitting the 1,000 words out (tokenizer) | | ${formatSummary(floor, "ms", 2)} |
| suggestions for one word (when its menu opens) | ${formatSummary(suggest)} | |
| the \`spelling\` QA check over the whole reference translation (71 segments, first time) | ${formatSummary(qa, "ms", 1)} | |

Target: a 1,000-word segment checked in under 5 ms after the dictionary loads. The dictionary
loads in a Web Worker started when the browser is idle after the editor's first paint, so neither
the load nor the checks run on the page's main thread. In the browser (Playwright,
\`tests/e2e/spelling.spec.ts\`, which prints the worker's own figures) the load includes fetching the
two files from \`/api/spelling/<locale>\` (cached a day by the browser).`,
  );
}

void main();
