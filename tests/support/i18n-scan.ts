/**
 * Source scans behind the catalog checks (tests/unit/i18n-catalogs.test.ts), with the TypeScript
 * parser rather than regular expressions, so JSX, comments and strings are told apart.
 *
 * - `usedMessageKeys`: every catalog key the code names literally — `t("key")`, `t.rich("key")`,
 *   `t.markup`/`t.raw`/`t.has` — where `t` was bound in an enclosing scope by
 *   `useTranslations("ns")`, `[await] getTranslations("ns" | { namespace: "ns" })`,
 *   `await getActionTranslations("ns")`, `translator(locale, "ns")` or
 *   `createTranslator({ namespace: "ns", … })` (no
 *   namespace: the key is a full path), and the API's error codes: the first argument of
 *   `new CodedError("code")` (and its subclasses), `errorResponse("code")`, `errorMessage("code")` is `errors.<code>`.
 * - `hardCodedStrings`: user-visible text written into .tsx files — JSX text, string literals as
 *   JSX children (also in `cond ? "a" : "b"` and `x && "a"`), and string values of the
 *   attributes in VISIBLE_ATTRIBUTES — and page metadata titles/descriptions; and, in every file
 *   it is given (.ts too: hooks, server actions), sentence-like string literals anywhere
 *   ("Saved.", `Imported ${n} terms`, a zod or react-hook-form message): a capital letter and a
 *   lower-case word followed by another word, or any Chinese.
 */
import fs from "node:fs";
import path from "node:path";
import ts from "typescript";

export function sourceFiles(root: string, dirs: string[], extensions = [".ts", ".tsx"]): string[] {
  const out: string[] = [];
  for (const dir of dirs) {
    const abs = path.join(root, dir);
    if (!fs.existsSync(abs)) continue;
    for (const entry of fs.readdirSync(abs, { recursive: true, encoding: "utf8" })) {
      const rel = path.join(dir, entry).split(path.sep).join("/");
      if (rel.includes("/generated/") || rel.endsWith(".d.ts")) continue;
      if (extensions.some((e) => rel.endsWith(e)) && fs.statSync(path.join(root, rel)).isFile()) out.push(rel);
    }
  }
  return out.sort();
}

function parse(file: string, text: string): ts.SourceFile {
  return ts.createSourceFile(file, text, ts.ScriptTarget.Latest, true, file.endsWith(".tsx") ? ts.ScriptKind.TSX : ts.ScriptKind.TS);
}

const stringValue = (node: ts.Node | undefined): string | null => (node && (ts.isStringLiteral(node) || ts.isNoSubstitutionTemplateLiteral(node)) ? node.text : null);

/** The namespace a `useTranslations(...)`/`getTranslations(...)` call binds ("" for the root), or null when `node` is not one. */
function translatorNamespace(node: ts.Node | undefined): string | null {
  if (!node) return null;
  if (ts.isAwaitExpression(node)) return translatorNamespace(node.expression);
  if (!ts.isCallExpression(node) || !ts.isIdentifier(node.expression)) return null;
  const position = TRANSLATOR_FACTORIES[node.expression.text];
  if (position === undefined) return null;
  const arg = node.arguments[position];
  if (!arg) return "";
  const literal = stringValue(arg);
  if (literal !== null) return literal;
  if (ts.isObjectLiteralExpression(arg)) {
    for (const p of arg.properties) if (ts.isPropertyAssignment(p) && p.name.getText() === "namespace") return stringValue(p.initializer) ?? "";
    return "";
  }
  return "";
}

/** Functions returning a translator, and which argument names its namespace (lib/i18n/translator.ts for the last two). */
const TRANSLATOR_FACTORIES: Record<string, number> = { useTranslations: 0, getTranslations: 0, getActionTranslations: 0, translator: 1, createTranslator: 0 };
const TRANSLATOR_METHODS = new Set(["rich", "markup", "raw", "has"]);
/** CodedError, its subclasses (their first argument is the code too) and the helpers that take a code first. */
const ERROR_CODE_CALLS = new Set([
  "CodedError",
  "AccountError",
  "SignOffRefused",
  "AssignmentRefused",
  "codedReason",
  "errorResponse",
  "errorAnswer",
  "apiError",
  "errorMessage",
  "ImportError",
  "ImportRefused",
  "ApplyRefused",
  "CommentRefused",
  "TransitionRefused",
  "RestructureRefused",
  "RestoreRefused",
  "patternProblem",
  "invalidSave",
]);
const SCOPES = (node: ts.Node) => ts.isBlock(node) || ts.isSourceFile(node) || ts.isFunctionLike(node) || ts.isModuleBlock(node);

