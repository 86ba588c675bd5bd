import { expect, test } from "@playwright/test";
import { DEMO, e2eDatabase, SAME_ORIGIN, seedDocumentId, signIn } from "./helpers";

// Issue 18: without a compressing proxy in front, the app itself gzips what is worth it — the
// editor's chunks of segments (brotli where the browser takes it), pages and scripts — and leaves
// small answers as they are.

test("the chunks, pages and scripts come compressed; the save answers uncompressed", async ({ page }) => {
  await signIn(page, DEMO.translator);
  const gzip = { headers: { "accept-encoding": "gzip" } };

  const chunk = await page.request.get(`/api/documents/${seedDocumentId()}/segments`, gzip);
  expect(chunk.status()).toBe(200);
  expect(chunk.headers()["content-encoding"]).toBe("gzip");
  // Decoded as any client decodes it: the segments are all there.
  expect(((await chunk.json()) as { segments: unknown[] }).segments.length).toBeGreaterThan(50);

  // The editor's keyset chunk is compressed by its route in one piece (lib/http/compressed-json.ts):
  // brotli for a browser that takes it, gzip for one that does not; the next position in a header.
  for (const [accept, encoding] of [["gzip, deflate, br, zstd", "br"], ["gzip", "gzip"]] as const) {
    const keyset = await page.request.get(`/api/documents/${seedDocumentId()}/segments?after=-1&limit=2000`, { headers: { "accept-encoding": accept } });
    expect(keyset.headers()["content-encoding"]).toBe(encoding);
    const body = (await keyset.json()) as { segments: unknown[]; next: number | null };
    expect(body.segments.length).toBeGreaterThan(50);
    expect(keyset.headers()["x-duizhao-next-after"]).toBe(body.next === null ? "end" : String(body.next));
  }

  const html = await page.request.get(`/documents/${seedDocumentId()}/edit`, gzip);
  expect(html.headers()["content-encoding"]).toBe("gzip");
  const script = /<script src="(\/_next\/static\/[^"]+\.js)"/.exec(await html.text())?.[1];
  expect(script).toBeTruthy();
  const js = await page.request.get(script!, gzip);
  expect(js.headers()["content-encoding"]).toBe("gzip");
  // Scripts come from copies compressed at build time (scripts/static-assets.mjs): Brotli where
  // the browser takes it, the same script once decoded.
  const jsBrotli = await page.request.get(script!, { headers: { "accept-encoding": "gzip, deflate, br, zstd" } });
  expect(jsBrotli.headers()["content-encoding"]).toBe("br");
  expect((await jsBrotli.body()).equals(await js.body())).toBe(true);
  expect((await js.body()).length).toBeGreaterThan(1_000);

  // The save, the busiest request, is answered before Next (scripts/start-server.mjs): a small JSON
  // answer, never compressed. Based on a version the segment has not reached, it is a conflict —
  // the save's full answer (the current text, who wrote it) without changing the seed others test.
  const db = e2eDatabase();
  const segment = (() => {
    try {
      return db.prepare(`SELECT id, version FROM "Segment" WHERE documentId = ? AND kind = 'paragraph' AND removedAt IS NULL ORDER BY position LIMIT 1`).get(seedDocumentId()) as { id: string; version: number };
    } finally {
      db.close();
    }
  })();
  const save = await page.request.post(`/api/segments/${segment.id}/save`, {
    headers: { ...SAME_ORIGIN, "accept-encoding": "gzip" },
    data: { target: "Not written: a conflict.", baseVersion: segment.version + 1, confirm: false },
  });
  // A conflict on the seed as installed; a refusal if a test before this one approved the segment
  // (the permission is checked first). Either is the fast path's JSON, and neither writes.
  expect([409, 403]).toContain(save.status());
  expect(Object.keys((await save.json()) as object)).toContain(save.status() === 409 ? "conflict" : "error");
  expect(save.headers()["content-encoding"]).toBeUndefined();
});
