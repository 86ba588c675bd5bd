/**
 * What a locked sign-in answers: next-auth hands a thrown message to the page as it is, so the
 * message is a code, `sign-in-locked:<minutes>`, that the sign-in form words from the catalogs.
 * Its own module with no imports: the sign-in form (a client component) reads it, and must not
 * pull login-throttle.ts's database types into the browser's module graph.
 */
const SIGN_IN_LOCKED = "sign-in-locked";

export const lockCodeFor = (minutes: number) => `${SIGN_IN_LOCKED}:${minutes}`;

/** The minutes of a lock code, or null when the error is something else. */
export function lockedMinutes(error: string | null | undefined): number | null {
  const match = /^sign-in-locked:(\d+)$/.exec(error ?? "");
  return match ? Number(match[1]) : null;
}
