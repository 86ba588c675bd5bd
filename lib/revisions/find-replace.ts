import { errorMessage, type ErrorCode, type ErrorParams } from "@/lib/http/coded-error";

export interface ReplaceSpec {
  find: string;
  replace: string;
  regex: boolean;
  matchCase: boolean;
}

export type PatternProblem = { error: string; code: ErrorCode; params: ErrorParams };

const patternProblem = (code: ErrorCode, params: ErrorParams = {}): PatternProblem => ({ error: errorMessage(code, params), code, params });

/** Compiles the search into a global RegExp, or returns the problem with a bad pattern (English `error`, and its code). */
export function compileReplace(spec: ReplaceSpec): RegExp | PatternProblem {
  if (!spec.find) return patternProblem("replace-find-empty");
  const flags = `gu${spec.matchCase ? "" : "i"}`;
  if (!spec.regex) return new RegExp(spec.find.replace(/[.*+?^${}()|[\]\\]/g, "\\$&"), flags);
  try {
    const re = new RegExp(spec.find, flags);
    if (re.test("")) return patternProblem("replace-matches-empty");
    return re;
  } catch (e) {
    return patternProblem("replace-invalid-regex", { problem: (e as Error).message });
  }
}

/**
 * The target after replacement, or null when the pattern does not occur. With a regular
 * expression, $1… in the replacement refer to groups; in plain mode the replacement is literal.
 */
export function replaceInText(text: string, pattern: RegExp, spec: ReplaceSpec): string | null {
  pattern.lastIndex = 0;
  if (!pattern.test(text)) return null;
  pattern.lastIndex = 0;
  return spec.regex ? text.replace(pattern, spec.replace) : text.replace(pattern, () => spec.replace);
}
