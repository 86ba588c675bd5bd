/** Password rules, shared by forms (browser) and the server; hashing lives in passwords.ts. */
export const MIN_PASSWORD_LENGTH = 10;
export const MAX_PASSWORD_LENGTH = 200;

/** What is wrong with a password — an error code (`errors.*`) and its parameters — or null when it is acceptable. */
export function passwordProblem(password: string): { code: "password-too-short"; params: { min: number } } | { code: "password-too-long"; params: { max: number } } | null {
  if (password.length < MIN_PASSWORD_LENGTH) return { code: "password-too-short", params: { min: MIN_PASSWORD_LENGTH } };
  if (password.length > MAX_PASSWORD_LENGTH) return { code: "password-too-long", params: { max: MAX_PASSWORD_LENGTH } };
  return null;
}
