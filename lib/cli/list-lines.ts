/** `duizhao list`'s lines, the same for the local database and a remote server (no imports: the remote mode loads no database code). */

type Counts = Partial<Record<"untranslated" | "draft" | "translated" | "changes_requested" | "reviewed" | "approved", number>>;

export function projectLine(project: { id: string; name: string; sourceLang: string; targetLang: string; documentCount: number }): string {
  return `${project.name}  [${project.id}]  ${project.sourceLang}→${project.targetLang}  ${project.documentCount} document(s)`;
}

export function documentLine(doc: { id: string; title: string; segmentCount: number; statusCounts: Counts }): string {
  const c = (status: keyof Counts) => doc.statusCounts[status] ?? 0;
  return `  ${doc.title}  [${doc.id}]  ${doc.segmentCount} segments: ${c("untranslated")} untranslated, ${c("draft") + c("translated") + c("changes_requested")} in translation, ${c("reviewed") + c("approved")} reviewed/approved`;
}