export function usedMessageKeys(root: string, files: string[]): Set<string> {
  const used = new Set<string>();
  for (const file of files) {
    const source = parse(file, fs.readFileSync(path.join(root, file), "utf8"));
    const scopes: Map<string, string>[] = [];
    const lookup = (name: string) => {
      for (let i = scopes.length - 1; i >= 0; i--) if (scopes[i]!.has(name)) return scopes[i]!.get(name)!;
      return null;
    };
    const visit = (node: ts.Node) => {
      const scoped = SCOPES(node);
      if (scoped) scopes.push(new Map());
      if (ts.isVariableDeclaration(node) && ts.isIdentifier(node.name)) {
        const ns = translatorNamespace(node.initializer);
        if (ns !== null) scopes[scopes.length - 1]!.set(node.name.text, ns);
      }
      // const [t, f] = await Promise.all([getTranslations("x"), …])
      if (ts.isVariableDeclaration(node) && ts.isArrayBindingPattern(node.name) && node.initializer) {
        let init: ts.Node = node.initializer;
        if (ts.isAwaitExpression(init)) init = init.expression;
        if (ts.isCallExpression(init) && init.arguments[0] && ts.isArrayLiteralExpression(init.arguments[0])) {
          const elements = init.arguments[0].elements;
          node.name.elements.forEach((el, i) => {
            const ns = translatorNamespace(elements[i]);
            if (ns !== null && ts.isBindingElement(el) && ts.isIdentifier(el.name)) scopes[scopes.length - 1]!.set(el.name.text, ns);
          });
        }
      }
      if (ts.isCallExpression(node) || ts.isNewExpression(node)) {
        const callee = node.expression;
        const first = stringValue(node.arguments?.[0]);
        let name: string | null = null;
        if (ts.isIdentifier(callee)) name = callee.text;
        else if (ts.isPropertyAccessExpression(callee) && ts.isIdentifier(callee.expression) && TRANSLATOR_METHODS.has(callee.name.text)) name = callee.expression.text;
        if (name && first !== null) {
          if (ERROR_CODE_CALLS.has(name)) used.add(`errors.${first}`);
          const ns = lookup(name);
          if (ns !== null) used.add(ns ? `${ns}.${first}` : first);
        }
      }
      ts.forEachChild(node, visit);
      if (scoped) scopes.pop();
    };
    visit(source);
  }
  return used;
}

