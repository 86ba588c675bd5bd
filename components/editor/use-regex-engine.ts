"use client";

import { useEffect, useState } from "react";
import type { RegexEngine } from "./editor-filters";

type Compiler = Exclude<RegexEngine, "loading" | "failed">;

// One fetch per page load: later editors in the same tab, and a second tick of Regex, have it at once.
let loaded: Compiler | null = null;
let loading: Promise<Compiler> | null = null;

function loadRegexEngine(): Promise<Compiler> {
  loading ??= import("@/lib/revisions/find-replace").then(
    (m) => (loaded = m.compilePattern),
    (error: unknown) => {
      loading = null; // the next tick of Regex tries again
      throw error;
    },
  );
  return loading;
}

/** Starts fetching the engine ahead of need (the Regex box under the pointer); a failure is left to useRegexEngine. */
export function prefetchRegexEngine(): void {
  if (!loaded) loadRegexEngine().catch(() => {});
}

/**
 * The search box's pattern engine, fetched the first time `wanted` (Regex ticked) and kept for the
 * page: "loading" until then, "failed" if the fetch failed (unticking and ticking Regex tries again).
 * RE2JS is not in the editor's first bundle — its evaluation was part of hydration's long tasks.
 */
export function useRegexEngine(wanted: boolean): RegexEngine {
  const [engine, setEngine] = useState<RegexEngine>(() => loaded ?? "loading");
  useEffect(() => {
    if (!wanted || typeof engine === "function") return;
    let current = true;
    if (engine === "failed") setEngine("loading");
    loadRegexEngine().then(
      (compile) => current && setEngine(() => compile),
      () => current && setEngine("failed"),
    );
    return () => {
      current = false;
    };
    // Not on `engine`: a failure waits for Regex to be ticked again rather than retrying at once.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [wanted]);
  return engine;
}
