/**
 * Text that is not valid Unicode: a lone UTF-16 surrogate (half of an emoji or of a rare
 * character, left by cutting a string in the wrong place). JSON and JavaScript strings can carry
 * one, but no database or file format can store it faithfully — it came back as replacement
 * bytes. Refused wherever text comes in.
 */
const LONE_SURROGATE = /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/;

export function isWellFormedText(text: string): boolean {
  return !LONE_SURROGATE.test(text);
}

/** The first string anywhere in a parsed value (object keys included) that is not well-formed, or null. */
export function findIllFormedText(value: unknown, depth = 0): string | null {
  if (typeof value === "string") return isWellFormedText(value) ? null : value;
  if (value === null || typeof value !== "object" || depth > 64) return null;
  if (Array.isArray(value)) {
    for (const item of value) {
      const found = findIllFormedText(item, depth + 1);
      if (found !== null) return found;
    }
    return null;
  }
  for (const [key, item] of Object.entries(value)) {
    if (!isWellFormedText(key)) return key;
    const found = findIllFormedText(item, depth + 1);
    if (found !== null) return found;
  }
  return null;
}
