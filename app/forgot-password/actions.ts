"use server";

import { z } from "zod";
import { runAction } from "@/lib/auth/action-result";
import { requestPasswordReset } from "@/lib/auth/password-reset";
import { requestClientAddress } from "@/lib/auth/request-address";
import { actionLocale } from "@/lib/i18n/request-locale";

const schema = z.object({ email: z.string().max(254) });

/**
 * Public: asks for a password-reset mail. The answer is the same whether or not the address has
 * an account; only mail being off, a malformed address or too many requests are refused.
 */
export async function requestPasswordResetAction(input: { email: string }) {
  return runAction(async () => {
    const { email } = schema.parse(input);
    await requestPasswordReset({ email, clientAddress: await requestClientAddress(), locale: await actionLocale() });
    return {};
  }, input);
}