/** Attributes whose string value a person reads or hears. */
export const VISIBLE_ATTRIBUTES = new Set(["aria-label", "aria-description", "aria-valuetext", "aria-roledescription", "title", "placeholder", "alt", "label", "heading", "description", "summary"]);
/** Names that are the same in every language. */
const NEVER_TRANSLATED = new Set(["Duizhao", "对照", "Duizhao 对照", "%s · Duizhao 对照"]);
const SENTENCE = /^[A-Z][a-z’']*[,.]?\s+\S|[\u3400-\u9fff]/;
const HAS_WORDS = /[A-Za-z\u3400-\u9fff]/;

export interface HardCodedString {
  file: string;
  line: number;
  text: string;
}

export function hardCodedStrings(root: string, files: string[]): HardCodedString[] {
  const found: HardCodedString[] = [];
  for (const file of files) {
    const text = fs.readFileSync(path.join(root, file), "utf8");
    const lines = text.split("\n");
    const source = parse(file, text);
    const reported = new Set<ts.Node>();
    const report = (node: ts.Node, value: string) => {
      const trimmed = value.replace(/\s+/g, " ").trim();
      if (!HAS_WORDS.test(trimmed) || NEVER_TRANSLATED.has(trimmed) || reported.has(node)) return;
      reported.add(node);
      const line = source.getLineAndCharacterOfPosition(node.getStart(source)).line;
      // An explicit, reasoned exemption on the line or the line before: `// i18n-exempt: why`.
      if (/i18n-exempt/.test(lines[line] ?? "") || /i18n-exempt/.test(lines[line - 1] ?? "")) return;
      found.push({ file, line: line + 1, text: trimmed.slice(0, 80) });
    };
    const literalsIn = (node: ts.Expression): ts.Node[] => {
      if (ts.isParenthesizedExpression(node)) return literalsIn(node.expression);
      if (ts.isStringLiteral(node) || ts.isNoSubstitutionTemplateLiteral(node) || ts.isTemplateExpression(node)) return [node];
      if (ts.isConditionalExpression(node)) return [...literalsIn(node.whenTrue), ...literalsIn(node.whenFalse)];
      if (ts.isBinaryExpression(node) && [ts.SyntaxKind.AmpersandAmpersandToken, ts.SyntaxKind.BarBarToken, ts.SyntaxKind.QuestionQuestionToken].includes(node.operatorToken.kind)) return [...literalsIn(node.left).filter(() => node.operatorToken.kind !== ts.SyntaxKind.AmpersandAmpersandToken), ...literalsIn(node.right)];
      return [];
    };
    const literalText = (node: ts.Node) => (ts.isTemplateExpression(node) ? [node.head.text, ...node.templateSpans.map((s) => s.literal.text)].join(" ") : (node as ts.StringLiteral).text);
    const insideCode = (node: ts.Node) => {
      const parent = node.parent;
      if (parent && ts.isJsxElement(parent)) {
        const tag = parent.openingElement.tagName.getText(source);
        return tag === "kbd" || tag === "code";
      }
      return false;
    };
    const visit = (node: ts.Node) => {
      if (ts.isJsxText(node) && !insideCode(node)) report(node, node.text);
      if (ts.isJsxExpression(node) && node.expression && !insideCode(node) && (ts.isJsxElement(node.parent) || ts.isJsxFragment(node.parent))) {
        for (const lit of literalsIn(node.expression)) report(lit, literalText(lit));
      }
      if (ts.isJsxAttribute(node) && VISIBLE_ATTRIBUTES.has(node.name.getText(source)) && node.initializer) {
        const init = node.initializer;
        if (ts.isStringLiteral(init)) report(init, init.text);
        else if (ts.isJsxExpression(init) && init.expression) for (const lit of literalsIn(init.expression)) report(lit, literalText(lit));
      }
      // A sentence in a string anywhere else: a message set in a handler, a validation rule.
      if (ts.isStringLiteral(node) || ts.isNoSubstitutionTemplateLiteral(node) || ts.isTemplateExpression(node)) {
        const parent = node.parent;
        const structural = ts.isImportDeclaration(parent) || ts.isExportDeclaration(parent) || ts.isLiteralTypeNode(parent) || ts.isExternalModuleReference(parent) || (ts.isPropertyAssignment(parent) && parent.name === node) || ts.isJsxAttribute(parent);
        const words = ts.isTemplateExpression(node) ? `${node.head.text} x` : node.text;
        if (!structural && SENTENCE.test(words.trim())) report(node, literalText(node));
      }
      // export const metadata = { title: "…" }
      if (ts.isVariableDeclaration(node) && node.name.getText(source) === "metadata" && node.initializer && ts.isObjectLiteralExpression(node.initializer)) {
        for (const p of node.initializer.properties) if (ts.isPropertyAssignment(p) && ["title", "description"].includes(p.name.getText(source)) && stringValue(p.initializer) !== null) report(p.initializer, stringValue(p.initializer)!);
      }
      ts.forEachChild(node, visit);
    };
    visit(source);
  }
  return found;
}

/** A catalog as dotted key → message. */
export function flatten(catalog: object, prefix = ""): Map<string, string> {
  const out = new Map<string, string>();
  for (const [key, value] of Object.entries(catalog)) {
    const full = prefix ? `${prefix}.${key}` : key;
    if (value && typeof value === "object") for (const [k, v] of flatten(value, full)) out.set(k, v);
    else out.set(full, String(value));
  }
  return out;
}
