/**
 * Issue 15's checks on the catalogs (messages/en.json, messages/zh-CN.json):
 * - both have exactly the same keys, every message is valid ICU and uses the same arguments;
 * - every key is used by the code (a literal t("…") under useTranslations/getTranslations, an
 *   error code, or a run-time name listed by lib/i18n/labels.ts's dynamicMessageKeys);
 * - every key the code names exists;
 * - no interface file has a hard-coded user-visible string (JSX text, visible attributes, or a
 *   sentence in a string literal, in .tsx files, components' hooks and server actions), except the files still listed in
 *   NOT_YET_CONVERTED — which must shrink: a listed file with nothing left to convert fails too.
 */
import { parse, TYPE, type MessageFormatElement } from "@formatjs/icu-messageformat-parser";
import path from "node:path";
import { beforeAll, describe, expect, it } from "vitest";
import { dynamicMessageKeys } from "@/lib/i18n/labels";
import en from "@/messages/en.json";
import zhCN from "@/messages/zh-CN.json";
import { flatten, hardCodedStrings, sourceFiles, usedMessageKeys } from "../support/i18n-scan";

const root = path.join(__dirname, "../..");
const SOURCES = sourceFiles(root, ["app", "components", "lib", "i18n"]);
/** What the hard-coded-string scan reads: the interface's files (pages, components, their hooks, server actions). */
const INTERFACE_FILES = SOURCES.filter((f) => f.endsWith(".tsx") || (f.startsWith("components/") && f.endsWith(".ts")) || f.endsWith("/actions.ts"));
const english = flatten(en);
const chinese = flatten(zhCN);
// The source scans parse every file once (a few seconds on a busy machine), before the tests.
let used = new Set<string>();
let found: ReturnType<typeof hardCodedStrings> = [];
beforeAll(() => {
  used = new Set([...usedMessageKeys(root, SOURCES), ...dynamicMessageKeys()]);
  found = hardCodedStrings(root, INTERFACE_FILES);
}, 120_000);

/**
 * Files not yet moved to the catalogs (issue 15 is being converted area by area). Remove a file
 * from this list when it is converted; the list must be empty when the issue is done.
 */
const NOT_YET_CONVERTED = new Set<string>([]);

/** The argument names of an ICU message ({name}, plurals, selects, tags), sorted. */
function argumentsOf(elements: MessageFormatElement[], into = new Set<string>()): Set<string> {
  for (const el of elements) {
    if (el.type === TYPE.literal || el.type === TYPE.pound) continue;
    into.add(el.value);
    if (el.type === TYPE.plural || el.type === TYPE.select) for (const option of Object.values(el.options)) argumentsOf(option.value, into);
    if (el.type === TYPE.tag) argumentsOf(el.children, into);
  }
  return into;
}

describe("the catalogs", () => {
  it("have the same keys in English and Chinese", () => {
    const missingInChinese = [...english.keys()].filter((k) => !chinese.has(k));
    const missingInEnglish = [...chinese.keys()].filter((k) => !english.has(k));
    expect({ missingInChinese, missingInEnglish }).toEqual({ missingInChinese: [], missingInEnglish: [] });
  });

  it("hold valid ICU messages with the same arguments in both languages, and no empty ones", () => {
    const problems: string[] = [];
    for (const [key, message] of english) {
      const other = chinese.get(key);
      if (other === undefined) continue;
      if (!message.trim() || !other.trim()) problems.push(`${key}: empty`);
      try {
        const a = [...argumentsOf(parse(message))].sort().join(",");
        const b = [...argumentsOf(parse(other))].sort().join(",");
        if (a !== b) problems.push(`${key}: arguments {${a}} in English but {${b}} in Chinese`);
      } catch (error) {
        problems.push(`${key}: not valid ICU (${(error as Error).message})`);
      }
    }
    expect(problems).toEqual([]);
  });

  // Parsing every source file takes ~4 s, more on a busy machine: a generous timeout.
  it("have no key the code does not use", () => {
    expect([...english.keys()].filter((k) => !used.has(k))).toEqual([]);
  }, 60_000);


  it("have every key the code uses", () => {
    // A key naming a namespace (t("status") under useTranslations()) is not a message.
    const isNamespace = (k: string) => [...english.keys()].some((e) => e.startsWith(`${k}.`));
    expect([...used].filter((k) => !english.has(k) && !isNamespace(k))).toEqual([]);
  });
});

describe("components", () => {
  it("render no hard-coded user-visible string outside the files not yet converted", () => {
    const offending = found.filter((f) => !NOT_YET_CONVERTED.has(f.file)).map((f) => `${f.file}:${f.line} "${f.text}"`);
    expect(offending).toEqual([]);
  });

  it("the not-yet-converted list names only files that still have strings to convert", () => {
    const withStrings = new Set(found.map((f) => f.file));
    expect([...NOT_YET_CONVERTED].filter((f) => !withStrings.has(f))).toEqual([]);
  });
});

describe("the scanners (so the checks above can fail)", () => {
  it("find keys under a namespace and hard-coded text, attributes and metadata", async () => {
    const fs = await import("node:fs");
    const os = await import("node:os");
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), "i18n-scan-"));
    fs.mkdirSync(path.join(dir, "c"));
    fs.writeFileSync(
      path.join(dir, "c/x.tsx"),
      [
        'export const metadata = { title: "Projects" };',
        "export function A() {",
        '  const t = useTranslations("nav");',
        "  return (<div title=\"Help\" aria-label={t(\"main\")}>{t.rich(\"projects\")} Hello {ok ? \"Yes\" : t(\"signOut\")}<kbd>Ctrl</kbd> · 12</div>);",
        "}",
        "async function B() {",
        '  const [t, f] = await Promise.all([getTranslations({ namespace: "status" }), getFormat()]);',
        '  // i18n-exempt: a proper name',
        '  throw new CodedError("cross-site", <b>Wuhan</b>, t("draft"));',
        "}",
        'const rule = { required: "Enter a name.", pattern: /x/, kind: "not-a-sentence" };',
        "const done = `Imported ${n} terms`;",
      ].join("\n"),
    );
    expect([...usedMessageKeys(dir, ["c/x.tsx"])].sort()).toEqual(["errors.cross-site", "nav.main", "nav.projects", "nav.signOut", "status.draft"]);
    expect(hardCodedStrings(dir, ["c/x.tsx"]).map((f) => f.text)).toEqual(["Projects", "Help", "Hello", "Yes", "Enter a name.", "Imported terms"]);
    fs.rmSync(dir, { recursive: true });
  });
});
