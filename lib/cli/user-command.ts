import { randomBytes } from "node:crypto";
import { AccountError, createUser, setPasswordAsAdmin } from "@/lib/accounts/user-service";
import type { CliIO } from "./main";

async function readStdinLine(): Promise<string> {
  const chunks: Buffer[] = [];
  for await (const chunk of process.stdin) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks).toString("utf8").split(/\r?\n/)[0] ?? "";
}

/**
 * `duizhao user create`: the way to make the first site admin in production. A password piped
 * in is used as given; on a terminal a strong one is generated and printed once, so it never
 * has to appear in shell history or process lists.
 */
export async function runUserCreate(io: CliIO, options: { email: string; name: string; admin: boolean; password?: string }): Promise<number> {
  const generated = options.password === undefined && process.stdin.isTTY;
  const password = options.password ?? (generated ? randomBytes(15).toString("base64url") : await readStdinLine());
  let user;
  try {
    user = await createUser({ email: options.email, name: options.name, password, isAdmin: options.admin });
  } catch (error) {
    if (!(error instanceof AccountError)) throw error;
    io.err(error.message);
    return 1;
  }
  io.out(`Created ${user.isAdmin ? "site admin" : "user"} ${user.email}.`);
  if (generated) io.out(`Password (shown once): ${password}`);
  return 0;
}

/**
 * `duizhao user password --email <e>`: sets a new password for someone who forgot theirs (the way
 * back when the site sends no mail). Same input as `user create`; every session of the account ends.
 */
export async function runUserPassword(io: CliIO, options: { email: string; password?: string }): Promise<number> {
  const generated = options.password === undefined && process.stdin.isTTY;
  const password = options.password ?? (generated ? randomBytes(15).toString("base64url") : await readStdinLine());
  let result;
  try {
    result = await setPasswordAsAdmin(options.email, password);
  } catch (error) {
    if (!(error instanceof AccountError)) throw error;
    io.err(error.message);
    return 1;
  }
  io.out(`Set a new password for ${result.email}; ${result.endedSessions} session(s) ended.`);
  if (generated) io.out(`Password (shown once): ${password}`);
  return 0;
}
