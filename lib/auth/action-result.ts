import { z } from "zod";
import { CodedError, errorBody, errorMessage, isErrorCode } from "@/lib/http/coded-error";
import { Refusal } from "@/lib/http/refusal";
import { actionLocale } from "@/lib/i18n/request-locale";
import { MAX_LIST_ITEMS, requestBodyProblem } from "@/lib/http/well-formed-text";
import { AccessDenied } from "./access";

/** A refusal's `error` is its message in the person's language; `code` is set for coded refusals (lib/http/coded-error.ts). */
export type ActionResult<T = object> = ({ ok: true } & T) | { ok: false; error: string; status?: number; code?: string; details?: Record<string, unknown> };


/**
 * Runs a server action's body and turns the refusals people should read (permission, account
 * rules, invalid input) into a result the form shows. `input`, when given, is the action's
 * argument as the client sent it: text in it that is not valid Unicode is refused (422) before
 * the body runs. Anything else is a bug and is rethrown.
 */
export async function runAction<T extends object>(body: () => Promise<T>, input?: unknown): Promise<ActionResult<T>> {
  // Walked in slices: a re-import sends up to 100,000 changes.
  const problem = input !== undefined && !(input instanceof FormData) ? await requestBodyProblem(input) : null;
  if (problem?.code === "ill-formed-text") return { ok: false, ...errorBody(new CodedError("ill-formed-text", 422), await actionLocale()), status: 422 };
  if (problem?.code === "list-too-long") return { ok: false, ...errorBody(new CodedError("list-too-long", 413, { count: problem.count, max: MAX_LIST_ITEMS }), await actionLocale()), status: 413 };
  try {
    return { ok: true, ...(await body()) };
  } catch (error) {
    if (error instanceof AccessDenied && error.customMessage) return { ok: false, error: error.customMessage, code: error.code, status: error.status };
    if (error instanceof CodedError) return { ok: false, ...errorBody(error, await actionLocale()), status: error.status };
    // Refusals not yet given a code of their own answer with their (English) message and the generic code.
    if (error instanceof Refusal) return { ok: false, error: error.message, code: "refused", status: error.status };
    if (error instanceof z.ZodError) {
      // A schema's message is an error code (answered in the person's language), or — not yet converted — English text.
      const issue = error.issues[0]?.message;
      if (isErrorCode(issue)) return { ok: false, ...errorBody(new CodedError(issue, 400), await actionLocale()), status: 400 };
      return { ok: false, error: issue ?? errorMessage("invalid-request", {}, await actionLocale()), code: "invalid-request", status: 400 };
    }
    throw error;
  }
}
