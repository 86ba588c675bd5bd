/**
 * A JSON answer as data — a status and a body — rather than a fetch Response. Route handlers turn
 * it into a Response (jsonRoute); the save's fast path (lib/http/save-fast-path.ts) writes it
 * straight to the Node response, without building a Response, its Headers and a body stream it
 * would read back. Both write the same bytes: `JSON.stringify(body)` as `application/json`,
 * which is what `Response.json` does.
 */
export class JsonAnswer {
  constructor(
    readonly status: number,
    readonly body: unknown,
  ) {}

  toResponse(): Response {
    return Response.json(this.body, { status: this.status });
  }
}

/**
 * What the guards and the language choice read of a request: its URL and its headers. A fetch
 * Request is one; so is a raw Node request seen through lib/http/node-request.ts.
 */
export interface RequestHead {
  readonly url: string;
  readonly headers: { get(name: string): string | null };
}
