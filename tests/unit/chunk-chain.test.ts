/**
 * lib/editor/chunk-chain.ts (issue 18): the editor's chain of chunk requests — the next asked for
 * on the previous answer's headers, never more than two open, in order whatever order bodies
 * finish in — as the page's inline script runs it (its text evaluated with a stand-in window and
 * fetch) and as the editor adopts it or starts its own.
 */
import { afterEach, describe, expect, it } from "vitest";
import { scriptAddress } from "@/lib/http/script-address";
import { adoptEarlyChunks, EARLY_CHUNKS_KEY, earlyChunksScript, NEXT_AFTER_HEADER, startChunkChain } from "@/lib/editor/chunk-chain";
import { BEFORE_FIRST, chunkAddress, chunkAddressParts, CHUNK_ROWS } from "@/lib/editor/chunk-loading";

type Row = { id: string; version: number; position: number };
const DOC = "doc-1";
const ROWS = 9_500; // five chunks of 2,000 after position -1, the last one short

function rowsAfter(after: number, limit: number): Row[] {
  const rows: Row[] = [];
  for (let p = after + 1; p < ROWS && rows.length < limit; p++) rows.push({ id: `s${p}`, version: 1, position: p });
  return rows;
}

/**
 * A stand-in server: each request's headers come when the test says (`answerNext`), its body a
 * turn later; `header: false` as a proxy that drops the header; `failAt` answers that request 500.
 */
function fakeServer(options: { header?: boolean; failAt?: number } = {}) {
  const log: { url: string; withTotal: boolean }[] = [];
  const waiting: (() => void)[] = [];
  let open = 0;
  let maxOpen = 0;
  const fetch = (url: string, init?: { signal?: AbortSignal }) => {
    const params = new URL(url, "http://test").searchParams;
    const after = Number(params.get("after"));
    const limit = Number(params.get("limit"));
    const order = log.length;
    log.push({ url, withTotal: params.get("total") === "1" });
    open++;
    maxOpen = Math.max(maxOpen, open);
    return new Promise((resolve, reject) => {
      init?.signal?.addEventListener("abort", () => reject(new DOMException("aborted", "AbortError")));
      waiting.push(() => {
        const segments = rowsAfter(after, limit);
        const next = after + segments.length < ROWS - 1 ? segments.at(-1)!.position : null;
        const failed = order === options.failAt;
        if (failed) open--;
        resolve({
          ok: !failed,
          status: failed ? 500 : 200,
          headers: { get: (name: string) => (name === NEXT_AFTER_HEADER && options.header !== false ? (next === null ? "end" : String(next)) : null) },
          text: () =>
            new Promise((done) =>
              setTimeout(() => {
                open--;
                done(JSON.stringify({ segments, next, ...(params.get("total") === "1" ? { total: ROWS } : {}) }));
              }, 0),
            ),
        });
      });
    });
  };
  return {
    fetch,
    log,
    get maxOpen() {
      return maxOpen;
    },
    /** Lets the oldest waiting request answer; false when none waits. */
    answerNext() {
      const answer = waiting.shift();
      answer?.();
      return !!answer;
    },
  };
}

const turn = () => new Promise((resolve) => setTimeout(resolve, 1));

/** Answers every request as it comes until the reader has everything (or `until` says stop). */
async function drain(server: ReturnType<typeof fakeServer>, read: () => Promise<Row[][]>) {
  const result = read();
  let done = false;
  void result.finally(() => (done = true));
  while (!done) {
    server.answerNext();
    await turn();
  }
  return result;
}

async function readAll(next: () => Promise<{ segments: Row[]; next: number | null } | null>): Promise<Row[][]> {
  const chunks: Row[][] = [];
  for (;;) {
    const chunk = await next();
    if (!chunk) return chunks;
    chunks.push(chunk.segments);
    if (chunk.next === null) return chunks;
  }
}

/**
 * Runs the page's inline script with a stand-in window and fetch (the browser's globals).
 */
