import type { WordToken } from "@/lib/spelling/tokenize";

/** Messages between the editor and its spelling worker (spell-worker.ts). */
export type ToWorker =
  | { type: "init"; locale: string; known: string[] }
  | { type: "known"; known: string[] }
  | { type: "check"; id: number; text: string }
  | { type: "checkMany"; id: number; texts: string[] }
  | { type: "suggest"; id: number; word: string };

export type FromWorker =
  | { type: "ready"; loadMs: number }
  | { type: "failed"; message: string }
  | { type: "check"; id: number; misspellings: WordToken[]; ms: number }
  | { type: "checkMany"; id: number; words: string[][] }
  | { type: "suggest"; id: number; suggestions: string[] };
