import { CodedError, type ErrorCode, type ErrorParams } from "@/lib/http/coded-error";

export type ImportErrorKind = "empty" | "too-large" | "binary" | "unknown-encoding" | "unsupported-type" | "invalid-request" | "invalid-file";

/**
 * An import that cannot go ahead, with a message meant for the person importing. Thrown before
 * anything is written, so a failed import never leaves a half-made document behind. A coded
 * refusal (lib/http/coded-error.ts): its `code` names the message in the `errors` catalog, so
 * forms and the API answer in the person's language, while `message` stays English (CLI, logs);
 * `kind` is the broad reason (413 for "too-large", 400 otherwise).
 */
export class ImportError extends CodedError {
  constructor(
    code: ErrorCode,
    readonly kind: ImportErrorKind,
    params: ErrorParams = {},
  ) {
    super(code, kind === "too-large" ? 413 : 400, params);
    this.name = "ImportError";
  }
}
