"use client";

import { useTranslations } from "next-intl";
import { useCallback, useEffect, useLayoutEffect, useRef, useState } from "react";
import { useWatch, type Control } from "react-hook-form";
import type { WordToken } from "@/lib/spelling/tokenize";
import { SpellingMenu } from "./spelling-menu";
import { useSpelling, type SpellingApi } from "./spelling-provider";
import styles from "./spelling.module.css";

type MirrorStyle = React.CSSProperties;

/** The textarea's box and text metrics, so the marks sit exactly under its words. */
function mirrorOf(ta: HTMLTextAreaElement): MirrorStyle {
  const cs = getComputedStyle(ta);
  const px = (v: string) => Number.parseFloat(v) || 0;
  const scrollbar = ta.offsetWidth - ta.clientWidth - px(cs.borderLeftWidth) - px(cs.borderRightWidth);
  return {
    top: ta.offsetTop,
    left: ta.offsetLeft,
    width: ta.offsetWidth,
    height: ta.offsetHeight,
    borderWidth: `${cs.borderTopWidth} ${cs.borderRightWidth} ${cs.borderBottomWidth} ${cs.borderLeftWidth}`,
    padding: `${cs.paddingTop} ${px(cs.paddingRight) + Math.max(0, scrollbar)}px ${cs.paddingBottom} ${cs.paddingLeft}`,
    fontFamily: cs.fontFamily,
    fontSize: cs.fontSize,
    fontWeight: cs.fontWeight,
    fontStyle: cs.fontStyle,
    lineHeight: cs.lineHeight,
    letterSpacing: cs.letterSpacing,
    wordSpacing: cs.wordSpacing,
    textIndent: cs.textIndent,
    textTransform: cs.textTransform as React.CSSProperties["textTransform"],
    tabSize: cs.tabSize,
  };
}

/**
 * Spelling in the active segment: misspelt words get a wavy underline (a transparent copy of the
 * text laid over the textarea), checked by the spelling worker as the translator types. Clicking
 * a marked word, or Alt+↓, opens its suggestions. The word being typed is left alone until the
 * caret moves past it.
 */
export function SpellingMarks(props: {
  control: Control<{ target: string }>;
  textarea: React.RefObject<HTMLTextAreaElement | null>;
  editable: boolean;
  lang: string;
  onReplace: (text: string) => void;
}) {
  const spelling = useSpelling();
  return spelling ? <Marks {...props} spelling={spelling} /> : null;
}

