/** Longest translation accepted for one segment (the longest source paragraph is far shorter). */
export const MAX_TARGET_LENGTH = 20_000;

/** Control characters other than line feed and tab never belong in a translation. */
const CONTROL = /[\u0000-\u0008\u000b-\u001f\u007f]/;

/** Normalises a translation the way it is stored: CRLF → LF, trimmed at both ends. */
export function normaliseTarget(text: string): string {
  return text.replace(/\r\n?/g, "\n").trim();
}

/** Why a translation cannot be saved, or null. Shared by the form (which words it in the reader's language) and the server. */
export function targetProblemCode(text: string): "too-long" | "control-characters" | null {
  if (text.length > MAX_TARGET_LENGTH) return "too-long";
  if (CONTROL.test(text)) return "control-characters";
  return null;
}

/** The same in English, for the server's answers and the CLI. */
export function targetProblem(text: string): string | null {
  const code = targetProblemCode(text);
  if (code === "too-long") return `A translation can be at most ${MAX_TARGET_LENGTH.toLocaleString("en")} characters.`;
  if (code === "control-characters") return "The translation contains control characters; remove them (they often come from copying out of PDFs).";
  return null;
}

