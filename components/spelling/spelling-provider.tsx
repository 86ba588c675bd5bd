"use client";

import { createContext, useCallback, useContext, useEffect, useLayoutEffect, useMemo, useRef, useState } from "react";
import { glossaryWords } from "@/lib/spelling/known-words";
import type { WordToken } from "@/lib/spelling/tokenize";
import type { FromWorker, ToWorker } from "./spell-protocol";

export interface SpellingApi {
  /** Loaded and answering. */
  ready: boolean;
  /** Changes when the known words change, so marks are checked again. */
  generation: number;
  canEdit: boolean;
  check: (text: string) => Promise<{ misspellings: WordToken[]; ms: number }>;
  checkMany: (texts: string[]) => Promise<string[][]>;
  suggest: (word: string) => Promise<string[]>;
  /** Adds a word to the project dictionary on the server; null when done, else the error to show. */
  addWord: (word: string) => Promise<string | null>;
}

const SpellingContext = createContext<SpellingApi | null>(null);
const HoldContext = createContext<((hold: boolean) => void) | null>(null);

/** The spelling check of the editor, or null outside a SpellingProvider (or for a non-English target). */
export const useSpelling = () => useContext(SpellingContext);

/**
 * While `hold` is true the spelling worker is not started (the editor loading a large document:
 * the dictionary would take a core from it). Once started, the worker stays.
 */
/** The longest the editor's loading may hold the spelling worker back. */
const MAX_HOLD_MS = 15_000;

export function useHoldSpellingStart(hold: boolean) {
  const setHold = useContext(HoldContext);
  // A layout effect: the provider's start is scheduled in its own (passive) effect, after this.
  useLayoutEffect(() => setHold?.(hold), [setHold, hold]);
}

/**
 * Owns the editor's spelling worker. It is started after the editor has painted (when the
 * browser is idle), loads the dictionary of the project's English once, and knows the project's
 * words: the glossary's English and the project dictionary, which "Add to dictionary" extends.
 */
export function SpellingProvider(props: {
  projectId: string;
  /** en-US or en-GB; null: no spelling check (not English). */
  locale: string | null;
  glossary: { target: string; forbidden?: boolean }[];
  words: string[];
  canEdit: boolean;
  children: React.ReactNode;
}) {
  const worker = useRef<Worker | null>(null);
  const pending = useRef(new Map<number, (message: FromWorker) => void>());
  const nextId = useRef(1);
  const [ready, setReady] = useState(false);
  const [words, setWords] = useState(props.words);
  const known = useMemo(() => [...glossaryWords(props.glossary), ...words], [props.glossary, words]);
  const [generation, setGeneration] = useState(0);
  const knownRef = useRef(known);
  knownRef.current = known;

  // Held by the editor while it loads a large document (useHoldSpellingStart) — for at most
  // MAX_HOLD_MS, so a load that stalls or fails never leaves the translator without spelling marks.
  const [holdRequested, setHeld] = useState(false);
  const [holdExpired, setHoldExpired] = useState(false);
  useEffect(() => {
    if (!holdRequested) return;
    const timer = setTimeout(() => setHoldExpired(true), MAX_HOLD_MS);
    return () => clearTimeout(timer);
  }, [holdRequested]);
  const held = holdRequested && !holdExpired;
  const locale = props.locale;
  useEffect(() => {
    if (!locale || typeof Worker === "undefined" || held || worker.current) return;
    let cancelled = false;
    const start = () => {
      if (cancelled) return;
      const w = new Worker(new URL("./spell-worker.ts", import.meta.url), { type: "module" });
      w.onmessage = (event: MessageEvent<FromWorker>) => {
        const message = event.data;
        if (message.type === "ready") {
          document.documentElement.dataset.spellingLoadMs = String(message.loadMs);
          setReady(true);
        } else if (message.type === "failed") {
          // The editor works on without marks; the reason is for whoever looks at the console.
          console.warn(message.message);
        } else {
          pending.current.get(message.id)?.(message);
          pending.current.delete(message.id);
        }
      };
      w.postMessage({ type: "init", locale, known: knownRef.current } satisfies ToWorker);
      worker.current = w;
    };
    // After the first paint, when the browser has a moment: the editor comes first.
    const idle = typeof window.requestIdleCallback === "function" ? window.requestIdleCallback(start, { timeout: 1500 }) : null;
    const timer = idle === null ? setTimeout(start, 300) : undefined;
    return () => {
      cancelled = true;
      if (idle !== null) window.cancelIdleCallback(idle);
      clearTimeout(timer);
    };
  }, [locale, held]);
  // The worker ends with the provider (or its language).
  useEffect(
    () => () => {
      worker.current?.terminate();
      worker.current = null;
      setReady(false);
    },
    [locale],
  );

  // Known words changed (a word added, the glossary reloaded): tell the worker, check again.
  const first = useRef(true);
  useEffect(() => {
    if (first.current) {
      first.current = false;
      return;
    }
    worker.current?.postMessage({ type: "known", known } satisfies ToWorker);
    setGeneration((g) => g + 1);
  }, [known]);

  type Question = { type: "check"; text: string } | { type: "checkMany"; texts: string[] } | { type: "suggest"; word: string };
  const ask = useCallback(<T,>(message: Question, read: (answer: FromWorker) => T, fallback: T): Promise<T> => {
    const w = worker.current;
    if (!w) return Promise.resolve(fallback);
    const id = nextId.current++;
    return new Promise<T>((resolve) => {
      pending.current.set(id, (answer) => resolve(read(answer)));
      w.postMessage({ ...message, id } as ToWorker);
    });
  }, []);

  const check = useCallback(
    (text: string) => ask({ type: "check", text }, (a) => (a.type === "check" ? { misspellings: a.misspellings, ms: a.ms } : { misspellings: [], ms: 0 }), { misspellings: [] as WordToken[], ms: 0 }),
    [ask],
  );
  const checkMany = useCallback((texts: string[]) => ask({ type: "checkMany", texts }, (a) => (a.type === "checkMany" ? a.words : []), [] as string[][]), [ask]);
  const suggest = useCallback((word: string) => ask({ type: "suggest", word }, (a) => (a.type === "suggest" ? a.suggestions : []), [] as string[]), [ask]);

  const addWord = useCallback(
    async (word: string): Promise<string | null> => {
      const response = await fetch(`/api/projects/${props.projectId}/spelling-dictionary`, {
        method: "POST",
        headers: { "content-type": "application/json" },
        body: JSON.stringify({ word }),
      }).catch(() => null);
      const body = (await response?.json().catch(() => ({}))) as { error?: string; word?: string } | undefined;
      if (!response?.ok) return body?.error ?? "";
      setWords((w) => (w.includes(body?.word ?? word) ? w : [...w, body?.word ?? word]));
      return null;
    },
    [props.projectId],
  );

  const api = useMemo<SpellingApi>(() => ({ ready, generation, canEdit: props.canEdit, check, checkMany, suggest, addWord }), [ready, generation, props.canEdit, check, checkMany, suggest, addWord]);
  return (
    <HoldContext.Provider value={setHeld}>
      <SpellingContext.Provider value={props.locale ? api : null}>{props.children}</SpellingContext.Provider>
    </HoldContext.Provider>
  );
}
