import { RE2JS, RE2JSSyntaxException } from "re2js";
import type { ErrorCode, ErrorParams } from "@/lib/http/coded-error";
import en from "@/messages/en.json";

export interface ReplaceSpec {
  find: string;
  replace: string;
  regex: boolean;
  matchCase: boolean;
}

/** Why a search cannot run: its English `error` (logs, the CLI), and its code and params (the person's language). */
export type PatternProblem = { error: string; code: ErrorCode; params: ErrorParams };

type PatternCode = "replace-find-empty" | "replace-invalid-regex" | "replace-matches-empty" | "replace-backtracking-only";

/**
 * The problem with its English text. The editor's search box compiles patterns in the browser
 * too, so this module stays free of the server's translator (lib/http/coded-error reads the
 * request's headers): these messages have plain {placeholders} only.
 */
const patternProblem = (code: PatternCode, params: ErrorParams = {}): PatternProblem => ({
  error: en.errors[code].replace(/\{(\w+)\}/g, (all, name: string) => (name in params ? String(params[name]) : all)),
  code,
  params,
});

/**
 * A compiled search. Patterns come from any project member (a viewer can preview a
 * replacement), so they run on RE2JS — a port of RE2 whose matching time is linear in the text
 * — never on JavaScript's backtracking RegExp, where `(.+)+Q` over 28 characters blocked the
 * server for seconds and each 4 more characters multiplied that by ten.
 */
export interface TextPattern {
  readonly engine: "re2";
  test(text: string): boolean;
  /** The text with every match replaced by `replacement` ($1… are groups in regex mode, literal otherwise), or null when nothing matches. */
  replace(text: string, replacement: string): string | null;
}

/** Compiles a search (plain text or a regular expression), or says why it cannot run. */
export function compilePattern(query: string, options: { regex: boolean; matchCase: boolean }): TextPattern | PatternProblem {
  if (!query) return patternProblem("replace-find-empty");
  let compiled: RE2JS;
  try {
    compiled = RE2JS.compile(options.regex ? query : RE2JS.quote(query), options.matchCase ? 0 : RE2JS.CASE_INSENSITIVE);
  } catch (e) {
    const message = e instanceof Error ? e.message : String(e);
    // A back-reference or look-around: only a backtracking engine has them, and RE2 keeps any pattern from stalling the server.
    if (e instanceof RE2JSSyntaxException && /escape sequence: `\\[1-9k]|capture: `\(\?<?[=!]|Perl syntax: `\(\?<?[=!]/.test(message)) {
      return patternProblem("replace-backtracking-only");
    }
    return patternProblem("replace-invalid-regex", { problem: message });
  }
  return {
    engine: "re2",
    test: (text) => compiled.matcher(text).find(),
    replace(text, replacement) {
      const matcher = compiled.matcher(text);
      if (!matcher.find()) return null;
      matcher.reset();
      return options.regex ? matcher.replaceAll(replacement) : matcher.replaceAll(() => replacement);
    },
  };
}

/** Compiles the search of a find-and-replace, or returns the problem with a pattern that cannot run (and its code). */
export function compileReplace(spec: ReplaceSpec): TextPattern | PatternProblem {
  const pattern = compilePattern(spec.find, spec);
  if (!("error" in pattern) && pattern.test("")) return patternProblem("replace-matches-empty");
  return pattern;
}

/** The target after replacement, or null when the pattern does not occur. */
export function replaceInText(text: string, pattern: TextPattern, spec: ReplaceSpec): string | null {
  return pattern.replace(text, spec.replace);
}
