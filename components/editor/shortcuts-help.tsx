"use client";

import { useEffect, useRef } from "react";
import styles from "./editor.module.css";

export const SHORTCUTS: [string, string][] = [
  ["Ctrl+Enter", "Confirm (translated) and go to the next segment"],
  ["Ctrl+Shift+Enter", "Confirm and go to the next unconfirmed segment"],
  ["Ctrl+↓ / Ctrl+↑", "Next / previous segment"],
  ["Ctrl+Shift+S", "Copy the source into the translation"],
  ["Ctrl+S", "Save now (typing also saves after a short pause)"],
  ["Esc", "Discard unsaved changes in this segment"],
  ["Alt+H", "Show or hide the segment's history"],
  ["Ctrl+1 / 2 / 3", "Insert the first, second or third translation-memory match"],
  ["Select Chinese in the source", "Look it up in the dictionary (pinyin and English)"],
  ["Ctrl+J / Ctrl+E", "Join with the next segment / split this one (owners and translators)"],
  ["Enter (on a row)", "Edit that segment"],
  ["? or Ctrl+/", "Show or hide this help"],
];

export function ShortcutsHelp({ onClose }: { onClose: () => void }) {
  const closeButton = useRef<HTMLButtonElement>(null);
  useEffect(() => closeButton.current?.focus(), []);
  return (
    <div className={styles.helpBackdrop} onClick={onClose}>
      <div
        role="dialog"
        aria-modal="true"
        aria-labelledby="shortcuts-title"
        className={styles.help}
        onClick={(e) => e.stopPropagation()}
        onKeyDown={(e) => e.key === "Escape" && onClose()}
      >
        <h2 id="shortcuts-title">Keyboard shortcuts</h2>
        <table>
          <tbody>
            {SHORTCUTS.map(([keys, what]) => (
              <tr key={keys}>
                <th scope="row">
                  <kbd>{keys}</kbd>
                </th>
                <td>{what}</td>
              </tr>
            ))}
          </tbody>
        </table>
        <button ref={closeButton} type="button" onClick={onClose}>
          Close
        </button>
      </div>
    </div>
  );
}

/** `?` (outside text fields) or Ctrl+/ toggles the shortcuts help. */
export function useHelpShortcut(setOpen: (update: (open: boolean) => boolean) => void) {
  useEffect(() => {
    const onKey = (e: KeyboardEvent) => {
      const inField = e.target instanceof HTMLElement && /^(INPUT|TEXTAREA|SELECT)$/.test(e.target.tagName);
      if ((e.key === "?" && !inField) || ((e.ctrlKey || e.metaKey) && e.key === "/")) {
        e.preventDefault();
        setOpen((open) => !open);
      }
    };
    window.addEventListener("keydown", onKey);
    return () => window.removeEventListener("keydown", onKey);
  }, [setOpen]);
}
