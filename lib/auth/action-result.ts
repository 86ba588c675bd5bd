import { z } from "zod";
import { AccountError } from "@/lib/accounts/user-service";
import { CodedError, errorBody } from "@/lib/http/coded-error";
import { Refusal } from "@/lib/http/refusal";
import { actionLocale } from "@/lib/i18n/request-locale";
import { findIllFormedText } from "@/lib/http/well-formed-text";
import { AccessDenied } from "./access";

/** A refusal's `error` is its message in the person's language; `code` is set for coded refusals (lib/http/coded-error.ts). */
export type ActionResult<T = object> = ({ ok: true } & T) | { ok: false; error: string; status?: number; code?: string; details?: Record<string, unknown> };

export const ILL_FORMED_INPUT = "The text contains a character that is not valid Unicode (a lone UTF-16 surrogate, as left by cutting an emoji in half). Nothing was saved.";

/**
 * Runs a server action's body and turns the refusals people should read (permission, account
 * rules, invalid input) into a result the form shows. `input`, when given, is the action's
 * argument as the client sent it: text in it that is not valid Unicode is refused (422) before
 * the body runs. Anything else is a bug and is rethrown.
 */
export async function runAction<T extends object>(body: () => Promise<T>, input?: unknown): Promise<ActionResult<T>> {
  if (input !== undefined && !(input instanceof FormData) && findIllFormedText(input) !== null) return { ok: false, error: ILL_FORMED_INPUT, status: 422 };
  try {
    return { ok: true, ...(await body()) };
  } catch (error) {
    if (error instanceof AccessDenied && error.customMessage) return { ok: false, error: error.customMessage, code: error.code, status: error.status };
    if (error instanceof CodedError) return { ok: false, ...errorBody(error, await actionLocale()), status: error.status };
    if (error instanceof AccountError) return { ok: false, error: error.message, status: 400 };
    if (error instanceof Refusal) return { ok: false, error: error.message, status: error.status };
    if (error instanceof z.ZodError) return { ok: false, error: error.issues[0]?.message ?? "Invalid request.", status: 400 };
    throw error;
  }
}
