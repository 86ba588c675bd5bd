"use client";

import Link from "next/link";
import { useState, type ComponentProps } from "react";

/**
 * A link whose page is prefetched when the pointer or the focus comes to it, not when it scrolls
 * into view (Next's default). The header's and the editor's breadcrumb links are on screen as
 * every page opens: prefetched there, they were a dozen RSC requests (a route tree and its
 * segments per link) answered by the server and holding the browser's six connections just as
 * the page started its own work — the history panel's request, made right after the editor
 * opened, waited behind them for a connection and for the server (bench:history, issue 18).
 * The pattern is Next's own ("prefetch on hover", Link's `prefetch` documentation).
 */
export function IntentLink({ onMouseEnter, onFocus, onTouchStart, ...props }: Omit<ComponentProps<typeof Link>, "prefetch">) {
  const [wanted, setWanted] = useState(false);
  return (
    <Link
      {...props}
      prefetch={wanted ? null : false}
      onMouseEnter={(e) => {
        setWanted(true);
        onMouseEnter?.(e);
      }}
      onFocus={(e) => {
        setWanted(true);
        onFocus?.(e);
      }}
      onTouchStart={(e) => {
        setWanted(true);
        onTouchStart?.(e);
      }}
    />
  );
}
