"use client";

import type { ComponentPropsWithoutRef } from "react";
import { useHydrated } from "@/components/ui/use-hydrated";

/**
 * The fieldset's own box taken away: no border, padding or margin, no min-content minimum width,
 * and `display: contents`, so what it wraps is laid out by the form's flex or grid as before.
 * A `style` given replaces any of these (e.g. `display: "block"` to keep a legend's box).
 */
const RESET = { border: 0, padding: 0, margin: 0, minWidth: 0, display: "contents" } as const;

/**
 * Wraps a form's controlled fields (select, checkbox, radio, text whose value is React state):
 * all disabled until the page has hydrated. They are live in the server's HTML, but a choice made
 * there never reaches React's state: React sets the field back to its state's value when it next
 * renders it (at once where the form re-renders on hydrating), and the form sends what the person
 * did not pick. A disabled fieldset disables every control inside it natively, with no change to
 * how they look once hydrated; `disabled` adds a reason of the form's own (busy, not allowed).
 */
export function HydratedFieldset({ disabled = false, style, ...props }: ComponentPropsWithoutRef<"fieldset">) {
  const hydrated = useHydrated();
  return <fieldset {...props} disabled={!hydrated || disabled} style={style ? { ...RESET, ...style } : RESET} />;
}
