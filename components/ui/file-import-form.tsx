"use client";

import { useTranslations } from "next-intl";
import { useRouter } from "next/navigation";
import { JobProgressBar, useJobProgress } from "@/components/jobs/job-progress";
import { ui } from "@/components/ui/page-header";
import { useHydrated } from "@/components/ui/use-hydrated";
import type { ActionResult } from "@/lib/auth/action-result";
import { useUploadLimitMessages } from "./upload-limit";

type ImportCounts = { added: number; skipped: number };

/** A file input and an Import button that hands the file (with the project) to a server action. */
export function FileImportForm(props: {
  label: string;
  accept: string;
  projectId: string;
  maxUploadBytes: number;
  action: (form: FormData) => Promise<ActionResult<ImportCounts>>;
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
        const form = new FormData(e.currentTarget);
        form.set("projectId", props.projectId);
        const file = form.get("file");
        const oversize = file instanceof File ? upload.oversize(file, props.maxUploadBytes) : null;
        if (oversize) return props.onMessage({ ok: false, text: oversize });
        // A large file takes a while: the job's progress is shown until the answer comes.
        form.set("jobId", job.begin());
        const result = await props.action(form).catch(() => ({ ok: false as const, error: upload.failed(props.maxUploadBytes) }));
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
