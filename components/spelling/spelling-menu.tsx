"use client";

import { useTranslations } from "next-intl";
import { useEffect, useRef, useState } from "react";
import styles from "./spelling.module.css";

/**
 * Suggestions for one misspelt word: pick one to replace it (arrow keys and Enter, or a click),
 * or add the word to the project dictionary (owners and reviewers). Escape closes it.
 */
export function SpellingMenu(props: {
  word: string;
  position: { top: number; left: number };
  suggestions: string[] | null;
  editable: boolean;
  canAdd: boolean;
  /** Focus the first item on opening (opened from the keyboard). */
  focusFirst: boolean;
  onReplace: (suggestion: string) => void;
  onAdd: () => Promise<string | null>;
  onClose: (refocus: boolean) => void;
}) {
  const t = useTranslations("spelling");
  const menu = useRef<HTMLDivElement | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [adding, setAdding] = useState(false);

  useEffect(() => {
    if (props.focusFirst && props.suggestions !== null) menu.current?.querySelector<HTMLButtonElement>("button")?.focus();
  }, [props.focusFirst, props.suggestions]);

  // A click anywhere else closes the menu.
  useEffect(() => {
    const away = (e: MouseEvent) => {
      if (menu.current && !menu.current.contains(e.target as Node)) props.onClose(false);
    };
    document.addEventListener("mousedown", away);
    return () => document.removeEventListener("mousedown", away);
  }, [props]);

  function onKeyDown(e: React.KeyboardEvent) {
    const items = [...(menu.current?.querySelectorAll<HTMLButtonElement>("button") ?? [])];
    const at = items.indexOf(document.activeElement as HTMLButtonElement);
    if (e.key === "ArrowDown" || e.key === "ArrowUp") {
      e.preventDefault();
      const next = items[(at + (e.key === "ArrowDown" ? 1 : items.length - 1)) % items.length];
      next?.focus();
    } else if (e.key === "Escape" || e.key === "Tab") {
      e.preventDefault();
      e.stopPropagation();
      props.onClose(true);
    }
  }

  return (
    <div
      ref={menu}
      role="menu"
      aria-label={t("menuLabel", { word: props.word })}
      className={styles.menu}
      style={{ top: props.position.top, left: props.position.left }}
      data-testid="spelling-menu"
      onKeyDown={onKeyDown}
    >
      {props.suggestions === null ? (
        <span className={styles.menuNote}>{t("looking")}</span>
      ) : props.suggestions.length === 0 ? (
        <span className={styles.menuNote}>{t("noSuggestions")}</span>
      ) : (
        props.editable &&
        props.suggestions.map((s) => (
          <button key={s} type="button" role="menuitem" className={styles.suggestion} onClick={() => props.onReplace(s)} data-testid="spelling-suggestion">
            {s}
          </button>
        ))
      )}
      {props.canAdd && (
        <>
          <span className={styles.separator} role="separator" />
          <button
            type="button"
            role="menuitem"
            disabled={adding}
            data-testid="spelling-add"
            onClick={async () => {
              setAdding(true);
              const problem = await props.onAdd();
              setAdding(false);
              if (problem === null) props.onClose(true);
              else setError(problem || t("notAdded"));
            }}
          >
            {t("addToDictionary", { word: props.word })}
          </button>
        </>
      )}
      {error && (
        <span role="alert" className={styles.menuNote}>
          {error}
        </span>
      )}
    </div>
  );
}
