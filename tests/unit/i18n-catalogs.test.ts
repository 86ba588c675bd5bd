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
import { describe, expect, it } from "vitest";
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
let usedCache: Set<string> | null = null;
const usedKeys = () => (usedCache ??= new Set([...usedMessageKeys(root, SOURCES), ...dynamicMessageKeys()]));

/**
 * Files not yet moved to the catalogs (issue 15 is being converted area by area). Remove a file
 * from this list when it is converted; the list must be empty when the issue is done.
 */
const NOT_YET_CONVERTED = new Set<string>([
  "app/account/actions.ts",
  "app/account/page.tsx",
  "app/documents/[documentId]/actions.ts",
  "app/documents/[documentId]/activity/page.tsx",
  "app/documents/[documentId]/compare/page.tsx",
  "app/documents/[documentId]/edit/page.tsx",
  "app/documents/[documentId]/page.tsx",
  "app/documents/[documentId]/quality/page.tsx",
  "app/documents/[documentId]/versions/page.tsx",
  "app/invite/[token]/page.tsx",
  "app/login/page.tsx",
  "app/logout/page.tsx",
  "app/page.tsx",
  "app/projects/[projectId]/activity/page.tsx",
  "app/projects/[projectId]/members/actions.ts",
  "app/projects/[projectId]/members/page.tsx",
  "app/projects/[projectId]/page.tsx",
  "app/projects/[projectId]/settings/actions.ts",
  "app/projects/[projectId]/settings/page.tsx",
  "app/projects/new/page.tsx",
  "app/work/page.tsx",
  "components/account/accept-invitation-form.tsx",
  "components/account/change-password-form.tsx",
  "components/account/new-project-form.tsx",
  "components/account/project-fields.tsx",
  "components/account/sign-out-everywhere.tsx",
  "components/activity/activity-list.tsx",
  "components/auth/sign-in-form.tsx",
  "components/auth/sign-out-form.tsx",
  "components/documents/approve-button.tsx",
  "components/documents/bilingual-view.tsx",
  "components/editor/active-segment.tsx",
  "components/editor/dictionary-box.tsx",
  "components/editor/document-editor.tsx",
  "components/editor/draft-recovery.tsx",
  "components/editor/editor-filters.ts",
  "components/editor/editor-toolbar.tsx",
  "components/editor/find-replace-panel.tsx",
  "components/editor/qa-panel.tsx",
  "components/editor/restructure-controls.tsx",
  "components/editor/review-bar.tsx",
  "components/editor/review-controls.tsx",
  "components/editor/segment-row.tsx",
  "components/editor/send-back-note.tsx",
  "components/editor/shortcuts-help.tsx",
  "components/editor/source-text.tsx",
  "components/editor/suggestions-panel.tsx",
  "components/editor/use-qa.ts",
  "components/editor/use-review-actions.ts",
  "components/editor/use-segment-commands.ts",
  "components/editor/use-segment-saver.ts",
  "components/editor/use-suggestions.ts",
  "components/history/segment-history-panel.tsx",
  "components/members/invite-form.tsx",
  "components/members/member-actions.tsx",
  "components/members/project-settings-form.tsx",
  "components/projects/project-crumbs.tsx",
  "components/review/comment-markdown.tsx",
  "components/review/comment-thread.tsx",
  "components/review/document-review-panel.tsx",
  "components/review/mention-textarea.tsx",
  "components/ui/file-import-form.tsx",
  "components/ui/page-header.tsx",
  "components/ui/progress-bar.tsx",
  "components/ui/upload-limit.ts",
  "components/versions/new-version-form.tsx",
]);

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

  // Parsing every source file takes a few seconds on a busy machine: more than vitest's default 5 s.
  it("have no key the code does not use", () => {
    const used = usedKeys();
    expect([...english.keys()].filter((k) => !used.has(k))).toEqual([]);
  }, 60_000);

  it("have every key the code uses", () => {
    const used = usedKeys();
    // A key naming a namespace (t("status") under useTranslations()) is not a message.
    const isNamespace = (k: string) => [...english.keys()].some((e) => e.startsWith(`${k}.`));
    expect([...used].filter((k) => !english.has(k) && !isNamespace(k))).toEqual([]);
  });
});

describe("components", () => {
  const found = hardCodedStrings(root, INTERFACE_FILES);

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
