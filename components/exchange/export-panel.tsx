"use client";

import { useTranslations } from "next-intl";
import { useState } from "react";
import { ui } from "@/components/ui/page-header";
import { HydratedFieldset } from "@/components/ui/hydrated-fieldset";
// format-ids.ts, not lib/i18n/labels.ts: the labels module reaches server-only code.
import { EXPORT_FORMAT_KEYS, isExportFormat } from "@/lib/exchange/format-ids";
import { useFormat } from "@/lib/i18n/use-format";
import styles from "./exchange.module.css";

/** File name from Content-Disposition (the UTF-8 form first, so Chinese titles survive). */
function fileNameOf(header: string | null, fallback: string): string {
  const utf8 = /filename\*=UTF-8''([^;]+)/i.exec(header ?? "")?.[1];
  if (utf8) return decodeURIComponent(utf8);
  return /filename="([^"]+)"/i.exec(header ?? "")?.[1] ?? fallback;
}

/**
 * Export for owners: format, all or approved only, with or without comments. The export is first
 * recorded (a POST: logged, and a version frozen if the document changed since its last one), then
 * the file streams in (a GET, which changes nothing) and the panel shows how much has arrived.
 * Its choices are disabled until the page has hydrated (a HydratedFieldset): React would set a
 * choice made in the server's HTML back to its state's default as it hydrates, and the export
 * would quietly be made without it (a Word file without the tracked changes asked for).
 */
export function ExportPanel({ documentId, formats, versions = [] }: { documentId: string; formats: { id: string; label: string }[]; versions?: { id: string; label: string }[] }) {
  const t = useTranslations("exchange");
  const formatName = useTranslations("exchange.formats");
  const f = useFormat();
  const kb = (bytes: number) => f.number(bytes / 1024, { maximumFractionDigits: 0 });
  const [format, setFormat] = useState(formats[0]!.id);
  const [track, setTrack] = useState<"none" | "since-confirmed" | "versions">("none");
  const [from, setFrom] = useState(versions[0]?.id ?? "");
  const [to, setTo] = useState("now");
  const word = format.startsWith("docx-");
  // The same list of frozen versions feeds both ends of a "between versions" export.
  const versionOptions = versions.map((v) => (
    <option key={v.id} value={v.id}>
      {v.label}
    </option>
  ));
  const [approvedOnly, setApprovedOnly] = useState(false);
  const [withComments, setWithComments] = useState(true);
  const [status, setStatus] = useState<{ busy: boolean; text: string; error?: boolean } | null>(null);

  async function download() {
    setStatus({ busy: true, text: t("export.preparing") });
    try {
      const recorded = await fetch(`/api/documents/${documentId}/export`, {
        method: "POST",
        headers: { "content-type": "application/json" },
        body: JSON.stringify({
          format,
          scope: approvedOnly ? "approved" : "all",
          comments: withComments,
          // Word formats: edits as tracked changes (w:ins/w:del) and comments as Word comments.
          ...(word && track !== "none" ? { track: track === "versions" ? { mode: track, from, to } : { mode: track } } : {}),
        }),
      });
      const record = (await recorded.json().catch(() => ({}))) as { error?: string; download?: string; version?: { label: string; created: boolean } };
      if (!recorded.ok || !record.download || !record.version) {
        return setStatus({ busy: false, text: record.error ?? t("export.failed", { status: recorded.status }), error: true });
      }
      const { version } = record;
      const response = await fetch(record.download);
      if (!response.ok || !response.body) {
        const body = (await response.json().catch(() => ({}))) as { error?: string };
        return setStatus({ busy: false, text: body.error ?? t("export.failed", { status: response.status }), error: true });
      }
      const segments = Number(response.headers.get("x-segment-count") ?? 0);
      const reader = response.body.getReader();
      const chunks: Uint8Array[] = [];
      let received = 0;
      for (;;) {
        const { done, value } = await reader.read();
        if (done) break;
        chunks.push(value);
        received += value.length;
        setStatus({ busy: true, text: t("export.downloading", { count: segments, size: kb(received) }) });
      }
      const blob = new Blob(chunks as BlobPart[], { type: response.headers.get("content-type") ?? "application/octet-stream" });
      const link = document.createElement("a");
      link.href = URL.createObjectURL(blob);
      link.download = fileNameOf(response.headers.get("content-disposition"), `export.${format}`);
      document.body.append(link);
      link.click();
      link.remove();
      setTimeout(() => URL.revokeObjectURL(link.href), 10_000);
      const versionNote = version.created ? t("export.newVersion", { label: version.label }) : t("export.sameVersion", { label: version.label });
      setStatus({ busy: false, text: `${t("export.done", { count: segments, size: kb(received), file: link.download })} ${versionNote}` });
    } catch {
      setStatus({ busy: false, text: t("export.interrupted"), error: true });
    }
  }

  return (
    <section className={`${ui.card} ${ui.padded} ${styles.exportPanel}`} aria-label={t("export.label")}>
      {/* Choices and button wait for hydration; display: contents, so the panel's row lays them out. */}
      <HydratedFieldset>
        <label>
          {t("export.as")}{" "}
          <select value={format} onChange={(e) => setFormat(e.target.value)}>
            {formats.map((option) => (
              <option key={option.id} value={option.id}>
                {isExportFormat(option.id) ? formatName(EXPORT_FORMAT_KEYS[option.id]) : option.label}
              </option>
            ))}
          </select>
        </label>
        {word && (
          <label>
            {t("export.tracked.label")}{" "}
            <select value={track} onChange={(e) => setTrack(e.target.value as typeof track)}>
              <option value="none">{t("export.tracked.none")}</option>
              <option value="since-confirmed">{t("export.tracked.sinceConfirmed")}</option>
              {versions.length > 0 && <option value="versions">{t("export.tracked.versions")}</option>}
            </select>
          </label>
        )}
        {word && track === "versions" && (
          <>
            <label>
              {t("export.tracked.from")}{" "}
              <select value={from} onChange={(e) => setFrom(e.target.value)}>
                {versionOptions}
              </select>
            </label>
            <label>
              {t("export.tracked.to")}{" "}
              <select value={to} onChange={(e) => setTo(e.target.value)}>
                <option value="now">{t("export.tracked.now")}</option>
                {versionOptions}
              </select>
            </label>
          </>
        )}
        <label>
          <input type="checkbox" checked={approvedOnly} onChange={(e) => setApprovedOnly(e.target.checked)} /> {t("export.approvedOnly")}
        </label>
        <label>
          <input type="checkbox" checked={withComments} onChange={(e) => setWithComments(e.target.checked)} /> {t("export.withComments")}
        </label>
        <button type="button" className={ui.button} disabled={status?.busy} onClick={() => void download()}>
          {t("export.button")}
        </button>
      </HydratedFieldset>
      {status && (
        <span role={status.error ? "alert" : "status"} data-testid="export-status" style={{ color: status.error ? "var(--danger)" : undefined }}>
          {status.text}
        </span>
      )}
    </section>
  );
}
