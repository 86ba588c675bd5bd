"use client";

import { useState } from "react";
import { ui } from "@/components/ui/page-header";
import { useHydrated } from "@/components/ui/use-hydrated";
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
 */
export function ExportPanel({ documentId, formats, versions = [] }: { documentId: string; formats: { id: string; label: string }[]; versions?: { id: string; label: string }[] }) {
  const hydrated = useHydrated();
  const [format, setFormat] = useState(formats[0]!.id);
  const [track, setTrack] = useState<"none" | "since-confirmed" | "versions">("none");
  const [from, setFrom] = useState(versions[0]?.id ?? "");
  const [to, setTo] = useState("now");
  const word = format.startsWith("docx-");
  const [approvedOnly, setApprovedOnly] = useState(false);
  const [withComments, setWithComments] = useState(true);
  const [status, setStatus] = useState<{ busy: boolean; text: string; error?: boolean } | null>(null);

  async function download() {
    setStatus({ busy: true, text: "Preparing…" });
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
        return setStatus({ busy: false, text: record.error ?? `The export failed (${recorded.status}).`, error: true });
      }
      const { version } = record;
      const response = await fetch(record.download);
      if (!response.ok || !response.body) {
        const body = (await response.json().catch(() => ({}))) as { error?: string };
        return setStatus({ busy: false, text: body.error ?? `The export failed (${response.status}).`, error: true });
      }
      const segments = response.headers.get("x-segment-count");
      const reader = response.body.getReader();
      const chunks: Uint8Array[] = [];
      let received = 0;
      for (;;) {
        const { done, value } = await reader.read();
        if (done) break;
        chunks.push(value);
        received += value.length;
        setStatus({ busy: true, text: `Downloading ${segments ?? ""} segments… ${(received / 1024).toFixed(0)} KB` });
      }
      const blob = new Blob(chunks as BlobPart[], { type: response.headers.get("content-type") ?? "application/octet-stream" });
      const link = document.createElement("a");
      link.href = URL.createObjectURL(blob);
      link.download = fileNameOf(response.headers.get("content-disposition"), `export.${format}`);
      document.body.append(link);
      link.click();
      link.remove();
      setTimeout(() => URL.revokeObjectURL(link.href), 10_000);
      const versionNote = version.created ? `Saved as version “${version.label}”.` : `No changes since version “${version.label}”, so no new version was saved.`;
      setStatus({ busy: false, text: `Exported ${segments ?? ""} segments (${(received / 1024).toFixed(0)} KB) as “${link.download}”. ${versionNote}` });
    } catch {
      setStatus({ busy: false, text: "The export was interrupted (network). Try again.", error: true });
    }
  }

  return (
    <section className={`${ui.card} ${ui.padded} ${styles.exportPanel}`} aria-label="Export">
      <label>
        Export as{" "}
        <select value={format} onChange={(e) => setFormat(e.target.value)}>
          {formats.map((f) => (
            <option key={f.id} value={f.id}>
              {f.label}
            </option>
          ))}
        </select>
      </label>
      {word && (
        <label>
          Tracked changes{" "}
          <select value={track} onChange={(e) => setTrack(e.target.value as typeof track)}>
            <option value="none">None</option>
            <option value="since-confirmed">Edits since the translator confirmed</option>
            {versions.length > 0 && <option value="versions">Changes between versions…</option>}
          </select>
        </label>
      )}
      {word && track === "versions" && (
        <>
          <label>
            from{" "}
            <select value={from} onChange={(e) => setFrom(e.target.value)}>
              {versions.map((v) => (
                <option key={v.id} value={v.id}>
                  {v.label}
                </option>
              ))}
            </select>
          </label>
          <label>
            to{" "}
            <select value={to} onChange={(e) => setTo(e.target.value)}>
              <option value="now">Now</option>
              {versions.map((v) => (
                <option key={v.id} value={v.id}>
                  {v.label}
                </option>
              ))}
            </select>
          </label>
        </>
      )}
      <label>
        <input type="checkbox" checked={approvedOnly} onChange={(e) => setApprovedOnly(e.target.checked)} /> Approved segments only
      </label>
      <label>
        <input type="checkbox" checked={withComments} onChange={(e) => setWithComments(e.target.checked)} /> With comments
      </label>
      <button type="button" className={ui.button} disabled={!hydrated || status?.busy} onClick={() => void download()}>
        Export
      </button>
      {status && (
        <span role={status.error ? "alert" : "status"} data-testid="export-status" style={{ color: status.error ? "var(--danger)" : undefined }}>
          {status.text}
        </span>
      )}
    </section>
  );
}
