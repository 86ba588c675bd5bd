/**
 * Requests as Duizhao's own pages send them to a route handler: JSON, from the same origin
 * (the cross-site guard in lib/http/json-route.ts refuses anything else).
 */
export const TEST_ORIGIN = "http://test";

export function jsonRequest(url: string, body?: unknown, method = "POST", headers: Record<string, string> = {}): Request {
  return new Request(url, {
    method,
    headers: { "content-type": "application/json", origin: TEST_ORIGIN, "sec-fetch-site": "same-origin", ...headers },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
}
