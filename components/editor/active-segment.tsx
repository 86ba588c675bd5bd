"use client";

import { useTranslations } from "next-intl";
import { useEffect, useRef, useState } from "react";
import { createPortal } from "react-dom";
import { useForm } from "react-hook-form";
import { InlineDiff } from "@/components/diff/inline-diff";
import { useFormat } from "@/lib/i18n/use-format";
import { MAX_TARGET_LENGTH, normaliseTarget, targetProblemCode } from "@/lib/revisions/target-text";
import type { Conflict, EditorSegment } from "./editor-types";
import { CommentThread, type Member } from "@/components/review/comment-thread";
import type { Finding } from "@/lib/qa/checks";
import { RestructureControls, type RestructureOp } from "./restructure-controls";
import type { ReviewCommands } from "./review-controls";
import { ConfirmBar } from "./confirm-bar";
import { SendBackNote } from "./send-back-note";
import { DictionaryBox } from "./dictionary-box";
import { SuggestionsPanel } from "./suggestions-panel";
import { useSuggestions } from "./use-suggestions";
import { SegmentHistoryPanel } from "@/components/history/segment-history-panel";
import { prefetchHistory } from "@/components/history/history-request";
import { SpellingMarks } from "@/components/spelling/spelling-marks";
import type { HistoryRevision } from "@/lib/revisions/segment-history";
import type { ErrorTag, ReviewTransition } from "./use-review-actions";
import { useQaText } from "./use-qa-text";
import styles from "./editor.module.css";

const AUTOSAVE_MS = 800;

export type Navigation = "next" | "previous" | "next-unconfirmed";

/**
 * The segment being edited: a react-hook-form form around one textarea. Typing autosaves after a
 * short pause; leaving the segment saves; the CAT-tool shortcuts confirm and move on.
 */