function Marks(props: Parameters<typeof SpellingMarks>[0] & { spelling: SpellingApi }) {
  const t = useTranslations("spelling");
  const { spelling } = props;
  const text = useWatch({ control: props.control, name: "target" }) ?? "";
  const [checked, setChecked] = useState<{ text: string; marks: WordToken[]; caret: number }>({ text: "", marks: [], caret: -1 });
  const [mirror, setMirror] = useState<MirrorStyle | null>(null);
  const [menu, setMenu] = useState<{ mark: WordToken; focusFirst: boolean; suggestions: string[] | null } | null>(null);
  const overlay = useRef<HTMLDivElement | null>(null);
  const sequence = useRef(0);
  const textRef = useRef(text);
  textRef.current = text;

  // Check on every change of the text (and when the known words change).
  useEffect(() => {
    if (!spelling.ready) return;
    const seq = ++sequence.current;
    const caret = props.textarea.current?.selectionStart ?? -1;
    void spelling.check(text).then(({ misspellings, ms }) => {
      if (seq !== sequence.current) return;
      if (overlay.current) overlay.current.dataset.checkMs = ms.toFixed(3);
      setChecked({ text, marks: misspellings, caret });
    });
  }, [text, spelling, props.textarea]);

  // Marks still valid for the text on screen (a stale answer's words still where they were),
  // without the word the caret was at the end of when the text changed (being typed).
  const valid = checked.marks.filter((m) => text.slice(m.start, m.end) === m.word);
  const marks = valid.filter((m) => !(checked.text === text && m.end === checked.caret));

  // Measured in the resize observer's callback, which the browser runs right after its own layout
  // of the frame (the first one as soon as the textarea is laid out): read during the commit, the
  // computed style forced a layout of its own while the segment opened (issue 18's traces).
  useEffect(() => {
    const ta = props.textarea.current;
    if (!ta) return;
    let last = "";
    const observer = new ResizeObserver(() => {
      const next = mirrorOf(ta);
      const key = JSON.stringify(next);
      if (key === last) return;
      last = key;
      setMirror(next);
    });
    observer.observe(ta);
    return () => observer.disconnect();
  }, [props.textarea]);

  const openAt = useCallback(
    (mark: WordToken, focusFirst: boolean) => {
      setMenu({ mark, focusFirst, suggestions: null });
      void spelling.suggest(mark.word).then((suggestions) => setMenu((m) => (m && m.mark.start === mark.start ? { ...m, suggestions } : m)));
    },
    [spelling],
  );
  // The keyboard and clicks reach every misspelt word, the one being typed too.
  const marksRef = useRef(valid);
  marksRef.current = valid;
  const menuRef = useRef(menu);
  menuRef.current = menu;

  // The textarea's own events: scrolling moves the marks; a click on a marked word or Alt+↓ opens suggestions.
  useEffect(() => {
    const ta = props.textarea.current;
    if (!ta) return;
    const onScroll = () => {
      if (overlay.current) overlay.current.scrollTop = ta.scrollTop;
    };
    const markAtCaret = () => marksRef.current.find((m) => ta.selectionStart >= m.start && ta.selectionStart <= m.end && ta.selectionStart === ta.selectionEnd);
    // The caret left the word being typed: mark it now if it is misspelt.
    const onCaret = () => setChecked((c) => (c.caret !== -1 && ta.selectionStart !== c.caret ? { ...c, caret: -1 } : c));
    const onClick = () => {
      onCaret();
      const mark = markAtCaret();
      if (mark) openAt(mark, false);
      else setMenu(null);
    };
    const onKeyDown = (e: KeyboardEvent) => {
      if (e.altKey && e.key === "ArrowDown") {
        const at = ta.selectionStart;
        const mark = markAtCaret() ?? marksRef.current.find((m) => m.start >= at) ?? marksRef.current[0];
        if (!mark) return;
        e.preventDefault();
        e.stopPropagation();
        ta.setSelectionRange(mark.start, mark.end);
        openAt(mark, true);
      } else if (e.key === "Escape" && menuRef.current) {
        // Closes the menu only: the editor's Escape (discard the edit) must not run.
        e.preventDefault();
        e.stopPropagation();
        setMenu(null);
      }
    };
    ta.addEventListener("scroll", onScroll);
    ta.addEventListener("click", onClick);
    ta.addEventListener("keydown", onKeyDown);
    ta.addEventListener("keyup", onCaret);
    const onBlur = () => setChecked((c) => (c.caret === -1 ? c : { ...c, caret: -1 }));
    ta.addEventListener("blur", onBlur);
    return () => {
      ta.removeEventListener("keyup", onCaret);
      ta.removeEventListener("blur", onBlur);
      ta.removeEventListener("scroll", onScroll);
      ta.removeEventListener("click", onClick);
      ta.removeEventListener("keydown", onKeyDown);
    };
  }, [props.textarea, openAt]);

  // Typing closes the menu; so does the word no longer being where it was.
  useEffect(() => {
    if (menu && text.slice(menu.mark.start, menu.mark.end) !== menu.mark.word) setMenu(null);
  }, [text, menu]);

  useLayoutEffect(() => {
    const ta = props.textarea.current;
    if (overlay.current && ta) overlay.current.scrollTop = ta.scrollTop;
  });

  if (!mirror) return null;
  const pieces: React.ReactNode[] = [];
  let at = 0;
  for (const m of marks) {
    pieces.push(text.slice(at, m.start));
    pieces.push(
      <span key={m.start} className={styles.mark} data-start={m.start} data-testid="spelling-mark">
        {m.word}
      </span>,
    );
    at = m.end;
  }
  // A final newline needs a character after it to take up its line, as in the textarea.
  pieces.push(text.slice(at) + "\u200b");

  const menuPosition = () => {
    const span = overlay.current?.querySelector<HTMLElement>(`[data-start="${menu!.mark.start}"]`);
    const ta = props.textarea.current!;
    if (!span) return { top: ta.offsetTop + ta.offsetHeight, left: ta.offsetLeft };
    return { top: ta.offsetTop + span.offsetTop + span.offsetHeight + ta.clientTop - ta.scrollTop + 2, left: ta.offsetLeft + span.offsetLeft + ta.clientLeft };
  };

  return (
    <>
      <div ref={overlay} aria-hidden="true" className={styles.overlay} style={mirror} lang={props.lang} data-testid="spelling-overlay" data-ready={spelling.ready ? "yes" : "no"}>
        {pieces}
      </div>
      {marks.length > 0 && (
        <p className={styles.hint} role="status" data-testid="spelling-hint">
          {t.rich("hint", { count: marks.length, words: marks.slice(0, 5).map((m) => m.word).join(", "), b: (chunks) => <span className={styles.hintMark}>{chunks}</span> })}
        </p>
      )}
      {menu && (
        <SpellingMenu
          key={menu.mark.start}
          word={menu.mark.word}
          position={menuPosition()}
          suggestions={menu.suggestions}
          editable={props.editable}
          canAdd={spelling.canEdit}
          focusFirst={menu.focusFirst}
          onReplace={(suggestion) => {
            const { start, end } = menu.mark;
            const current = textRef.current;
            setMenu(null);
            props.onReplace(current.slice(0, start) + suggestion + current.slice(end));
            const caret = start + suggestion.length;
            requestAnimationFrame(() => props.textarea.current?.setSelectionRange(caret, caret));
          }}
          onAdd={() => spelling.addWord(menu.mark.word)}
          onClose={(refocus) => {
            setMenu(null);
            if (refocus) props.textarea.current?.focus();
          }}
        />
      )}
    </>
  );
}
