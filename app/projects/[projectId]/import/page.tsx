import { ProjectCrumbs } from "@/components/projects/project-crumbs";
import { ImportWizard } from "@/components/import/import-wizard";
import { PageHeader } from "@/components/ui/page-header";
import { maxUploadBytes } from "@/lib/config/limits";
import { authorizeProject, requirePageUser } from "@/lib/auth/access";
import { forPage } from "@/lib/auth/page-access";
import { createBilingualImport, createImportedDocument, previewImport } from "./actions";

export const dynamic = "force-dynamic";

export default async function ImportPage({ params }: { params: Promise<{ projectId: string }> }) {
  const { projectId } = await params;
  const user = await requirePageUser(`/projects/${projectId}/import`);
  const { project } = await forPage(() => authorizeProject(user, projectId, "document.import"));
  return (
    <>
      <PageHeader
        crumbs={<ProjectCrumbs project={project} />}
        title="Import document"
      />
      <ImportWizard projectId={project.id} maxUploadBytes={maxUploadBytes()} preview={previewImport} create={createImportedDocument} createBilingual={createBilingualImport} />
    </>
  );
}