export function ActiveSegment(props: {
  segment: EditorSegment;
  initialText: string;
  editable: boolean;
  targetLang: string;
  conflict: Conflict | undefined;
  lockedBy: string[] | undefined;
  /** QA findings of the saved text (re-checked after every save). */
  findings: Finding[];
  onSave: (text: string, confirm: boolean) => void;
  onDiscard: () => void;
  onNavigate: (where: Navigation) => void;
  /** Asked on mount: may the field take the focus (the person opened it, or the focus is nowhere else)? */
  claimFocus: () => boolean;
  onResolveConflict: (choice: "mine" | "theirs" | "merge", text: string) => void;
  onChange: (text: string) => void;
  restructure: { canJoinSplit: boolean; canEditSource: boolean; canUndo: boolean; run: (op: RestructureOp) => Promise<string | null> };
  comments: { userId: string; members: Member[]; onCounts: (comments: number, openIssues: number) => void; /** Changes when someone else changed the thread: it reads it again. */ reloadKey?: number };
  sourceLang: string;
  /** Chinese selected in the source, for the dictionary. */
  dictionaryQuery: string | null;
  onCloseDictionary: () => void;
  /** In "changes since my last review": the text as this reviewer last approved it. */
  baseline?: string;
  history: {
    sourceLang: string;
    canRestore: boolean;
    openInitially: boolean;
    onToggle: (open: boolean) => void;
    restore: (revision: HistoryRevision) => Promise<string | null>;
    /** The editor's side pane: the history opens there, beside the rows, so the Chinese stays in view. */
    pane: HTMLElement | null;
  };
  /** Present when the user may review: approve or send back. */
  review?: { reviewStages: number; approveBlocked: string | null; run: (transition: ReviewTransition, comment?: string, error?: ErrorTag) => Promise<string | null> };
}) {
  const t = useTranslations("editor.segment");
  const f = useFormat();
  const qaText = useQaText();
  const [splitOpen, setSplitOpen] = useState(false);
  const [commentsOpen, setCommentsOpen] = useState(props.segment.comments > 0);
  const [historyOpen, setHistoryOpen] = useState(props.history.openInitially);
  const { segment } = props;
  const { register, setValue, getValues, formState, trigger, control } = useForm<{ target: string }>({
    defaultValues: { target: props.initialText },
    mode: "onChange",
  });
  const timer = useRef<number | undefined>(undefined);
  const lastSent = useRef(segment.target);
  const textarea = useRef<HTMLTextAreaElement | null>(null);
  const propsRef = useRef(props);
  propsRef.current = props;
  const { suggestions, mt, requestMt } = useSuggestions(segment.id);
  const reviewCommands = useRef<ReviewCommands>(null);

  /** Puts a suggestion (memory match or MT) into the field, as if typed, and saves it shortly. */
  const insert = (text: string) => {
    if (!props.editable) return;
    setValue("target", text, { shouldDirty: true, shouldValidate: true });
    props.onChange(text);
    scheduleSave();
    textarea.current?.focus();
  };

  const flush = (confirm = false) => {
    window.clearTimeout(timer.current);
    const text = getValues("target");
    // Someone else's save is on screen and the user has not chosen yet: no save goes before the choice.
    const clash = propsRef.current.conflict;
    if (clash?.live && !clash.merging) return false;
    if (targetProblemCode(normaliseTarget(text))) return false;
    if (confirm || normaliseTarget(text) !== normaliseTarget(lastSent.current)) {
      lastSent.current = text;
      propsRef.current.onSave(text, confirm);
    }
    return true;
  };

  // Leaving the segment (unmount) saves what was typed. The field takes the focus without the
  // browser scrolling to it: the editor reveals the whole row once it has opened and been measured
  // (use-reveal-active-row.ts), and the browser's scroll, made on the row's height of the moment,
  // fought it.
  useEffect(() => {
    if (propsRef.current.claimFocus()) textarea.current?.focus({ preventScroll: true });
    return () => {
      if (propsRef.current.editable) flush();
    };
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, []);

  const { ref, onChange, ...field } = register("target", {
    validate: (value) => {
      const problem = targetProblemCode(normaliseTarget(value));
      if (problem?.code === "target-too-long") return t("tooLong", { max: f.number(MAX_TARGET_LENGTH) });
      if (problem?.code === "target-control-characters") return t("controlCharacters");
      return true;
    },
  });

  function onKeyDown(e: React.KeyboardEvent<HTMLTextAreaElement>) {
    const ctrl = e.ctrlKey || e.metaKey;
    if (e.key === " " && !ctrl && !e.altKey && e.currentTarget.readOnly) {
      // A read-only field cannot take the space, so the browser scrolls the list a screen instead
      // and the open row leaves the view: someone typing into an approved segment loses their place.
      e.preventDefault();
    } else if (ctrl && e.key === "Enter") {
      e.preventDefault();
      confirm(e.shiftKey);
    } else if (e.altKey && e.key === "Enter") {
      e.preventDefault();
      if (e.shiftKey) reviewCommands.current?.requestChanges();
      else reviewCommands.current?.approve();
    } else if (ctrl && (e.key === "ArrowDown" || e.key === "ArrowUp")) {
      e.preventDefault();
      props.onNavigate(e.key === "ArrowDown" ? "next" : "previous");
    } else if (ctrl && e.shiftKey && (e.key === "S" || e.key === "s")) {
      e.preventDefault();
      setValue("target", segment.source, { shouldDirty: true });
      props.onChange(segment.source);
      scheduleSave();
    } else if (ctrl && (e.key === "s" || e.key === "S")) {
      e.preventDefault();
      flush();
    } else if (ctrl && (e.key === "j" || e.key === "J") && props.restructure.canJoinSplit) {
      e.preventDefault();
      flush();
      void props.restructure.run({ op: "join" });
    } else if (ctrl && (e.key === "e" || e.key === "E") && props.restructure.canJoinSplit) {
      e.preventDefault();
      flush();
      setSplitOpen(true);
    } else if (ctrl && !e.shiftKey && /^[1-3]$/.test(e.key)) {
      const match = suggestions?.memory[Number(e.key) - 1];
      if (match) {
        e.preventDefault();
        insert(match.target);
      }
    } else if (e.altKey && (e.key === "h" || e.key === "H")) {
      e.preventDefault();
      toggleHistory();
    } else if (e.key === "Escape") {
      e.preventDefault();
      window.clearTimeout(timer.current);
      setValue("target", segment.target);
      lastSent.current = segment.target;
      props.onDiscard();
    }
  }

  /** Confirms (saves as translated) and goes on; "empty" when there is nothing to confirm. */
  function confirm(nextUnconfirmed: boolean): "empty" | null {
    if (!normaliseTarget(getValues("target"))) return (void trigger("target"), "empty");
    if (flush(true)) props.onNavigate(nextUnconfirmed ? "next-unconfirmed" : "next");
    return null;
  }

  // The parent is told outside the state updater: updaters run while rendering and must not
  // reach into another component.
  function toggleHistory() {
    const open = !historyOpen;
    // The request starts now, not after the panel's first render.
    if (open) prefetchHistory(segment.id);
    setHistoryOpen(open);
    props.history.onToggle(open);
  }

  function scheduleSave() {
    window.clearTimeout(timer.current);
    timer.current = window.setTimeout(() => flush(), AUTOSAVE_MS);
  }

  const error = formState.errors.target?.message;
  return (
    <div className={styles.activeTarget}>
      <label htmlFor={`target-${segment.id}`} className="visually-hidden">
        {t("targetLabel", { number: segment.position + 1 })}
      </label>
      <textarea
        id={`target-${segment.id}`}
        {...field}
        ref={(el) => {
          ref(el);
          textarea.current = el;
        }}
        lang={props.targetLang}
        className={styles.textarea}
        readOnly={!props.editable}
        maxLength={MAX_TARGET_LENGTH}
        rows={Math.min(12, Math.max(3, Math.ceil(segment.source.length / 40)))}
        aria-invalid={!!error}
        aria-describedby={error ? `target-error-${segment.id}` : undefined}
        placeholder={props.editable ? t("placeholder") : t("readOnlyPlaceholder")}
        onChange={(e) => {
          void onChange(e);
          props.onChange(e.target.value);
          scheduleSave();
        }}
        onKeyDown={onKeyDown}
      />
      <SpellingMarks control={control} textarea={textarea} editable={props.editable} lang={props.targetLang} onReplace={insert} />
      {props.lockedBy && (
        <p className={styles.lockNote} role="status">
          {t("alsoInSegment", { names: f.list(props.lockedBy), count: props.lockedBy.length })}
        </p>
      )}
      {error && (
        <p id={`target-error-${segment.id}`} role="alert" className={styles.fieldError}>
          {error}
        </p>
      )}
      <ConfirmBar segment={segment} editable={props.editable} onConfirm={confirm} review={props.review} reviewCommands={reviewCommands} />
      {props.dictionaryQuery && <DictionaryBox query={props.dictionaryQuery} onClose={props.onCloseDictionary} />}
      <SuggestionsPanel
        source={segment.source}
        suggestions={suggestions}
        sourceLang={props.sourceLang}
        targetLang={props.targetLang}
        editable={props.editable}
        mt={mt}
        onUse={insert}
        onRequestMt={() => void requestMt()}
      />
      {props.baseline !== undefined && props.baseline !== segment.target && (
        <div className={styles.sendBack} data-testid="since-review-diff">
          <div className={styles.conflictLabel}>{t("sinceApproved")}</div>
          <InlineDiff before={props.baseline} after={segment.target} lang={props.targetLang} />
        </div>
      )}
      {(segment.status === "changes_requested" || segment.status === "draft") && <SendBackNote key={`sb-${segment.id}:${segment.version}`} segmentId={segment.id} lang={props.targetLang} />}
      <RestructureControls
        segment={segment}
        canJoinSplit={props.restructure.canJoinSplit}
        canEditSource={props.restructure.canEditSource}
        canUndo={props.restructure.canUndo}
        splitOpen={splitOpen}
        onSplitOpen={setSplitOpen}
        onRun={async (op) => {
          flush();
          return props.restructure.run(op);
        }}
      />
      {props.findings.length > 0 && (
        <ul className={styles.findings} aria-label={t("qaFindings")} data-testid="qa-findings">
          {props.findings.map((finding, i) => (
            <li key={i} data-check={finding.check} data-severity={finding.severity}>
              <strong>{qaText.check(finding.check)}</strong> {qaText.finding(finding)}
            </li>
          ))}
        </ul>
      )}
      <div className={styles.panelToggles}>
        <button type="button" className={styles.commentsToggle} aria-expanded={commentsOpen} onClick={() => setCommentsOpen((o) => !o)}>
          {t("commentsToggle", { count: segment.comments, openIssues: segment.openIssues })}
        </button>
        {/* i18n-exempt: a key combination */}
        <button type="button" className={styles.commentsToggle} aria-expanded={historyOpen} onClick={toggleHistory} title="Alt+H">
          {t("history")}
        </button>
      </div>
      {historyOpen &&
        props.history.pane &&
        createPortal(
          <SegmentHistoryPanel
            segmentId={segment.id}
            segmentNumber={segment.position + 1}
            source={segment.source}
            currentTarget={segment.target}
            sourceLang={props.history.sourceLang}
            targetLang={props.targetLang}
            canRestore={props.history.canRestore && props.editable}
            onRestore={(revision) => {
              window.clearTimeout(timer.current);
              return props.history.restore(revision);
            }}
            onClose={toggleHistory}
          />,
          props.history.pane,
        )}
      {commentsOpen && <CommentThread key={props.comments.reloadKey ?? 0} segmentId={segment.id} userId={props.comments.userId} members={props.comments.members} onCounts={props.comments.onCounts} />}
      {props.conflict && (
        <ConflictPanel
          conflict={props.conflict}
          lang={props.targetLang}
          onResolve={(choice) => {
            const mine = getValues("target");
            if (choice === "theirs") {
              setValue("target", props.conflict!.theirs.target);
              lastSent.current = props.conflict!.theirs.target;
            } else {
              lastSent.current = choice === "mine" ? mine : props.conflict!.theirs.target;
            }
            props.onResolveConflict(choice, choice === "theirs" ? props.conflict!.theirs.target : mine);
            textarea.current?.focus();
          }}
        />
      )}
    </div>
  );
}

function ConflictPanel({ conflict, lang, onResolve }: { conflict: Conflict; lang: string; onResolve: (choice: "mine" | "theirs" | "merge") => void }) {
  const t = useTranslations("editor.conflict");
  const f = useFormat();
  const who = conflict.theirs.authorName ?? t("someoneElse");
  if (conflict.merging) {
    return (
      <section className={styles.conflict} aria-label={t("mergingLabel")} data-testid="conflict-reference">
        <div className={styles.conflictLabel}>{t("merging", { who })}</div>
        <div lang={lang}>{conflict.theirs.target || <em>{t("empty")}</em>}</div>
      </section>
    );
  }
  return (
    <section className={styles.conflict} role="alertdialog" aria-label={t("label")} data-testid="conflict" data-live={conflict.live ? "true" : undefined}>
      <p>
        {conflict.live
          ? t.rich("justSaved", { who, time: f.time(conflict.theirs.updatedAt), b: (chunks) => <strong>{chunks}</strong> })
          : t.rich("savedMeanwhile", { who, time: f.time(conflict.theirs.updatedAt), b: (chunks) => <strong>{chunks}</strong> })}
      </p>
      <div className={styles.conflictTexts}>
        <div>
          <div className={styles.conflictLabel}>{t("theirs")}</div>
          <div lang={lang} data-testid="conflict-theirs">
            {conflict.theirs.target || <em>{t("empty")}</em>}
          </div>
        </div>
        <div>
          <div className={styles.conflictLabel}>{t("mine")}</div>
          <div lang={lang} data-testid="conflict-mine">
            {conflict.mine || <em>{t("empty")}</em>}
          </div>
        </div>
      </div>
      <div>
        <div className={styles.conflictLabel}>{t("difference")}</div>
        <InlineDiff before={conflict.theirs.target} after={conflict.mine} lang={lang} />
      </div>
      <div className={styles.conflictActions}>
        <button type="button" onClick={() => onResolve("mine")}>
          {t("keepMine")}
        </button>
        <button type="button" onClick={() => onResolve("theirs")}>
          {t("takeTheirs")}
        </button>
        <button type="button" onClick={() => onResolve("merge")}>
          {t("mergeByHand")}
        </button>

      </div>
    </section>
  );
}
