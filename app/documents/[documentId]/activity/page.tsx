import type { Metadata } from "next";
import { getTranslations } from "next-intl/server";
import { DocumentCrumbs } from "@/components/projects/project-crumbs";
import { ActivityList } from "@/components/activity/activity-list";
import { PageHeader } from "@/components/ui/page-header";
import { loadActivityPage } from "@/lib/activity/activity-page";
import { authorizeDocument, requirePageUser } from "@/lib/auth/access";
import { forPage } from "@/lib/auth/page-access";

export async function generateMetadata(): Promise<Metadata> {
  const t = await getTranslations("activity");
  return { title: t("documentTitle") };
}
export const dynamic = "force-dynamic";

export default async function DocumentActivityPage(props: { params: Promise<{ documentId: string }>; searchParams: Promise<{ group?: string; actor?: string; page?: string }> }) {
  const { documentId } = await props.params;
  const user = await requirePageUser(`/documents/${documentId}/activity`);
  const { document } = await forPage(() => authorizeDocument(user, documentId, "document.view"));
  const [data, t] = await Promise.all([loadActivityPage({ projectId: document.projectId, documentId }, await props.searchParams), getTranslations("activity")]);
  return (
    <>
      <PageHeader
        crumbs={<DocumentCrumbs document={document} />}
        title={t("documentTitle")}
      />
      <ActivityList basePath={`/documents/${document.id}/activity`} showDocument={false} {...data} />
    </>
  );
}
