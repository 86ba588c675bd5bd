/**
 * Posts a file to one of the upload routes (lib/http/upload-route.ts): the file itself as the
 * body, which the browser reads from disk as it sends and the server reads as it arrives (no
 * multipart form to gather and decode), its name and `options` in the query. Answers the route's
 * JSON, or its refusal (message in the person's language, code, status); throws when the request
 * itself failed (network, or refused before the app saw it): callers show the upload-limit hint.
 */
export async function postUpload<T extends object>(url: string, file: File, options: Record<string, string | undefined> = {}): Promise<({ ok: true } & T) | { ok: false; error: string; code?: string; status: number }> {
  const query = new URLSearchParams({ name: file.name });
  for (const [key, value] of Object.entries(options)) if (value !== undefined) query.set(key, value);
  const response = await fetch(`${url}?${query}`, { method: "POST", headers: { "content-type": "application/octet-stream" }, body: file });
  const body = (await response.json().catch(() => null)) as (T & { error?: unknown; code?: string }) | null;
  if (response.ok && body) return { ok: true, ...body };
  if (body && typeof body.error === "string") return { ok: false, error: body.error, code: body.code, status: response.status };
  throw new Error(`the upload failed (${response.status})`);
}
