import type { Metadata } from "next";
import { getTranslations } from "next-intl/server";
import { AnalysisPanel } from "@/components/analysis/analysis-panel";
import { ProjectCrumbs } from "@/components/projects/project-crumbs";
import { PageHeader } from "@/components/ui/page-header";
import { authorizeProject, requirePageUser } from "@/lib/auth/access";
import { forPage } from "@/lib/auth/page-access";
import { prisma } from "@/lib/db";
import { listDocumentSummaries } from "@/lib/projects/project-repository";

export async function generateMetadata(): Promise<Metadata> {
  const t = await getTranslations("analysis");
  return { title: t("title") };
}
export const dynamic = "force-dynamic";

/** Analysis by match band (owners): ?documents=<id,id…> chooses those documents, else the whole project. */
export default async function AnalysisPage(props: { params: Promise<{ projectId: string }>; searchParams: Promise<{ documents?: string }> }) {
  const { projectId } = await props.params;
  const { documents: wanted } = await props.searchParams;
  const user = await requirePageUser(`/projects/${projectId}/analysis`);
  const { project } = await forPage(() => authorizeProject(user, projectId, "project.analyse"));
  const [documents, t] = await Promise.all([listDocumentSummaries(prisma, project.id), getTranslations("analysis")]);
  const ids = new Set(documents.map((d) => d.id));
  const preselected = (typeof wanted === "string" ? wanted.split(",") : []).filter((id) => ids.has(id));
  return (
    <>
      <PageHeader crumbs={<ProjectCrumbs project={project} />} title={t("title")} />
      <p style={{ marginTop: 0, color: "var(--text-muted)" }}>{t("intro")}</p>
      <AnalysisPanel projectId={project.id} documents={documents.map((d) => ({ id: d.id, title: d.title, segments: d.segmentCount }))} preselected={preselected} />
    </>
  );
}
