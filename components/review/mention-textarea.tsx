"use client";

import { useTranslations } from "next-intl";
import { useId, useRef, useState } from "react";
import type { Member } from "./comment-thread";
import styles from "./comments.module.css";

/** A textarea that offers project members after "@" (↑/↓ to choose, Enter or Tab to insert). */
export function MentionTextarea(props: { label: string; value: string; onChange: (value: string) => void; members: Member[]; onSubmit?: () => void }) {
  const t = useTranslations("comments");
  const id = useId();
  const listId = useId();
  const ref = useRef<HTMLTextAreaElement>(null);
  const [query, setQuery] = useState<string | null>(null);
  const [highlight, setHighlight] = useState(0);
  const matches = query === null ? [] : props.members.filter((m) => m.name.toLowerCase().startsWith(query.toLowerCase())).slice(0, 6);

  function update(value: string, caret: number) {
    props.onChange(value);
    const match = /(?:^|\s)@([\p{L}\p{N}._-]*)$/u.exec(value.slice(0, caret));
    setQuery(match ? match[1]! : null);
    setHighlight(0);
  }

  function insert(member: Member) {
    const el = ref.current!;
    const caret = el.selectionStart;
    const before = props.value.slice(0, caret).replace(/@[\p{L}\p{N}._-]*$/u, `@${member.name} `);
    const next = before + props.value.slice(caret);
    props.onChange(next);
    setQuery(null);
    requestAnimationFrame(() => el.setSelectionRange(before.length, before.length));
  }

  return (
    <div className={styles.mention}>
      <label htmlFor={id}>{props.label}</label>
      <textarea
        id={id}
        ref={ref}
        rows={2}
        value={props.value}
        role="combobox"
        aria-expanded={matches.length > 0}
        aria-controls={listId}
        aria-autocomplete="list"
        onChange={(e) => update(e.target.value, e.target.selectionStart)}
        onKeyDown={(e) => {
          if (matches.length) {
            if (e.key === "ArrowDown" || e.key === "ArrowUp") {
              e.preventDefault();
              setHighlight((h) => (h + (e.key === "ArrowDown" ? 1 : matches.length - 1)) % matches.length);
              return;
            }
            if (e.key === "Enter" || e.key === "Tab") {
              e.preventDefault();
              insert(matches[highlight]!);
              return;
            }
            if (e.key === "Escape") {
              e.stopPropagation();
              setQuery(null);
              return;
            }
          }
          if (e.key === "Enter" && (e.ctrlKey || e.metaKey) && props.onSubmit) {
            e.preventDefault();
            e.stopPropagation();
            props.onSubmit();
          }
        }}
      />
      {matches.length > 0 && (
        <ul id={listId} role="listbox" className={styles.suggestions} aria-label={t("mention")}
>
          {matches.map((m, i) => (
            <li
              key={m.name}
              role="option"
              aria-selected={i === highlight}
              onMouseDown={(e) => {
                e.preventDefault();
                insert(m);
              }}
            >
              @{m.name}
            </li>
          ))}
        </ul>
      )}
    </div>
  );
}
