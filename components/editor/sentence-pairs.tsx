"use client";

import { useCallback, useEffect, useLayoutEffect, useRef, useState } from "react";
import { createPortal } from "react-dom";
import type { GlossaryEntry } from "@/lib/glossary/term-check";
import { pairedRanges, type Counterpart, type Side, type TextRange } from "@/lib/align/highlight";
import editorStyles from "./editor.module.css";
import styles from "./sentence-pairs.module.css";

/** The names of the CSS highlights painted on the Chinese (app/globals.css styles them). */
export const SOURCE_OWN_HIGHLIGHT = "duizhao-pair-own";
export const SOURCE_PAIR_HIGHLIGHT = "duizhao-pair";
/** After a keystroke the pairing waits for this pause in typing (caret moves answer at once). */
const TYPING_PAUSE_MS = 150;

interface Shown {
  /** Where the cursor is: the caret in the English, or the pointer over the Chinese. */
  side: Side;
  counterpart: Counterpart;
  /** The English text the ranges are offsets into. */
  target: string;
}

/**
 * Sentence pairing in the active segment (issue 16, part 7): with the caret in an English
 * sentence, the Chinese sentence(s) it translates are highlighted in the source; with the pointer
 * over a Chinese sentence (or a selection in it), the English sentence(s) are highlighted in the
 * translation. The alignment comes from lib/align (remembered per segment text); the Chinese is
 * marked with the CSS Custom Highlight API (no change to its DOM), the English by a see-through
 * copy of the text field's text laid over it with the sentences marked.
 *
 * Renders only a hidden anchor: it finds the row's source and text field by the row's
 * data-segment-id, so the editor's components need no changes to host it.
 */
