import type { Metadata } from "next";
import Link from "next/link";
import { ActivityList } from "@/components/activity/activity-list";
import { PageHeader } from "@/components/ui/page-header";
import { loadActivityPage } from "@/lib/activity/activity-page";
import { authorizeProject, requirePageUser } from "@/lib/auth/access";
import { forPage } from "@/lib/auth/page-access";

export const metadata: Metadata = { title: "Project activity" };
export const dynamic = "force-dynamic";

export default async function ProjectActivityPage(props: { params: Promise<{ projectId: string }>; searchParams: Promise<{ group?: string; actor?: string; page?: string }> }) {
  const { projectId } = await props.params;
  const user = await requirePageUser(`/projects/${projectId}/activity`);
  const { project } = await forPage(() => authorizeProject(user, projectId, "project.view"));
  const data = await loadActivityPage({ projectId: project.id }, await props.searchParams);
  return (
    <>
      <PageHeader
        crumbs={
          <>
            <Link href="/">Projects</Link> / <Link href={`/projects/${project.id}`}>{project.name}</Link>
          </>
        }
        title="Project activity"
      />
      <ActivityList basePath={`/projects/${project.id}/activity`} showDocument {...data} />
    </>
  );
}
