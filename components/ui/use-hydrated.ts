"use client";

import { useSyncExternalStore } from "react";

const subscribe = () => () => undefined;

/**
 * False in the server-rendered HTML, true once React runs in the browser. Submit buttons stay
 * disabled until then: a form submitted natively before hydration would put its fields —
 * a password, a pasted document — into the URL of a GET request.
 */
export function useHydrated(): boolean {
  return useSyncExternalStore(
    subscribe,
    () => true,
    () => false,
  );
}
