import type { Metadata } from "next";
import { DocumentCrumbs } from "@/components/projects/project-crumbs";
import { ActivityList } from "@/components/activity/activity-list";
import { PageHeader } from "@/components/ui/page-header";
import { loadActivityPage } from "@/lib/activity/activity-page";
import { authorizeDocument, requirePageUser } from "@/lib/auth/access";
import { forPage } from "@/lib/auth/page-access";

export const metadata: Metadata = { title: "Document activity" };
export const dynamic = "force-dynamic";

export default async function DocumentActivityPage(props: { params: Promise<{ documentId: string }>; searchParams: Promise<{ group?: string; actor?: string; page?: string }> }) {
  const { documentId } = await props.params;
  const user = await requirePageUser(`/documents/${documentId}/activity`);
  const { document } = await forPage(() => authorizeDocument(user, documentId, "document.view"));
  const data = await loadActivityPage({ projectId: document.projectId, documentId }, await props.searchParams);
  return (
    <>
      <PageHeader
        crumbs={<DocumentCrumbs document={document} />}
        title="Document activity"
      />
      <ActivityList basePath={`/documents/${document.id}/activity`} showDocument={false} {...data} />
    </>
  );
}
