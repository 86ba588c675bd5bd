import { hash, verify } from "@node-rs/argon2";

export { passwordProblem } from "./password-rules";

/** argon2id with the library's defaults (19 MiB, 2 passes): the OWASP-recommended baseline. */
export function hashPassword(password: string): Promise<string> {
  return hash(password);
}

export async function verifyPassword(passwordHash: string, password: string): Promise<boolean> {
  try {
    return await verify(passwordHash, password);
  } catch {
    return false; // a malformed hash never authenticates
  }
}

// Verifying against a real hash when the account does not exist keeps response times alike,
// so timing does not reveal which e-mail addresses have accounts.
let dummyHash: Promise<string> | null = null;
export async function burnVerification(password: string): Promise<void> {
  dummyHash ??= hash("not-a-real-password-for-timing");
  await verifyPassword(await dummyHash, password);
}
