"use client";

import { useCallback, useEffect, useState } from "react";

/** The text selected on the page: in a text field, its selection; elsewhere, the document's. */
export function selectedText(): string {
  const active = document.activeElement;
  if (active instanceof HTMLTextAreaElement || (active instanceof HTMLInputElement && active.type === "text")) {
    const { selectionStart: start, selectionEnd: end } = active;
    if (start !== null && end !== null && end > start) return active.value.slice(start, end);
  }
  return window.getSelection()?.toString() ?? "";
}

/**
 * Ctrl+K (⌘K) opens the concordance panel on the selected text (in the source or the target),
 * or on what it last searched when nothing is selected. `open(query)` does the same from a button.
 */
export function useConcordance() {
  const [state, setState] = useState<{ open: boolean; query: string; nonce: number }>({ open: false, query: "", nonce: 0 });
  const open = useCallback((query?: string) => {
    const text = (query ?? selectedText()).replace(/\s+/g, " ").trim().slice(0, 200);
    setState((s) => ({ open: true, query: text || s.query, nonce: s.nonce + 1 }));
  }, []);
  const close = useCallback(() => setState((s) => ({ ...s, open: false })), []);
  useEffect(() => {
    const onKey = (e: KeyboardEvent) => {
      if ((e.ctrlKey || e.metaKey) && !e.shiftKey && !e.altKey && (e.key === "k" || e.key === "K")) {
        e.preventDefault();
        open();
      }
    };
    window.addEventListener("keydown", onKey);
    return () => window.removeEventListener("keydown", onKey);
  }, [open]);
  return { ...state, openWith: open, close };
}

/**
 * Puts text into the open segment's translation at its cursor (replacing its selection), as
 * typing would: the editor sees an ordinary input event, so autosave and undo work as usual.
 */
export function insertIntoTarget(segmentId: string, text: string): boolean {
  const field = document.getElementById(`target-${segmentId}`);
  if (!(field instanceof HTMLTextAreaElement) || field.readOnly) return false;
  field.focus();
  if (!document.execCommand("insertText", false, text)) {
    field.setRangeText(text, field.selectionStart, field.selectionEnd, "end");
    field.dispatchEvent(new Event("input", { bubbles: true }));
  }
  return true;
}
