/**
 * A request the rules refuse for a reason the person can fix (an unfinished document, a member
 * without the right role…). Actions and routes report it as 409 with its message.
 */
export class Refusal extends Error {
  readonly status = 409;
  constructor(message: string) {
    super(message);
    this.name = "Refusal";
  }
}