function runInlineScript(server: ReturnType<typeof fakeServer>, after: number, plannedStarts: number[] = [], script = earlyChunksScript(DOC, [after, ...plannedStarts], chunkAddressParts(DOC))) {
  const window = globalThis as unknown as Record<string, unknown>;
  new Function("window", "fetch", script)(window, server.fetch);
}

const realFetch = globalThis.fetch;
/** The page's fetch for a chain the editor starts itself. */
const useFetch = (server: ReturnType<typeof fakeServer>) => (globalThis.fetch = server.fetch as unknown as typeof fetch);
afterEach(() => {
  delete (globalThis as Record<string, unknown>)[EARLY_CHUNKS_KEY];
  globalThis.fetch = realFetch;
});

describe("the chunk chain", () => {
  it("the inline script asks for every chunk by the editor's own addresses, two open at most, and the editor takes them in order", async () => {
    const server = fakeServer();
    runInlineScript(server, 99);
    expect(server.log.map((r) => r.url)).toEqual([chunkAddress(DOC, 99)]); // the preloaded address
    // Before the editor hydrates, chunks arrive and wait on window.
    for (let i = 0; i < 3; i++) {
      server.answerNext();
      await turn();
    }
    const reader = adoptEarlyChunks<Row>(DOC, 99)!;
    expect(reader).not.toBeNull();
    expect(adoptEarlyChunks<Row>(DOC, 99)).toBeNull(); // adopted once
    const chunks = await drain(server, () => readAll(() => reader.next()));
    expect(chunks.flat().map((r) => r.position)).toEqual(Array.from({ length: ROWS - 100 }, (_, i) => i + 100));
    expect(server.maxOpen).toBe(2);
    expect(server.log.map((r) => r.url)).toEqual([99, 2099, 4099, 6099, 8099].map((after) => chunkAddress(DOC, after)));
  });

  it("the page's two copies of the early script (async from a data: address, then inline) start one chain", async () => {
    const server = fakeServer();
    const script = earlyChunksScript(DOC, [99, 2099], chunkAddressParts(DOC));
    const address = scriptAddress(script);
    expect(address.startsWith("data:text/javascript,")).toBe(true);
    runInlineScript(server, 99, [], decodeURIComponent(address.slice("data:text/javascript,".length)));
    const started = (globalThis as Record<string, unknown>)[EARLY_CHUNKS_KEY];
    runInlineScript(server, 99, [], script);
    expect((globalThis as Record<string, unknown>)[EARLY_CHUNKS_KEY]).toBe(started);
    expect(server.log.map((r) => r.url)).toEqual([chunkAddress(DOC, 99), chunkAddress(DOC, 2099)]);
    const reader = adoptEarlyChunks<Row>(DOC, 99)!;
    const chunks = await drain(server, () => readAll(() => reader.next()));
    expect(chunks.flat().map((r) => r.position)).toEqual(Array.from({ length: ROWS - 100 }, (_, i) => i + 100));
    expect(server.log).toHaveLength(5);
  });

  it("with the starts the server planned, the first chunks are asked for at once (the page's preloads) and the chain goes on from the last", async () => {
    const server = fakeServer();
    runInlineScript(server, 99, [2099, 4099]);
    expect(server.log.map((r) => r.url)).toEqual([chunkAddress(DOC, 99), chunkAddress(DOC, 2099), chunkAddress(DOC, 4099)]);
    const reader = adoptEarlyChunks<Row>(DOC, 99)!;
    const chunks = await drain(server, () => readAll(() => reader.next()));
    expect(chunks.flat().map((r) => r.position)).toEqual(Array.from({ length: ROWS - 100 }, (_, i) => i + 100));
    expect(server.log).toHaveLength(5);
  });

  it("a planned start that is not where the chunk before ended (the document changed) ends the early chain after that chunk", async () => {
    const server = fakeServer();
    runInlineScript(server, 99, [2100, 4099]); // chunk 0 will say 2099
    const reader = adoptEarlyChunks<Row>(DOC, 99)!;
    const chunks = await drain(server, () => readAll(() => reader.next()));
    expect(chunks.map((c) => c[0]!.position)).toEqual([100]);
  });

  it("the next request goes out on the headers, before the body is read", async () => {
    const server = fakeServer();
    runInlineScript(server, 99);
    server.answerNext(); // headers of the first
    await Promise.resolve();
    await Promise.resolve();
    expect(server.log).toHaveLength(2);
  });

  it("without the header (a proxy dropped it) the chain goes on from each body's `next`, one at a time", async () => {
    const server = fakeServer({ header: false });
    useFetch(server);
    const reader = startChunkChain<Row>(DOC, 99);
    const chunks = await drain(server, () => readAll(() => reader.next()));
    expect(chunks.flat()).toHaveLength(ROWS - 100);
    expect(server.maxOpen).toBe(1);
  }, 10_000);

  it("a failed request ends the chain there: the chunks before it are given, then null (the editor asks again from there)", async () => {
    const server = fakeServer({ failAt: 2 });
    runInlineScript(server, 99);
    const reader = adoptEarlyChunks<Row>(DOC, 99)!;
    const chunks = await drain(server, () => readAll(() => reader.next()));
    expect(chunks.map((c) => c[0]!.position)).toEqual([100, 2100]);
  });

  it("a reload's chain asks for the total with its first chunk only", async () => {
    const server = fakeServer();
    useFetch(server);
    const reader = startChunkChain<Row>(DOC, BEFORE_FIRST, { withTotal: true });
    const chunks = await drain(server, () => readAll(() => reader.next()));
    expect(chunks.flat()).toHaveLength(ROWS);
    expect(server.log.map((r) => r.withTotal)).toEqual([true, false, false, false, false]);
    expect(chunks[0]).toHaveLength(CHUNK_ROWS);
  });

  it("the reader says whether the next chunk is already there (the editor merges those with the one before)", async () => {
    const server = fakeServer();
    runInlineScript(server, 99);
    const reader = adoptEarlyChunks<Row>(DOC, 99)!;
    expect(reader.ready()).toBe(false);
    for (let i = 0; i < 2; i++) {
      server.answerNext();
      await turn();
      await turn();
    }
    expect(server.log).toHaveLength(3); // two answered, the third asked
    expect(reader.ready()).toBe(true);
    expect((await reader.next())!.segments[0]!.position).toBe(100);
    expect(reader.ready()).toBe(true); // the second arrived too
    expect((await reader.next())!.segments[0]!.position).toBe(2100);
    expect(reader.ready()).toBe(false);
    reader.stop();
    expect(reader.ready()).toBe(true); // ended: next answers null at once
    expect(await reader.next()).toBeNull();
  });

  it("stop cancels the open requests and gives null to a waiting reader", async () => {
    const server = fakeServer();
    runInlineScript(server, 99);
    const reader = adoptEarlyChunks<Row>(DOC, 99)!;
    const waiting = reader.next();
    reader.stop();
    expect(await waiting).toBeNull();
    server.answerNext();
    await turn();
    expect(server.log).toHaveLength(1);
  });

  it("another document's or position's early chain is not adopted; once the editor has looked, a late script starts nothing", async () => {
    for (const [documentId, after] of [["another", 99], [DOC, 5]] as const) {
      delete (globalThis as Record<string, unknown>)[EARLY_CHUNKS_KEY];
      runInlineScript(fakeServer(), 99);
      expect(adoptEarlyChunks<Row>(documentId, after)).toBeNull();
    }
    delete (globalThis as Record<string, unknown>)[EARLY_CHUNKS_KEY];
    expect(adoptEarlyChunks<Row>(DOC, 99)).toBeNull(); // the editor first: nothing there, so it asks itself…
    const late = fakeServer();
    runInlineScript(late, 99); // …and the script that runs after it asks for nothing
    expect(late.log).toHaveLength(0);
  });
});
