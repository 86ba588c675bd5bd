"use client";

import { useTranslations } from "next-intl";
import { useEffect, useRef } from "react";
import styles from "./editor.module.css";


export function ShortcutsHelp({ onClose }: { onClose: () => void }) {
  const t = useTranslations("editor.shortcuts");
  // The keys as typed (the same in every language), and what they do.
  const shortcuts: [string, string][] = [
    ["Ctrl+Enter", t("confirm")],
    ["Ctrl+Shift+Enter", t("confirmUnconfirmed")],
    ["Alt+Enter", t("approve")],
    ["Alt+Shift+Enter", t("requestChanges")],
    ["Ctrl+↓ / Ctrl+↑", t("nextPrevious")],
    ["Ctrl+Shift+S", t("copySource")],
    ["Ctrl+S", t("save")],
    ["Esc", t("discard")],
    ["Alt+H", t("history")],
    ["Alt+↓", t("spelling")],
    ["Ctrl+1 / 2 / 3", t("insertMatch")],
    ["Ctrl+K", t("concordance")],
    [t("selectChineseKeys"), t("selectChinese")],
    [t("pairKeys"), t("pair")],
    ["Ctrl+J / Ctrl+E", t("joinSplit")],
    [t("enterOnRowKeys"), t("enterOnRow")],
    [t("helpKeys"), t("help")],
  ];
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
        <h2 id="shortcuts-title">{t("title")}</h2>
        <table>
          <tbody>
            {shortcuts.map(([keys, what]) => (
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
          {t("close")}
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
