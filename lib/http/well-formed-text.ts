import { TimeSlicer } from "@/lib/jobs/time-slice";

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

/** The most items any list in a request may have (the longest any schema allows: bulk approval, replace-all, re-import). */
export const MAX_LIST_ITEMS = 100_000;

/**
 * What is wrong with a parsed request body before its schema sees it, walked under a time budget
 * (a body of 100,000 items walked in one go held the event loop): a string that is not valid
 * Unicode, or a list longer than any route takes — refused before zod, which would check every
 * item of a list before its length.
 */
export async function requestBodyProblem(value: unknown): Promise<{ code: "ill-formed-text" } | { code: "list-too-long"; count: number } | null> {
  const slicer = new TimeSlicer();
  const stack: [unknown, number][] = [[value, 0]];
  for (let visited = 1; stack.length; visited++) {
    if (visited % 1_000 === 0) await slicer.maybeYield();
    const [item, depth] = stack.pop()!;
    if (typeof item === "string") {
      if (!isWellFormedText(item)) return { code: "ill-formed-text" };
      continue;
    }
    if (item === null || typeof item !== "object" || depth > 64) continue;
    if (Array.isArray(item)) {
      if (item.length > MAX_LIST_ITEMS) return { code: "list-too-long", count: item.length };
      for (let i = item.length - 1; i >= 0; i--) stack.push([item[i], depth + 1]);
      continue;
    }
    const entries = Object.entries(item);
    for (let i = entries.length - 1; i >= 0; i--) {
      if (!isWellFormedText(entries[i]![0])) return { code: "ill-formed-text" };
      stack.push([entries[i]![1], depth + 1]);
    }
  }
  return null;
}
