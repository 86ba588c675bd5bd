import fs from "node:fs";
import path from "node:path";
import { decodeText } from "@/lib/documents/decode-text";
import { readUpload } from "@/lib/exchange/read-upload";
import { decodeXml } from "@/lib/exchange/xml";
import { glossaryFromCsv, glossaryFromTbx } from "@/lib/glossary/glossary-files";
import type { GlossaryEntry } from "@/lib/glossary/term-check";
import { runDocumentQa } from "@/lib/qa/document-qa";
import type { MisspeltWords } from "@/lib/qa/spelling-check";
import type { CliIO } from "./main";

/**
 * `duizhao qa FILE [--glossary G.csv|G.tbx] [--format json|text] [--strict] [--spelling en-US|en-GB|off]
 * [--dictionary words.txt]`: the QA checks on an
 * XLIFF, TMX or CSV file (CSV header `source,target`), without a database. JSON is a list of
 * { index, id, findings: [{ check, severity, message }] } in file order (index from 0).
 * Exit code 0 when it ran (1 with --strict if any finding is an error).
 */
export async function runQa(
  io: CliIO,
  options: { file: string; glossary?: string; format: string; strict: boolean; spelling?: "en-US" | "en-GB" | "off"; dictionary?: string },
): Promise<number> {
  const read = await readUpload(path.basename(options.file), fs.readFileSync(options.file));
  if (read.kind !== "bilingual") {
    io.err("qa reads bilingual files: XLIFF (.xlf, .xliff), TMX (.tmx) or CSV (.csv, with source and target columns).");
    return 2;
  }
  let glossary: GlossaryEntry[] = [];
  if (options.glossary) {
    const data = fs.readFileSync(options.glossary);
    const rows = /\.(tbx|xml)$/i.test(options.glossary) ? glossaryFromTbx(decodeXml(data), { source: "zh", target: "en" }) : glossaryFromCsv(decodeText(data).text);
    glossary = rows.map((r, i) => ({ id: `g${i}`, ...r }));
  }
  const units = read.units.map((u, i) => ({ id: u.id ?? String(i + 1), source: u.source, target: u.target }));
  let misspelt: MisspeltWords | undefined;
  if (options.spelling && options.spelling !== "off") {
    // Loaded only here: the dictionary costs ~0.3 s, and only `qa` with spelling on needs it.
    const { loadSpeller } = await import("@/lib/spelling/load-dictionary");
    const { KnownWords, glossaryWords } = await import("@/lib/spelling/known-words");
    const extra = options.dictionary ? decodeText(fs.readFileSync(options.dictionary)).text.split(/\r?\n/).map((l) => l.trim()).filter((l) => l && !l.startsWith("#")) : [];
    const speller = await loadSpeller(options.spelling, new KnownWords([...glossaryWords(glossary), ...extra]));
    misspelt = (text) => speller.misspellings(text).map((m) => m.word);
  }
  const results = runDocumentQa(units, glossary, { misspelt }).map((r, index) => ({ index, id: r.id, findings: r.findings.map((f) => ({ check: f.check, severity: f.severity, message: f.message })) }));
  if (options.format === "json") {
    io.out(JSON.stringify(results, null, 2));
  } else {
    for (const r of results) for (const f of r.findings) io.out(`${r.index}\t${r.id}\t${f.severity}\t${f.check}\t${f.message}`);
    const errors = results.reduce((n, r) => n + r.findings.filter((f) => f.severity === "error").length, 0);
    const warnings = results.reduce((n, r) => n + r.findings.filter((f) => f.severity === "warning").length, 0);
    io.err(`${units.length} units checked: ${errors} errors, ${warnings} warnings.`);
  }
  return options.strict && results.some((r) => r.findings.some((f) => f.severity === "error")) ? 1 : 0;
}
