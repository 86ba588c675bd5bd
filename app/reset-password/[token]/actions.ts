"use server";

import { z } from "zod";
import { runAction } from "@/lib/auth/action-result";
import { resetPassword } from "@/lib/auth/password-reset";

const schema = z.object({ token: z.string().min(10).max(200), password: z.string().max(200) });

/** Public: the reset link's token is the credential. Ends every session of the account. */
export async function resetPasswordAction(input: { token: string; password: string }) {
  return runAction(async () => {
    const data = schema.parse(input);
    const { email } = await resetPassword(data.token, data.password);
    return { email };
  }, input);
}
