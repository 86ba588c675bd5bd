"use client";

import { useTranslations } from "next-intl";
import { useEffect, useId, useRef, useState } from "react";
import type { EditorSegment } from "./editor-types";
import styles from "./editor.module.css";

export type RestructureOp = { op: "join" } | { op: "split"; sourceOffset: number; targetOffset: number | null } | { op: "undo" } | { op: "source"; source: string; baseVersion: number };

/** Join, split, undo and (for owners) source correction for the active segment. */
export function RestructureControls(props: {
  segment: EditorSegment;
  canJoinSplit: boolean;
  canEditSource: boolean;
  canUndo: boolean;
  splitOpen: boolean;
  onSplitOpen: (open: boolean) => void;
  onRun: (op: RestructureOp) => Promise<string | null>;
}) {
  const t = useTranslations("editor.restructure");
  const [error, setError] = useState<string | null>(null);
  const [editingSource, setEditingSource] = useState(false);
  const run = async (op: RestructureOp) => {
    setError(await props.onRun(op));
  };
  if (!props.canJoinSplit && !props.canEditSource) return null;
  return (
    <div className={styles.restructure}>
      {props.canJoinSplit && (
        <>
          {/* i18n-exempt: a key combination */}
          <button type="button" onClick={() => void run({ op: "join" })} title="Ctrl+J">
            {t("join")}
          </button>
          {/* i18n-exempt: a key combination */}
          <button type="button" onClick={() => props.onSplitOpen(true)} title="Ctrl+E">
            {t("split")}
          </button>
          {props.canUndo && (
            <button type="button" onClick={() => void run({ op: "undo" })}>
              {t("undo")}
            </button>
          )}
        </>
      )}
      {props.canEditSource && !editingSource && (
        <button type="button" onClick={() => setEditingSource(true)}>
          {t("correctSource")}
        </button>
      )}
      {error && (
        <span role="alert" className={styles.fieldError}>
          {error}
        </span>
      )}
      {props.splitOpen && <SplitForm segment={props.segment} onCancel={() => props.onSplitOpen(false)} onSplit={(s, t) => void run({ op: "split", sourceOffset: s, targetOffset: t })} />}
      {editingSource && (
        <SourceForm
          segment={props.segment}
          onCancel={() => setEditingSource(false)}
          onSave={async (source) => {
            const problem = await props.onRun({ op: "source", source, baseVersion: props.segment.version });
            setError(problem);
            if (!problem) setEditingSource(false);
          }}
        />
      )}
    </div>
  );
}

/** Place the caret where the segment should be split (in the source, and optionally the translation). */
function SplitForm({ segment, onSplit, onCancel }: { segment: EditorSegment; onSplit: (source: number, target: number | null) => void; onCancel: () => void }) {
  const t = useTranslations("editor.restructure");
  const ids = { source: useId(), target: useId() };
  const source = useRef<HTMLTextAreaElement>(null);
  const target = useRef<HTMLTextAreaElement>(null);
  useEffect(() => {
    const middle = Math.floor(segment.source.length / 2);
    source.current?.focus();
    source.current?.setSelectionRange(middle, middle);
  }, [segment.source.length]);
  return (
    <div className={styles.splitForm} role="group" aria-label={t("splitLabel")}>
      <label htmlFor={ids.source}>{t("splitSource")}</label>
      <textarea id={ids.source} ref={source} readOnly defaultValue={segment.source} rows={3} lang="zh-CN" />
      {segment.target && (
        <>
          <label htmlFor={ids.target}>{t("splitTarget")}</label>
          <textarea id={ids.target} ref={target} readOnly defaultValue={segment.target} rows={2} />
        </>
      )}
      <div>
        <button type="button" onClick={() => onSplit(source.current?.selectionStart ?? 0, target.current ? target.current.selectionStart : null)}>
          {t("splitHere")}
        </button>
        <button type="button" onClick={onCancel}>
          {t("cancel")}
        </button>
      </div>
    </div>
  );
}

function SourceForm({ segment, onSave, onCancel }: { segment: EditorSegment; onSave: (source: string) => void; onCancel: () => void }) {
  const t = useTranslations("editor.restructure");
  const id = useId();
  const [value, setValue] = useState(segment.source);
  return (
    <div className={styles.splitForm} role="group" aria-label={t("correctSource")}>
      <label htmlFor={id}>{t("sourceLabel")}</label>
      <textarea id={id} value={value} onChange={(e) => setValue(e.target.value)} rows={3} lang="zh-CN" autoFocus />
      <div>
        <button type="button" onClick={() => onSave(value)} disabled={!value.trim()}>
          {t("saveSource")}
        </button>
        <button type="button" onClick={onCancel}>
          {t("cancel")}
        </button>

      </div>
    </div>
  );
}
