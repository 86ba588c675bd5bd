"use client";

import { useTranslations } from "next-intl";
import { useRouter } from "next/navigation";
import { JobProgressBar, useJobProgress } from "@/components/jobs/job-progress";
import { ui } from "@/components/ui/page-header";
import { useHydrated } from "@/components/ui/use-hydrated";
import { postUpload } from "./post-upload";
import { useUploadLimitMessages } from "./upload-limit";

type ImportCounts = { added: number; skipped: number };

/** A file input and an Import button that posts the file to its upload route (`url`: lib/http/upload-route.ts). */
export function FileImportForm(props: {
  label: string;
  accept: string;
  url: string;
  maxUploadBytes: number;
  /** What to say when it worked, from the counts. */
  describe: (counts: ImportCounts) => string;
  onMessage: (message: { ok: boolean; text: string }) => void;
}) {
  const t = useTranslations("common");
  const upload = useUploadLimitMessages();
  const router = useRouter();
  const hydrated = useHydrated();
  const job = useJobProgress();
  return (
    <form
      style={{ display: "flex", gap: 8, alignItems: "end", flexWrap: "wrap" }}
      onSubmit={async (e) => {
        e.preventDefault();
        const file = new FormData(e.currentTarget).get("file");
        // No file chosen: an empty one, which the route answers with what to choose.
        const chosen = file instanceof File ? file : new File([], "");
        const oversize = upload.oversize(chosen, props.maxUploadBytes);
        if (oversize) return props.onMessage({ ok: false, text: oversize });
        // A large file takes a while: the job's progress is shown until the answer comes.
        const jobId = job.begin();
        const result = await postUpload<ImportCounts>(props.url, chosen, { jobId }).catch(() => ({ ok: false as const, error: upload.failed(props.maxUploadBytes) }));
        job.end();
        props.onMessage(result.ok ? { ok: true, text: props.describe(result) } : { ok: false, text: result.error });
        if (result.ok) router.refresh();
      }}
    >
      <label>
        {props.label}
        <br />
        <input type="file" name="file" accept={props.accept} />
      </label>
      <button type="submit" className={ui.button} disabled={!hydrated || job.running}>
        {t("import")}
      </button>
      <JobProgressBar progress={job.progress} running={job.running} label={t("job.importing")} />
    </form>
  );
}
