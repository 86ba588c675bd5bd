import { ImportError } from "@/lib/documents/import-error";

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

  /** An import that cannot go ahead, for the person importing: 413 when the file is too large. */
  static ofImport(error: ImportError): Refusal {
    return new Refusal(error.message, error.code === "too-large" ? 413 : 409);
  }
}
