import { ProjectCrumbs } from "@/components/projects/project-crumbs";
import { ProjectSettingsForm } from "@/components/members/project-settings-form";
import { PageHeader } from "@/components/ui/page-header";
import { authorizeProject, requirePageUser } from "@/lib/auth/access";
import { forPage } from "@/lib/auth/page-access";

export const dynamic = "force-dynamic";

export default async function ProjectSettingsPage({ params }: { params: Promise<{ projectId: string }> }) {
  const { projectId } = await params;
  const user = await requirePageUser(`/projects/${projectId}/settings`);
  const { project } = await forPage(() => authorizeProject(user, projectId, "project.update"));
  return (
    <>
      <PageHeader
        crumbs={<ProjectCrumbs project={project} />}
        title="Project settings"
      />
      <ProjectSettingsForm project={{ id: project.id, name: project.name, description: project.description, reviewStages: project.reviewStages, qualityThreshold: project.qualityThreshold, fourEyes: project.fourEyes }} />
    </>
  );
}
