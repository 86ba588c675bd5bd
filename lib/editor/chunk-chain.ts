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
 * the page preloads its first chunks from its head, at starts the server planned, and carries a
 * small script (`earlyChunksScript`, twice: async in its head and inline after the rows,
 * app/documents/[documentId]/edit/page.tsx) that takes those up and runs the rest of the chain,
 * keeping the answers on `window`; the editor adopts it when it hydrates (`adoptEarlyChunks`) and
 * takes the chunks in order. A chain the editor starts itself (a reload after a join or split)
 * runs the same chain function.
 */
import { chunkAddressParts, type SegmentChunk } from "./chunk-loading";

/** The window property the early script fills. */
export const EARLY_CHUNKS_KEY = "__duizhaoEarlyChunks";

/** The response header that carries a chunk's `next` ("end" after the last chunk). */
export const NEXT_AFTER_HEADER = "x-duizhao-next-after";

/** A chain's shared state (plain data: the chain function is written in ES5 below). */
interface ChainState {
  documentId: string;
  /** The position the first chunk was asked after. */
  after: number;
  /** Answers by their order in the chain (JSON text, or parsed); one taken by the reader is set to null. */
  chunks: (string | SegmentChunk<unknown> | null | undefined)[];
  /** The first chunk (by order) whose request failed, null while none has. */
  failedAt: number | null;
  stopped: boolean;
  /** Cancels the open requests. */
  abort: (() => void) | null;
  /** Called on every change (the reader waits with it). */
  wake: (() => void) | null;
}

/**
 * The chain proper from `after`, its first chunk numbered `firstOrder`, reporting each answer
 * through `deliver(order, body)`: the chunk's JSON text
 * (the reader parses it when it takes it), the parsed chunk where its `next` had to be read from
 * the body, or null when that request failed. Returns what stops it. Serialised with toString for
 * the early script: ES5, self-contained, no closures over this module.
 */
function chunkChain(after: number, prefix: string, suffix: string, firstSuffix: string, header: string, deliver: (order: number, body: string | object | null) => void, firstOrder: number): () => void {
  var open = 0;
  var asked = firstOrder;
  var waiting: number | null = null;
  var stopped = false;
  var failed = false;
  var controller = typeof AbortController === "function" ? new AbortController() : null;
  function proceed(from: number) {
    if (stopped || failed) return;
    if (open < 2) ask(from);
    else waiting = from;
  }
  function ask(from: number) {
    var order = asked++;
    open++;
    function fail() {
      open--;
      failed = true;
      deliver(order, null);
    }
    fetch(prefix + from + (order === firstOrder ? firstSuffix : suffix), controller ? { signal: controller.signal } : undefined)
      .then(function (response) {
        if (!response.ok) return fail();
        var named = response.headers.get(header);
        if (named !== null && named !== "end") proceed(Number(named));
        return response.text().then(function (text) {
          open--;
          var body: string | SegmentChunk<unknown> = text;
          if (named === null) {
            body = JSON.parse(text) as SegmentChunk<unknown>;
            if (body.next !== null) proceed(body.next);
          } else if (waiting !== null) {
            var next = waiting;
            waiting = null;
            proceed(next);
          }
          deliver(order, body);
        });
      })
      .then(null, fail);
  }
  ask(after);
  return function () {
    stopped = true;
    if (controller) controller.abort();
  };
}

/** Where the chain's answers go on the page: into the state the reader reads (nothing once stopped). */
function receiveInto(state: ChainState) {
  return function (order: number, body: string | object | null) {
    if (state.stopped) return;
    if (body === null) state.failedAt = state.failedAt === null ? order : Math.min(state.failedAt, order);
    else state.chunks[order] = body as SegmentChunk<unknown>;
    if (state.wake) state.wake();
  };
}

/**
 * The early script's start (serialised: ES5). `starts`: where the first chunks begin, as the
 * server planned them when it rendered the page (`plannedChunkStarts`); all but the last are asked
 * for at once (the first `PRELOADED_CHUNKS` of them preloaded from the page's head), the chain goes
 * on from the last — all on the page's own thread. The chain's last home was a worker, so that its
 * requests went out while the page's thread loaded and ran the scripts; on the 2-core bench machine
 * the worker cost more than it saved: receiving a chunk there and posting its text to the page took ~40 ms of CPU
 * per chunk beside the page's own work, and with it a cold 50,000-segment load had 1–4 tasks over
 * 100 ms (each of 40–60 ms of CPU, stretched while the worker took the other core) where without it
 * it had none, and took longer (BENCHMARKS.md). A planned start that is not where the chunk before
 * ended (the document changed since the page was rendered) ends the early chain there: the editor
 * asks again from the chunk before.
 */
