import { AccountError } from "@/lib/accounts/user-service";
import { Refusal } from "@/lib/http/refusal";
import { AccessDenied } from "./access";

export type ActionResult<T = object> = ({ ok: true } & T) | { ok: false; error: string; status?: number };

/**
 * Runs a server action's body and turns the refusals people should read (permission, account
 * rules) into a result the form shows. Anything else is a bug and is rethrown.
 */
export async function runAction<T extends object>(body: () => Promise<T>): Promise<ActionResult<T>> {
  try {
    return { ok: true, ...(await body()) };
  } catch (error) {
    if (error instanceof AccessDenied) return { ok: false, error: error.message, status: error.status };
    if (error instanceof AccountError) return { ok: false, error: error.message, status: 400 };
    if (error instanceof Refusal) return { ok: false, error: error.message, status: error.status };
    throw error;
  }
}
