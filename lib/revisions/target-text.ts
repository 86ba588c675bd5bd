/** Longest translation accepted for one segment (the longest source paragraph is far shorter). */
export const MAX_TARGET_LENGTH = 20_000;

/** Control characters other than line feed and tab never belong in a translation. */
const CONTROL = /[\u0000-\u0008\u000b-\u001f\u007f]/;

/** Normalises a translation the way it is stored: CRLF → LF, trimmed at both ends. */
export function normaliseTarget(text: string): string {
  return text.replace(/\r\n?/g, "\n").trim();
}

/**
 * Why a translation cannot be saved, as an API error code (catalog `errors.<code>`) with its
 * arguments, or null — for answers in the person's language.
 */
export function targetProblemCode(text: string): { code: "target-too-long" | "target-control-characters"; params: { max: number } } | null {
  if (text.length > MAX_TARGET_LENGTH) return { code: "target-too-long", params: { max: MAX_TARGET_LENGTH } };
  if (CONTROL.test(text)) return { code: "target-control-characters", params: { max: MAX_TARGET_LENGTH } };
  return null;
}

