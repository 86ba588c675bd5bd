import type { Metadata } from "next";
import { getTranslations } from "next-intl/server";
import { ProjectCrumbs } from "@/components/projects/project-crumbs";
import { ImportWizard } from "@/components/import/import-wizard";
import { PageHeader } from "@/components/ui/page-header";
import { maxUploadBytes } from "@/lib/config/limits";
import { authorizeProject, requirePageUser } from "@/lib/auth/access";
import { forPage } from "@/lib/auth/page-access";
import { createImportedDocument, previewPastedTextAction } from "./actions";

export const dynamic = "force-dynamic";

export async function generateMetadata(): Promise<Metadata> {
  const t = await getTranslations("import");
  return { title: t("title") };
}

export default async function ImportPage({ params }: { params: Promise<{ projectId: string }> }) {
  const { projectId } = await params;
  const user = await requirePageUser(`/projects/${projectId}/import`);
  const { project } = await forPage(() => authorizeProject(user, projectId, "document.import"));
  const t = await getTranslations("import");
  return (
    <>
      <PageHeader
        crumbs={<ProjectCrumbs project={project} />}
        title={t("title")}
      />
      <ImportWizard projectId={project.id} maxUploadBytes={maxUploadBytes()} previewText={previewPastedTextAction} create={createImportedDocument} />
    </>
  );
}
