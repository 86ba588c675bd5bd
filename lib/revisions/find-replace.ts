import { RE2JS, RE2JSSyntaxException } from "re2js";

export interface ReplaceSpec {
  find: string;
  replace: string;
  regex: boolean;
  matchCase: boolean;
}

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

const BACKTRACKING_ONLY =
  "uses a feature only a backtracking engine has (a back-reference such as \\1, or look-ahead/look-behind). Searches run on a linear-time engine (RE2) so that no pattern can stall the server: write it without that feature.";

/** Compiles a search (plain text or a regular expression), or says why it cannot run. */
export function compilePattern(query: string, options: { regex: boolean; matchCase: boolean }): TextPattern | { error: string } {
  if (!query) return { error: "Enter the text to find." };
  let compiled: RE2JS;
  try {
    compiled = RE2JS.compile(options.regex ? query : RE2JS.quote(query), options.matchCase ? 0 : RE2JS.CASE_INSENSITIVE);
  } catch (e) {
    const message = e instanceof Error ? e.message : String(e);
    if (e instanceof RE2JSSyntaxException && /escape sequence: `\\[1-9k]|capture: `\(\?<?[=!]|Perl syntax: `\(\?<?[=!]/.test(message)) {
      return { error: `The pattern ${BACKTRACKING_ONLY}` };
    }
    return { error: `Not a valid regular expression: ${message}` };
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

/** Compiles the search of a find-and-replace, or returns a message for a pattern that cannot run. */
export function compileReplace(spec: ReplaceSpec): TextPattern | { error: string } {
  const pattern = compilePattern(spec.find, spec);
  if (!("error" in pattern) && pattern.test("")) return { error: "The pattern matches empty text; it would insert the replacement everywhere." };
  return pattern;
}

/** The target after replacement, or null when the pattern does not occur. */
export function replaceInText(text: string, pattern: TextPattern, spec: ReplaceSpec): string | null {
  return pattern.replace(text, spec.replace);
}
