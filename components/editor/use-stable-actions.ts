"use client";

import { useLayoutEffect, useRef, useState } from "react";

// eslint-disable-next-line @typescript-eslint/no-explicit-any
type Handlers = Record<string, (...args: any[]) => any>;

/**
 * The same object on every render, whose functions call the handlers of the last committed render
 * (event handlers: never called while rendering). A memoised child given it does not render again
 * just because its parent made new closures; the set of names must not change.
 */
export function useStableActions<T extends Handlers>(handlers: T): T {
  const latest = useRef(handlers);
  // After commit, not during render: a render React throws away (a transition restarted) must not leave its handlers behind.
  useLayoutEffect(() => {
    latest.current = handlers;
  });
  const [stable] = useState(() => {
    const out: Handlers = {};
    for (const name of Object.keys(handlers)) out[name] = (...args: unknown[]) => latest.current[name]!(...args);
    return out as T;
  });
  return stable;
}
