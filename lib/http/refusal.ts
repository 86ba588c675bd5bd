import { ImportError } from "@/lib/documents/import-error";
import { CodedError } from "./coded-error";

/**
 * A request the rules refuse for a reason the person can fix (an unfinished document, a member
 * without the right role…). Actions and routes report it with its message, as 409 unless another
 * status says it better (413 for a file over the upload limit).
 */
export class Refusal extends Error {
  constructor(
    message: string,
    readonly status = 409,
  ) {
    super(message);
    this.name = "Refusal";
  }

  /** An import that cannot go ahead, for the person importing: 413 when the file is too large, else 409; its code and message kept. */
  static ofImport(error: ImportError): CodedError {
    return new CodedError(error.code, error.kind === "too-large" ? 413 : 409, error.params, error.details);
  }
}
