/**
 * The editor's background chunks as a chain of requests (issue 18), and how the page starts that
 * chain before its scripts have loaded. Browser-safe.
 *
 * The chain: each chunk's answer names the position to continue after in a header
 * (`NEXT_AFTER_HEADER`), so the next request goes out as soon as the headers arrive — the server
 * reads chunk k+1 while chunk k's body travels and is parsed, and the chain does not wait for the
 * page's main thread to parse a megabyte of JSON between requests. At most two requests are open
 * (one being read by the server, one being received), so chunks never take all of the browser's
 * connections to the server from a save. Without the header (a proxy that drops it) the chain
 * continues from each body's `next`, one request at a time.
 *
 * Early start: on a first visit the scripts download and compile for ~0.5 s before React hydrates;
 * a chain started by the editor's effect would begin only then, with the server idle meanwhile. So
 * the page carries a small inline script (`earlyChunksScript`) that starts the chain as soon as the
 * HTML is parsed and keeps the parsed chunks on `window`; the editor adopts it when it hydrates
 * (`adoptEarlyChunks`) and takes the chunks in order. Both run the one chain function below.
 */
import type { SegmentChunk } from "./chunk-loading";

/** The window property the inline script fills. */
export const EARLY_CHUNKS_KEY = "__duizhaoEarlyChunks";

/** The response header that carries a chunk's `next` ("end" after the last chunk). */
export const NEXT_AFTER_HEADER = "x-duizhao-next-after";

/** A chain's shared state (plain data: the chain function is written in ES5 below). */
interface ChainState {
  documentId: string;
  /** The position the first chunk was asked after. */
  after: number;
  /** Parsed answers by their order in the chain; one taken by the reader is set to null. */
  chunks: (SegmentChunk<unknown> | null | undefined)[];
  /** The first chunk (by order) whose request failed, null while none has. */
  failedAt: number | null;
  stopped: boolean;
  /** Cancels the open requests. */
  abort: (() => void) | null;
  /** Called on every change (the reader waits with it). */
  wake: (() => void) | null;
}

/* The chain (serialised with toString for the inline script: ES5, self-contained, no closures). */
function runChunkChain(state: ChainState, prefix: string, suffix: string, firstSuffix: string, header: string) {
  var open = 0;
  var asked = 0;
  var waiting: number | null = null;
  var controller = typeof AbortController === "function" ? new AbortController() : null;
  state.abort = function () {
    if (controller) controller.abort();
  };
  function tell() {
    if (state.wake) state.wake();
  }
  function proceed(from: number) {
    if (state.stopped || state.failedAt !== null) return;
    if (open < 2) ask(from);
    else waiting = from;
  }
  function ask(from: number) {
    var order = asked++;
    open++;
    function fail() {
      open--;
      state.failedAt = state.failedAt === null ? order : Math.min(state.failedAt, order);
      tell();
    }
    fetch(prefix + from + (order === 0 ? firstSuffix : suffix), controller ? { signal: controller.signal } : undefined).then(function (response) {
      if (!response.ok) return fail();
      var named = response.headers.get(header);
      if (named !== null && named !== "end") proceed(Number(named));
      return response.json().then(function (chunk: SegmentChunk<unknown>) {
        open--;
        state.chunks[order] = chunk;
        if (named === null && chunk.next !== null) proceed(chunk.next);
        else if (waiting !== null) {
          var from = waiting;
          waiting = null;
          proceed(from);
        }
        tell();
      });
    }).then(null, fail);
  }
  ask(state.after);
}

function newState(documentId: string, after: number): ChainState {
  return { documentId, after, chunks: [], failedAt: null, stopped: false, abort: null, wake: null };
}

/**
 * The inline script's text: starts the chain at `after` with the addresses `prefix + after + suffix`
 * (`chunkAddressParts`: the editor's own, so the first request takes up the response the page's
 * head preloaded) and leaves its state on `window`. Plain ES5, no imports: it runs before any bundle.
 */
export function earlyChunksScript(documentId: string, after: number, address: { prefix: string; suffix: string }): string {
  const json = (value: unknown) => JSON.stringify(value).replace(/</g, "\\u003c");
  const state = json(newState(documentId, after));
  return `(function(){var s=${state};window[${json(EARLY_CHUNKS_KEY)}]=s;(${runChunkChain.toString()})(s,${[address.prefix, address.suffix, address.suffix, NEXT_AFTER_HEADER].map(json).join(",")});})();`;
}

/** The chunks of a chain, in order. */
export interface ChunkReader<S> {
  /** The next chunk; null when its request failed or the chain was stopped. */
  next(): Promise<SegmentChunk<S> | null>;
  /** No more requests (the open ones are cancelled); what arrived is let go. */
  stop(): void;
}

function readerOf<S>(state: ChainState): ChunkReader<S> {
  let taken = 0;
  return {
    next() {
      return new Promise((resolve) => {
        const look = () => {
          const chunk = state.chunks[taken] as SegmentChunk<S> | null | undefined;
          const ended = state.stopped || (state.failedAt !== null && taken >= state.failedAt);
          if (!chunk && !ended) {
            state.wake = look;
            return;
          }
          state.wake = null;
          if (ended) return resolve(null);
          state.chunks[taken++] = null;
          resolve(chunk!);
        };
        look();
      });
    },
    stop() {
      state.stopped = true;
      state.abort?.();
      state.chunks.length = 0;
      state.wake?.();
    },
  };
}

/** Starts a chain in the page (a reload after a join or split; a client-side navigation, which runs no inline script). */
export function startChunkChain<S>(documentId: string, after: number, address: { prefix: string; suffix: string; firstSuffix: string }): ChunkReader<S> {
  const state = newState(documentId, after);
  runChunkChain(state, address.prefix, address.suffix, address.firstSuffix, NEXT_AFTER_HEADER);
  return readerOf<S>(state);
}

/**
 * Takes over the chain the page's inline script started for this document after `after`, or null
 * when there is none (a client-side navigation; another document; already adopted — React's
 * development double mount starts its own).
 */
export function adoptEarlyChunks<S>(documentId: string, after: number): ChunkReader<S> | null {
  // The page's window (globalThis in a browser; nothing was left there on the server).
  const holder = globalThis as unknown as Record<string, ChainState | undefined>;
  const state = holder[EARLY_CHUNKS_KEY];
  if (!state || state.documentId !== documentId || state.after !== after || state.stopped) return null;
  delete holder[EARLY_CHUNKS_KEY];
  return readerOf<S>(state);
}
