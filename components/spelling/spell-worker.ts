/// <reference lib="webworker" />
import nspell from "nspell";
import { KnownWords } from "@/lib/spelling/known-words";
import { Speller } from "@/lib/spelling/speller";
import type { FromWorker, ToWorker } from "./spell-protocol";

/**
 * The editor's spelling checker, off the main thread: loads the Hunspell dictionary for the
 * project's English (served by /api/spelling/<locale>) once, then answers checks and
 * suggestions. Messages that arrive while it loads wait for it.
 */
declare const self: DedicatedWorkerGlobalScope;
let speller: Speller | null = null;
let known = new KnownWords();
const waiting: ToWorker[] = [];
const post = (message: FromWorker) => self.postMessage(message);

async function load(locale: string) {
  const started = performance.now();
  try {
    const [aff, dic] = await Promise.all(
      ["aff", "dic"].map(async (part) => {
        const response = await fetch(`/api/spelling/${encodeURIComponent(locale)}?part=${part}`, { credentials: "same-origin" });
        if (!response.ok) throw new Error(`${part}: HTTP ${response.status}`);
        return response.text();
      }),
    );
    speller = new Speller(nspell(aff!, dic!), known);
    post({ type: "ready", loadMs: Math.round(performance.now() - started) });
    for (const message of waiting.splice(0)) handle(message);
  } catch (error) {
    post({ type: "failed", message: (error as Error).message });
  }
}

function handle(message: ToWorker) {
  if (message.type === "known") {
    known = new KnownWords(message.known);
    speller?.setKnown(known);
    return;
  }
  if (!speller) return void waiting.push(message);
  if (message.type === "check") {
    const started = performance.now();
    const misspellings = speller.misspellings(message.text);
    post({ type: "check", id: message.id, misspellings, ms: performance.now() - started });
  } else if (message.type === "checkMany") {
    post({ type: "checkMany", id: message.id, words: message.texts.map((t) => speller!.misspellings(t).map((m) => m.word)) });
  } else if (message.type === "suggest") {
    post({ type: "suggest", id: message.id, suggestions: speller.suggest(message.word) });
  }
}

self.onmessage = (event: MessageEvent<ToWorker>) => {
  const message = event.data;
  if (message.type === "init") {
    known = new KnownWords(message.known);
    void load(message.locale);
  } else handle(message);
};
