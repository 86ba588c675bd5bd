export interface ReplaceSpec {
  find: string;
  replace: string;
  regex: boolean;
  matchCase: boolean;
}

/** Compiles the search into a global RegExp, or returns a message for a bad pattern. */
export function compileReplace(spec: ReplaceSpec): RegExp | { error: string } {
  if (!spec.find) return { error: "Enter the text to find." };
  const flags = `gu${spec.matchCase ? "" : "i"}`;
  if (!spec.regex) return new RegExp(spec.find.replace(/[.*+?^${}()|[\]\\]/g, "\\$&"), flags);
  try {
    const re = new RegExp(spec.find, flags);
    if (re.test("")) return { error: "The pattern matches empty text; it would insert the replacement everywhere." };
    return re;
  } catch (e) {
    return { error: `Not a valid regular expression: ${(e as Error).message}` };
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
