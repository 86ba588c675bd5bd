/**
 * An import that cannot go ahead, with a message meant for the person importing. Thrown before
 * anything is written, so a failed import never leaves a half-made document behind.
 */
export class ImportError extends Error {
  constructor(
    message: string,
    readonly code:
      | "empty"
      | "too-large"
      | "binary"
      | "unknown-encoding"
      | "unsupported-type"
      | "invalid-request"
      | "invalid-file",
  ) {
    super(message);
    this.name = "ImportError";
  }
}
