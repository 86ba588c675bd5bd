import type { Metadata } from "next";
import { getTranslations } from "next-intl/server";
import { GlossaryEditor } from "@/components/glossary/glossary-editor";
import { ProjectCrumbs } from "@/components/projects/project-crumbs";
import { PageHeader, ui } from "@/components/ui/page-header";
import { authorizeProject, requirePageUser } from "@/lib/auth/access";
import { forPage } from "@/lib/auth/page-access";
import { can } from "@/lib/auth/permissions";
import { listGlossary } from "@/lib/glossary/glossary-repository";
import { maxUploadBytes } from "@/lib/config/limits";

export async function generateMetadata(): Promise<Metadata> {
  const t = await getTranslations("glossary.page");
  return { title: t("title") };
}
export const dynamic = "force-dynamic";

export default async function GlossaryPage(props: { params: Promise<{ projectId: string }> }) {
  const { projectId } = await props.params;
  const user = await requirePageUser(`/projects/${projectId}/glossary`);
  const { project, role } = await forPage(() => authorizeProject(user, projectId, "project.view"));
  const [terms, t] = await Promise.all([listGlossary(project.id), getTranslations("glossary.page")]);
  return (
    <>
      <PageHeader
        crumbs={<ProjectCrumbs project={project} />}
        title={t("titleCount", { count: terms.length })}
        actions={
          <div style={{ display: "flex", gap: 8 }}>
            <a className={ui.button} href={`/api/projects/${project.id}/glossary/export?format=csv`} download>
              {t("exportCsv")}
            </a>
            <a className={ui.button} href={`/api/projects/${project.id}/glossary/export?format=tbx`} download>
              {t("exportTbx")}
            </a>
          </div>
        }
      />
      <p className={ui.emptyInline} style={{ marginBottom: 12 }}>
        {t("help")}
      </p>
      <GlossaryEditor projectId={project.id} terms={terms} canEdit={can(user, "glossary.edit", { role })} maxUploadBytes={maxUploadBytes()} />
    </>
  );
}
