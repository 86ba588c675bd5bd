import type { Metadata } from "next";
import { getTranslations } from "next-intl/server";
import { ActivityList } from "@/components/activity/activity-list";
import { ProjectCrumbs } from "@/components/projects/project-crumbs";
import { PageHeader } from "@/components/ui/page-header";
import { loadActivityPage } from "@/lib/activity/activity-page";
import { authorizeProject, requirePageUser } from "@/lib/auth/access";
import { forPage } from "@/lib/auth/page-access";

export async function generateMetadata(): Promise<Metadata> {
  const t = await getTranslations("activity");
  return { title: t("projectTitle") };
}
export const dynamic = "force-dynamic";

export default async function ProjectActivityPage(props: { params: Promise<{ projectId: string }>; searchParams: Promise<{ group?: string; actor?: string; page?: string }> }) {
  const { projectId } = await props.params;
  const user = await requirePageUser(`/projects/${projectId}/activity`);
  const { project } = await forPage(() => authorizeProject(user, projectId, "project.view"));
  const [data, t] = await Promise.all([loadActivityPage({ projectId: project.id }, await props.searchParams), getTranslations("activity")]);
  return (
    <>
      <PageHeader
        crumbs={<ProjectCrumbs project={project} />}
        title={t("projectTitle")}
      />
      <ActivityList basePath={`/projects/${project.id}/activity`} showDocument {...data} />
    </>
  );
}