function startEarly(state: ChainState, starts: number[], prefix: string, suffix: string, header: string, chain: typeof chunkChain, receive: typeof receiveInto) {
  var deliver = receive(state);
  // For the benches (scripts/bench/editor-*.ts): when the chain started, as the page sees it.
  if (typeof performance === "object" && performance.mark) performance.mark("duizhao:chunks-start");
  var last = starts.length - 1;
  function checkNext(order: number, named: string | null) {
    if (order < last && named !== String(starts[order + 1])) {
      deliver(order + 1, null);
      if (state.abort) state.abort();
    }
  }
  for (var i = 0; i < last; i++)
    (function (order: number) {
      fetch(prefix + starts[order] + suffix)
        .then(function (response) {
          if (!response.ok) return deliver(order, null);
          checkNext(order, response.headers.get(header));
          return response.text().then(function (text) {
            deliver(order, text);
          });
        })
        .then(null, function () {
          deliver(order, null);
        });
    })(i);
  state.abort = chain(starts[last]!, prefix, suffix, suffix, header, deliver, last);
}

function newState(documentId: string, after: number): ChainState {
  return { documentId, after, chunks: [], failedAt: null, stopped: false, abort: null, wake: null };
}

/**
 * The early script's text: starts the chain at `starts[0]` (the position after the rows the page
 * came with; the other planned starts as `plannedChunkStarts` gives them) with the editor's own
 * addresses (`chunkAddressParts`), and leaves its state on `window`. Plain ES5, no imports: it
 * runs before any bundle.
 */
export function earlyChunksScript(documentId: string, starts: number[], address: { prefix: string; suffix: string }): string {
  const json = (value: unknown) => JSON.stringify(value).replace(/</g, "\\u003c");
  const state = json(newState(documentId, starts[0]!));
  const args = [starts, address.prefix, address.suffix, NEXT_AFTER_HEADER].map(json).join(",");
  // Nothing when the editor is already there (it claimed the key): it asks for its chunks itself.
  return `(function(){if(window[${json(EARLY_CHUNKS_KEY)}])return;var s=${state};window[${json(EARLY_CHUNKS_KEY)}]=s;(${startEarly.toString()})(s,${args},${chunkChain.toString()},${receiveInto.toString()});})();`;
}

/**
 * How many chunks the page preloads from its head. Not more: on HTTP/1.1's six connections per
 * host a stylesheet then waited behind them and the first rows painted ~400 ms later (BENCHMARKS.md).
 */
export const PRELOADED_CHUNKS = 2;

/**
 * How many chunks the early script asks for at once (the preloaded ones among them) before its
 * chain goes on from the next: while the page loads and runs its scripts the chain's steps wait for
 * gaps between their tasks, and these keep the server reading meanwhile (cold 50,000-segment load
 * ~10% shorter with 5 than with 2; 8 was slower again, BENCHMARKS.md).
 */
export const EARLY_CHUNKS_AT_ONCE = 5;

/** The chunks of a chain, in order. */
export interface ChunkReader<S> {
  /** The next chunk; null when its request failed or the chain was stopped. */
  next(): Promise<SegmentChunk<S> | null>;
  /** No more requests (the open ones are cancelled); what arrived is let go. */
  stop(): void;
  /** Whether `next` would answer at once: the next chunk has arrived (or the chain has ended). */
  ready(): boolean;
}

function readerOf<S>(state: ChainState): ChunkReader<S> {
  let taken = 0;
  /** Stopped, or the next chunk's request (or one before it) failed: `next` answers null. */
  const ended = () => state.stopped || (state.failedAt !== null && taken >= state.failedAt);
  return {
    ready() {
      return !!state.chunks[taken] || ended();
    },
    next() {
      return new Promise((resolve) => {
        const look = () => {
          const chunk = state.chunks[taken] as string | SegmentChunk<S> | null | undefined;
          const over = ended();
          if (!chunk && !over) {
            state.wake = look;
            return;
          }
          state.wake = null;
          if (over) return resolve(null);
          state.chunks[taken++] = null;
          resolve(typeof chunk === "string" ? (JSON.parse(chunk) as SegmentChunk<S>) : chunk!);
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

/**
 * Starts a chain in the page (a reload after a join or split, its first chunk `withTotal`; a
 * client-side navigation where the early script ran after the editor claimed the chain, or not at
 * all).
 */
export function startChunkChain<S>(documentId: string, after: number, options: { withTotal?: boolean } = {}): ChunkReader<S> {
  const state = newState(documentId, after);
  const { prefix, suffix } = chunkAddressParts(documentId);
  const firstSuffix = chunkAddressParts(documentId, options).suffix;
  state.abort = chunkChain(after, prefix, suffix, firstSuffix, NEXT_AFTER_HEADER, receiveInto(state), 0);
  return readerOf<S>(state);
}

/**
 * Takes over the chain the page's early script started for this document after `after`, or null
 * when there is none (a client-side navigation, where React inserts the early script into the head
 * and the editor may hydrate before it runs; another document; already adopted — React's
 * development double mount starts its own).
 */
export function adoptEarlyChunks<S>(documentId: string, after: number): ChunkReader<S> | null {
  // The page's window (globalThis in a browser; nothing was left there on the server).
  const holder = globalThis as unknown as Record<string, ChainState | { claimed: true } | undefined>;
  const state = holder[EARLY_CHUNKS_KEY];
  // Claimed from here on: an early script that runs only now (after a client-side navigation)
  // starts nothing.
  holder[EARLY_CHUNKS_KEY] = { claimed: true };
  if (!state || !("documentId" in state) || state.documentId !== documentId || state.after !== after || state.stopped) return null;
  return readerOf<S>(state);
}
