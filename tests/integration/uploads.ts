/**
 * Files as Duizhao's pages post them to an upload route (lib/http/upload-route.ts,
 * components/ui/post-upload.ts): the file itself as the body, streamed, with its length; its name
 * and the options in the query; from the same origin.
 */
import { TEST_ORIGIN } from "./requests";

export function uploadRequest(url: string, file: File, options: Record<string, string> = {}, headers: Record<string, string> = {}): Request {
  const query = new URLSearchParams({ name: file.name, ...options });
  return new Request(`${url}?${query}`, {
    method: "POST",
    headers: { "content-type": "application/octet-stream", "content-length": String(file.size), origin: TEST_ORIGIN, "sec-fetch-site": "same-origin", ...headers },
    body: file.stream(),
    duplex: "half",
  } as RequestInit);
}

/** A route's answer as the pages read it: its JSON with `ok: true`, or its refusal with the status. */
export async function answerOf<T extends object>(response: Response | Promise<Response>): Promise<({ ok: true } & T) | { ok: false; error: string; code?: string; status: number }> {
  const r = await response;
  const body = (await r.json()) as T & { error?: string; code?: string };
  return r.ok ? { ok: true, ...body } : { ok: false, error: String(body.error), code: body.code, status: r.status };
}

type Handler = (request: Request, context: { params: Promise<Record<string, string>> }) => Promise<Response>;

/** Posts `file` to a route module's POST with its route parameters. */
export function post(route: { POST: unknown }, params: Record<string, string>, file: File, options: Record<string, string> = {}): Promise<Response> {
  return (route.POST as Handler)(uploadRequest("http://test/upload", file, options), { params: Promise.resolve(params) });
}