export function SentencePairs(props: { segmentId: string; source: string; glossary: GlossaryEntry[] }) {
  const anchor = useRef<HTMLSpanElement>(null);
  const [shown, setShown] = useState<Shown | null>(null);
  const [field, setField] = useState<HTMLTextAreaElement | null>(null);
  const propsRef = useRef(props);
  propsRef.current = props;

  useEffect(() => {
    const row = anchor.current?.closest<HTMLElement>("[data-segment-id]");
    if (!row) return;
    const textareaOf = () => row.querySelector<HTMLTextAreaElement>(`textarea[id="target-${CSS.escape(propsRef.current.segmentId)}"]`);
    const sourceOf = () => sourceIn(row);
    let typingTimer: number | undefined;
    let typingUntil = 0;
    let frame = 0;
    let pointerInSource = false;
    let hidden = false;

    const show = (side: Side, offset: number, target: string) => {
      const { source, glossary } = propsRef.current;
      const counterpart = pairedRanges(source, target, side, offset, glossary);
      const next = counterpart ? { side, counterpart, target } : null;
      // The same sentences as before (the caret moved within them): nothing to repaint — unless
      // typing hid the marks.
      const repaint = hidden;
      hidden = false;
      setShown((prev) => (!repaint && sameShown(prev, next) ? prev : next));
    };
    /** Typing: the marks no longer fit the text. Hidden without a render, so that a keystroke costs no more than before. */
    const hide = () => {
      hidden = true;
      row.querySelector<HTMLElement>(`.${CSS.escape(styles.overlay!)}`)?.style.setProperty("visibility", "hidden");
      if (typeof CSS !== "undefined" && "highlights" in CSS) for (const name of [SOURCE_OWN_HIGHLIGHT, SOURCE_PAIR_HIGHLIGHT]) CSS.highlights.get(name)?.clear();
    };
    /** The highlight for the caret in the English (or none, when the field is not focused). */
    const fromCaret = () => {
      const textarea = textareaOf();
      if (pointerInSource) return;
      if (!textarea || document.activeElement !== textarea) return setShown(null);
      setField(textarea);
      show("target", textarea.selectionStart ?? 0, textarea.value);
    };
    const onCaret = (e: Event) => {
      if (!(e.target instanceof HTMLTextAreaElement) || e.target !== textareaOf()) return;
      if (e.type === "input") {
        // Typing: the old marks no longer fit the text; pair again after a pause (not on every
        // keystroke: the editor must keep up with typing).
        window.clearTimeout(typingTimer);
        hide();
        typingUntil = performance.now() + TYPING_PAUSE_MS;
        typingTimer = window.setTimeout(fromCaret, TYPING_PAUSE_MS);
      } else if (performance.now() >= typingUntil) fromCaret();
    };
    const onSelectionChange = () => {
      if (performance.now() >= typingUntil && document.activeElement === textareaOf()) fromCaret();
    };
    const onPointer = (e: MouseEvent) => {
      const source = sourceOf();
      if (!source || !(e.target instanceof Node) || !source.contains(e.target)) {
        if (pointerInSource) {
          pointerInSource = false;
          fromCaret();
        }
        return;
      }
      cancelAnimationFrame(frame);
      const { clientX, clientY } = e;
      frame = requestAnimationFrame(() => {
        const offset = offsetAtPoint(source, clientX, clientY);
        if (offset === null) return;
        pointerInSource = true;
        const textarea = textareaOf();
        setField(textarea);
        show("source", offset, textarea?.value ?? "");
      });
    };
    const onLeave = (e: MouseEvent) => {
      if (!pointerInSource || (e.relatedTarget instanceof Node && sourceOf()?.contains(e.relatedTarget))) return;
      pointerInSource = false;
      fromCaret();
    };
    const caretEvents = ["keyup", "click", "focusin", "input", "select"] as const;
    for (const type of caretEvents) row.addEventListener(type, onCaret);
    row.addEventListener("mousemove", onPointer);
    row.addEventListener("mouseleave", onLeave);
    document.addEventListener("selectionchange", onSelectionChange);
    const focusout = (e: FocusEvent) => e.target === textareaOf() && !pointerInSource && setShown(null);
    row.addEventListener("focusout", focusout);
    // The field may already have the caret (a segment opens focused).
    fromCaret();
    return () => {
      window.clearTimeout(typingTimer);
      cancelAnimationFrame(frame);
      for (const type of caretEvents) row.removeEventListener(type, onCaret);
      row.removeEventListener("mousemove", onPointer);
      row.removeEventListener("mouseleave", onLeave);
      row.removeEventListener("focusout", focusout);
      document.removeEventListener("selectionchange", onSelectionChange);
    };
  }, [props.segmentId]);

  // The Chinese: painted as CSS highlights over the source's text nodes.
  useEffect(() => {
    const row = anchor.current?.closest<HTMLElement>("[data-segment-id]");
    const source = row ? sourceIn(row) : null;
    const highlights = typeof CSS !== "undefined" && "highlights" in CSS ? CSS.highlights : null;
    if (!highlights || !source) return;
    if (shown) {
      const own = shown.side === "source" ? [shown.counterpart.own] : [];
      const other = shown.side === "target" ? shown.counterpart.other : [];
      highlights.set(SOURCE_OWN_HIGHLIGHT, new Highlight(...rangesIn(source, own)));
      highlights.set(SOURCE_PAIR_HIGHLIGHT, new Highlight(...rangesIn(source, other)));
    }
    return () => {
      highlights.delete(SOURCE_OWN_HIGHLIGHT);
      highlights.delete(SOURCE_PAIR_HIGHLIGHT);
    };
  }, [shown]);

  const englishMarks = shown && field && field.value === shown.target ? (shown.side === "target" ? { own: [shown.counterpart.own], other: [] } : { own: [], other: shown.counterpart.other }) : null;
  return (
    <>
      <span ref={anchor} hidden />
      {englishMarks && field?.offsetParent && createPortal(<FieldOverlay field={field} text={shown!.target} own={englishMarks.own} other={englishMarks.other} />, field.offsetParent)}
    </>
  );
}

/**
 * A copy of the text field's text, laid exactly over it and see-through, with the paired
 * sentences marked: a textarea cannot colour its own text.
 */
