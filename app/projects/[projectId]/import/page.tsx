import Link from "next/link";
import { notFound } from "next/navigation";
import { ImportWizard } from "@/components/import/import-wizard";
import { PageHeader } from "@/components/ui/page-header";
import { maxUploadBytes } from "@/lib/config/limits";
import { prisma } from "@/lib/db";
import { createImportedDocument, previewImport } from "./actions";

export const dynamic = "force-dynamic";

export default async function ImportPage({ params }: { params: Promise<{ projectId: string }> }) {
  const { projectId } = await params;
  const project = await prisma.project.findUnique({ where: { id: projectId } });
  if (!project) notFound();
  return (
    <>
      <PageHeader
        crumbs={
          <>
            <Link href="/">Projects</Link> / <Link href={`/projects/${project.id}`}>{project.name}</Link>
          </>
        }
        title="Import document"
      />
      <ImportWizard projectId={project.id} maxUploadBytes={maxUploadBytes()} preview={previewImport} create={createImportedDocument} />
    </>
  );
}
