/**
 * The editor's background loading (issue 18), its pure parts: the address of a chunk (keyset: the
 * position to continue after, never an offset) and how a chunk is put into the segments array.
 * Browser-safe.
 */

/**
 * Rows laid out in the editor page's server HTML (and in the browser's first render, which must
 * match it): enough to fill a tall screen before any script runs (tests/e2e/editor.spec.ts checks
 * 1920×1200 with the sample document). Rows below the screen only cost: with 50, the page's first
 * layout and paint took 77 ms of the renderer's CPU on the 2-core bench machine, with 24, 48 ms
 * (issue 18: it was one of the long tasks of a cold load).
 */
export const SERVER_ROWS = 24;

/** Rows per chunk request. */
export const CHUNK_ROWS = 2_000;

/** Where the first chunk starts: positions begin at 0. */
export const BEFORE_FIRST = -1;

/** A chunk as GET /api/documents/:id/segments?after= answers it. */
export interface SegmentChunk<S> {
  segments: S[];
  /** The position to ask after for the next chunk; null: this was the last. */
  next: number | null;
  /** The document's segment count, when asked for (`total=1`). */
  total?: number;
}

export function chunkAddress(documentId: string, after: number, options: { limit?: number; withTotal?: boolean } = {}): string {
  const { prefix, suffix } = chunkAddressParts(documentId, options);
  return `${prefix}${after}${suffix}`;
}

/** A chunk's address around its `after` (for the page's early loader, which has no imports). */
export function chunkAddressParts(documentId: string, options: { limit?: number; withTotal?: boolean } = {}): { prefix: string; suffix: string } {
  return { prefix: `/api/documents/${encodeURIComponent(documentId)}/segments?after=`, suffix: `&limit=${options.limit ?? CHUNK_ROWS}${options.withTotal ? "&total=1" : ""}` };
}

/**
 * The segments array with a chunk put in at index `from`. `fresh`: the first chunk of a reload
 * (after a join or split renumbered the document) — a new array of `size` slots, nothing kept.
 * A row the event stream already brought newer (someone saved it meanwhile) keeps that version.
 */
export function mergeChunk<S extends { id: string; version: number }>(prev: readonly (S | undefined)[], from: number, rows: readonly S[], size: number, fresh: boolean): (S | undefined)[] {
  const next = fresh ? new Array<S | undefined>(size) : prev.slice();
  next.length = size;
  for (let i = 0; i < rows.length; i++) {
    const s = rows[i]!;
    const held = next[from + i];
    next[from + i] = held && held.id === s.id && held.version > s.version ? held : s;
  }
  return next;
}

/** At most this many rows merged in one render (chunks that arrived while one was being counted). */
export const MERGE_ROWS = 3 * CHUNK_ROWS;

/**
 * The least time between two merges while more chunks are coming. Each merge is a render of the
 * editor (its toolbar, list and counts: ~10–15 ms of the page's thread on the 2-core bench machine
 * for a 50,000-segment document), and on a cold load those renders compete for the cores with the
 * server that is reading the next chunks; a chunk arrives every ~50 ms, and a merge whenever the
 * page had caught up with the chain rendered 11–18 times per cold load (10 with this; progress
 * updates counted in the page). Gathered for this long, the progress still moves four times a second.
 */
export const MERGE_INTERVAL_MS = 250;

/**
 * Whether the loader merges the chunks it holds now (0), after this many ms unless another chunk
 * comes first (> 0), or keeps gathering (-1: the next chunk has already arrived). `last`: the
 * document's last chunk is among them; `rows`: how many are held; `sinceMerge`: ms since the last
 * merge (Infinity before the first, which is not held back: it is the rows below the first screen).
 */
export function mergeNow(input: { last: boolean; chainReady: boolean; rows: number; sinceMerge: number }): number {
  if (input.last || input.rows >= MERGE_ROWS) return 0;
  if (input.chainReady) return -1;
  return input.sinceMerge >= MERGE_INTERVAL_MS ? 0 : Math.ceil(MERGE_INTERVAL_MS - input.sinceMerge);
}

/**
 * When the loader's gathered chunks are merged (`mergeNow`), with the timer for a batch held: the
 * loader calls `added` after each chunk it puts in its batch; `merge` takes the batch and merges it,
 * false when there was nothing to take. `stop` when the loading ends (no merge after that).
 */
export class MergeGate {
  private lastMerge = -Infinity;
  private timer: ReturnType<typeof setTimeout> | undefined;
  private stopped = false;

  constructor(
    private readonly merge: () => boolean,
    private readonly now: () => number = () => performance.now(),
  ) {}

  added(state: { last: boolean; chainReady: boolean; rows: number }): void {
    const wait = mergeNow({ ...state, sinceMerge: this.now() - this.lastMerge });
    if (wait === 0) this.flush();
    else if (wait > 0 && this.timer === undefined) this.timer = setTimeout(() => this.flush(), wait);
  }

  /** Merges what is held now (a chunk's request failed, or its time is up). */
  flush(): void {
    clearTimeout(this.timer);
    this.timer = undefined;
    if (!this.stopped && this.merge()) this.lastMerge = this.now();
  }

  stop(): void {
    this.stopped = true;
    clearTimeout(this.timer);
    this.timer = undefined;
  }
}

/**
 * Consecutive chunks gathered for one merge: their rows in order from the position of the first.
 */
export class ChunkBatch<S> {
  private at = -1;
  private parts: (readonly S[])[] = [];
  /** How many rows are held. */
  rows = 0;

  /** A chunk whose rows start at `at` (where the held ones end, if any are held). */
  add(at: number, rows: readonly S[]) {
    if (this.parts.length === 0) this.at = at;
    else if (at !== this.at + this.rows) throw new Error(`chunk at ${at} does not follow the rows held (${this.at} + ${this.rows})`);
    this.parts.push(rows);
    this.rows += rows.length;
  }

  /** What is held, as one run of rows, and the batch emptied; null when nothing is held. */
  take(): { at: number; rows: readonly S[] } | null {
    if (this.parts.length === 0) return null;
    const taken = { at: this.at, rows: this.parts.length === 1 ? this.parts[0]! : this.parts.flat() };
    this.parts = [];
    this.rows = 0;
    return taken;
  }
}

/**
 * Lets the browser paint and handle input before more work: a new task, queued behind React's
 * render of what was just merged (React's scheduler posts its tasks the same way). A message, not
 * `setTimeout(0)`: timers set from timers are held back 4 ms each after the fifth, and the
 * loader yields two or three times per chunk.
 */
export function yieldToBrowser(): Promise<void> {
  if (typeof MessageChannel !== "function") return new Promise((resolve) => setTimeout(resolve, 0));
  return new Promise((resolve) => {
    const channel = new MessageChannel();
    channel.port1.onmessage = () => {
      channel.port1.close();
      resolve();
    };
    channel.port2.postMessage(null);
  });
}
