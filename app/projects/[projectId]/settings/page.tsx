import type { Metadata } from "next";
import { getTranslations } from "next-intl/server";
import { ProjectCrumbs } from "@/components/projects/project-crumbs";
import { ProjectSettingsForm } from "@/components/members/project-settings-form";
import { RepetitionSettingsForm } from "@/components/projects/repetition-settings-form";
import Link from "next/link";
import { PageHeader, ui } from "@/components/ui/page-header";
import { authorizeProject, requirePageUser } from "@/lib/auth/access";
import { forPage } from "@/lib/auth/page-access";

export async function generateMetadata(): Promise<Metadata> {
  const t = await getTranslations("projects.settings");
  return { title: t("title") };
}
export const dynamic = "force-dynamic";

export default async function ProjectSettingsPage({ params }: { params: Promise<{ projectId: string }> }) {
  const { projectId } = await params;
  const user = await requirePageUser(`/projects/${projectId}/settings`);
  const { project } = await forPage(() => authorizeProject(user, projectId, "project.update"));
  const t = await getTranslations("projects.settings");
  return (
    <>
      <PageHeader
        crumbs={<ProjectCrumbs project={project} />}
        title={t("title")}
        actions={
          <Link className={ui.button} href={`/projects/${project.id}/webhooks`}>
            {t("webhooksLink")}
          </Link>
        }
      />
      <ProjectSettingsForm project={{ id: project.id, name: project.name, description: project.description, reviewStages: project.reviewStages, qualityThreshold: project.qualityThreshold, fourEyes: project.fourEyes }} />
      <div style={{ marginTop: 16 }}>
        <RepetitionSettingsForm project={{ id: project.id, propagateAcrossDocuments: project.propagateAcrossDocuments, propagatedStatus: project.propagatedStatus }} />
      </div>
    </>
  );
}