function FieldOverlay({ field, text, own, other }: { field: HTMLTextAreaElement; text: string; own: TextRange[]; other: TextRange[] }) {
  const box = useRef<HTMLDivElement>(null);
  const place = useCallback(() => {
    const overlay = box.current;
    if (!overlay) return;
    const style = getComputedStyle(field);
    const border = (side: string) => parseFloat(style.getPropertyValue(`border-${side}-width`)) || 0;
    const scrollbar = field.offsetWidth - field.clientWidth - border("left") - border("right");
    Object.assign(overlay.style, {
      top: `${field.offsetTop}px`,
      left: `${field.offsetLeft}px`,
      width: `${field.offsetWidth}px`,
      height: `${field.offsetHeight}px`,
      font: style.font,
      letterSpacing: style.letterSpacing,
      wordSpacing: style.wordSpacing,
      tabSize: style.tabSize,
      textAlign: style.textAlign,
      padding: `${style.paddingTop} calc(${style.paddingRight} + ${Math.max(0, scrollbar)}px) ${style.paddingBottom} ${style.paddingLeft}`,
      borderStyle: "solid",
      borderColor: "transparent",
      borderWidth: `${border("top")}px ${border("right")}px ${border("bottom")}px ${border("left")}px`,
    });
    overlay.scrollTop = field.scrollTop;
  }, [field]);
  // Shown again after typing hid it (sentence-pairs' hide()).
  useLayoutEffect(() => {
    box.current?.style.removeProperty("visibility");
  });
  useEffect(() => {
    place();
    const observer = new ResizeObserver(place);
    observer.observe(field);
    field.addEventListener("scroll", place);
    return () => {
      observer.disconnect();
      field.removeEventListener("scroll", place);
    };
  }, [field, place]);

  const marks = [...own.map((r) => ({ ...r, kind: "own" as const })), ...other.map((r) => ({ ...r, kind: "other" as const }))].sort((a, b) => a.start - b.start);
  const parts: React.ReactNode[] = [];
  let at = 0;
  for (const mark of marks) {
    if (mark.start < at) continue;
    parts.push(text.slice(at, mark.start));
    parts.push(
      <mark key={mark.start} className={mark.kind === "own" ? styles.own : styles.pair} data-testid={mark.kind === "own" ? "pair-own" : "pair-target"}>
        {text.slice(mark.start, mark.end)}
      </mark>,
    );
    at = mark.end;
  }
  parts.push(text.slice(at));
  // A trailing new line needs a character after it to take up its line, as in the field.
  return (
    <div ref={box} className={styles.overlay} aria-hidden="true" data-testid="pair-overlay">
      {parts}
      {"\u200b"}
    </div>
  );
}

const sameRange = (a: TextRange, b: TextRange) => a.start === b.start && a.end === b.end;
function sameShown(a: Shown | null, b: Shown | null): boolean {
  if (!a || !b) return a === b;
  const [x, y] = [a.counterpart, b.counterpart];
  return a.side === b.side && a.target === b.target && sameRange(x.own, y.own) && x.other.length === y.other.length && x.other.every((r, i) => sameRange(r, y.other[i]!));
}

/** The row's Chinese: the source cell. */
const sourceIn = (row: HTMLElement) => row.querySelector<HTMLElement>(`.${CSS.escape(editorStyles.source!)}`);

/** DOM ranges over an element's text for character offsets into its text content. */
function rangesIn(element: HTMLElement, ranges: TextRange[]): Range[] {
  const out: Range[] = [];
  for (const { start, end } of ranges) {
    const from = pointAt(element, start);
    const to = pointAt(element, end);
    if (!from || !to) continue;
    const range = document.createRange();
    range.setStart(from.node, from.offset);
    range.setEnd(to.node, to.offset);
    out.push(range);
  }
  return out;
}

/** The text node and offset in it at a character offset into an element's text content. */
function pointAt(element: HTMLElement, offset: number): { node: Text; offset: number } | null {
  const walker = document.createTreeWalker(element, NodeFilter.SHOW_TEXT);
  let passed = 0;
  let last: Text | null = null;
  for (let node = walker.nextNode() as Text | null; node; node = walker.nextNode() as Text | null) {
    if (offset <= passed + node.length) return { node, offset: offset - passed };
    passed += node.length;
    last = node;
  }
  return last ? { node: last, offset: last.length } : null;
}

/** The character offset into an element's text content under a point on screen, or null. */
function offsetAtPoint(element: HTMLElement, x: number, y: number): number | null {
  let node: Node | null = null;
  let offset = 0;
  const doc = document as Document & { caretPositionFromPoint?: (x: number, y: number) => { offsetNode: Node; offset: number } | null };
  if (doc.caretPositionFromPoint) {
    const position = doc.caretPositionFromPoint(x, y);
    if (position) ({ offsetNode: node, offset } = position);
  } else if (document.caretRangeFromPoint) {
    const range = document.caretRangeFromPoint(x, y);
    if (range) ((node = range.startContainer), (offset = range.startOffset));
  }
  if (!node || !element.contains(node)) return null;
  const walker = document.createTreeWalker(element, NodeFilter.SHOW_TEXT);
  let passed = 0;
  for (let text = walker.nextNode(); text; text = walker.nextNode()) {
    if (text === node) return passed + offset;
    passed += (text as Text).length;
  }
  return null;
}
