import createClient from "openapi-fetch";
import type { paths } from "@/lib/api/api-v1-schema";
import type { CliIO } from "../main";
import type { RemoteOptions } from "./target";

/**
 * `duizhao … --server URL --token T` (or DUIZHAO_SERVER / DUIZHAO_TOKEN): the commands talk to a
 * remote Duizhao through its public API (/api/v1) instead of opening a database. The client is
 * typed from the API's OpenAPI description (lib/api/api-v1-schema.d.ts, openapi-fetch), so a call
 * the description does not allow does not compile.
 */

/** A failure the command reports in one message, with the exit code (1: it failed, 2: usage). */
export class RemoteFailure extends Error {
  constructor(
    message: string,
    readonly exitCode = 1,
  ) {
    super(message);
  }
}

export type ApiClient = ReturnType<typeof createClient<paths>>;

/** The longest Retry-After the command waits out by itself; a longer one is reported instead. */
const MAX_RETRY_WAIT_SECONDS = 120;

/** Seconds from a Retry-After header (seconds or an HTTP date); null when absent or unreadable. */
export function retryAfterSeconds(header: string | null, now = Date.now()): number | null {
  if (!header) return null;
  if (/^\d+$/.test(header.trim())) return Number(header.trim());
  const at = Date.parse(header);
  return Number.isNaN(at) ? null : Math.max(0, Math.ceil((at - now) / 1000));
}

const isLoopback = (host: string) => host === "localhost" || host === "[::1]" || /^127\./.test(host);

/**
 * The typed client for one remote server. Every request carries the token; a 429 is waited out
 * once (Retry-After, up to two minutes) and tried again; a server that cannot be reached is a
 * RemoteFailure naming it.
 */
export function connect(remote: RemoteOptions, io: CliIO, options: { fetch?: typeof fetch; sleep?: (ms: number) => Promise<void> } = {}): ApiClient {
  const send = options.fetch ?? fetch;
  const sleep = options.sleep ?? ((ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms)));
  const url = new URL(remote.server);
  if (url.protocol === "http:" && !isLoopback(url.hostname)) io.err(`Warning: ${remote.server} is plain http, so the token crosses the network unencrypted. Use https:// where you can.`);
  const reach = async (request: Request): Promise<Response> => {
    try {
      return await send(request);
    } catch (error) {
      const cause = (error as { cause?: { code?: string; message?: string } }).cause;
      throw new RemoteFailure(`Cannot reach ${remote.server}: ${cause?.code ?? cause?.message ?? (error as Error).message}. Check the address (--server or DUIZHAO_SERVER).`);
    }
  };
  return createClient<paths>({
    baseUrl: `${remote.server}/api/v1`,
    headers: { authorization: `Bearer ${remote.token}`, "accept-language": "en", "user-agent": "duizhao-cli/1" },
    fetch: async (request: Request) => {
      // Kept before sending: a request's body can be read once, and a retry needs it again.
      const spare = request.clone();
      const response = await reach(request);
      if (response.status !== 429) return response;
      const wait = retryAfterSeconds(response.headers.get("retry-after"));
      if (wait === null || wait > MAX_RETRY_WAIT_SECONDS) return response;
      await response.body?.cancel();
      io.err(`${remote.server} asks this token to slow down: waiting ${wait} s, then trying once more.`);
      await sleep(wait * 1000);
      return reach(spare);
    },
  });
}

interface ApiErrorBody {
  error?: { code?: string; message?: string; details?: { issues?: { path: string; message: string }[]; required?: string; retryAfterSeconds?: number } };
}

/**
 * One sentence for a refused call, by status. `what` names the attempt ("Export of …"); `notFound`
 * says what a 404 means for this call.
 */
export function refusal(remote: RemoteOptions, what: string, response: Response, body: unknown, notFound?: string): RemoteFailure {
  const error = (body as ApiErrorBody | undefined)?.error;
  const said = error?.message ? ` (the server says: ${error.message.replace(/\s+$/, "")})` : "";
  switch (response.status) {
    case 401:
      return new RemoteFailure(`${remote.server} did not accept the token: it is unknown, expired or revoked. Create one on ${remote.server}/account and pass it with --token or DUIZHAO_TOKEN.`);
    case 403:
      if (error?.code === "insufficient-scope")
        return new RemoteFailure(`${what} needs a token with the "${error.details?.required ?? "?"}" scope, and this token does not have it. Create one with that scope on ${remote.server}/account.`);
      return new RemoteFailure(`${what} is not allowed for this token's user${said}.`);
    case 404:
      return new RemoteFailure(notFound ?? `${what}: not found on ${remote.server}, or not visible to this token${said}.`);
    case 409:
      return new RemoteFailure(`${what} was refused${said}.`);
    case 413:
      return new RemoteFailure(`${what}: the file is larger than ${remote.server} accepts${said}. Nothing was created.`);
    case 422: {
      const issues = (error?.details?.issues ?? []).map((i) => `\n  ${i.path || "(request)"}: ${i.message}`).join("");
      return new RemoteFailure(`${what} was refused: ${error?.message ?? "the request is not valid"}${issues}`);
    }
    case 429: {
      const wait = retryAfterSeconds(response.headers.get("retry-after"));
      return new RemoteFailure(`${remote.server} is still limiting this token's requests${wait !== null ? `: try again in ${wait} s` : ""}.`);
    }
    default:
      return new RemoteFailure(`${what} failed: ${remote.server} answered HTTP ${response.status}${said}.`);
  }
}
