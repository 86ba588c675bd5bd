import type { Metadata } from "next";
import { getTranslations } from "next-intl/server";
import { DocumentCrumbs } from "@/components/projects/project-crumbs";
import { ReimportWizard } from "@/components/exchange/reimport-wizard";
import { PageHeader } from "@/components/ui/page-header";
import { authorizeDocument, requirePageUser } from "@/lib/auth/access";
import { forPage } from "@/lib/auth/page-access";
import { maxUploadBytes } from "@/lib/config/limits";

export async function generateMetadata(): Promise<Metadata> {
  const t = await getTranslations("exchange");
  return { title: t("reimport.title") };
}
export const dynamic = "force-dynamic";

/** Bring back a review table edited in Word (or an XLIFF/CSV/Excel file) and apply what changed. */
export default async function ReimportPage(props: { params: Promise<{ documentId: string }> }) {
  const { documentId } = await props.params;
  const user = await requirePageUser(`/documents/${documentId}/reimport`);
  const { document } = await forPage(() => authorizeDocument(user, documentId, "segment.edit"));
  const t = await getTranslations("exchange");
  return (
    <>
      <PageHeader
        crumbs={<DocumentCrumbs document={document} />}
        title={t("reimport.title")}
      />
      <ReimportWizard documentId={document.id} maxUploadBytes={maxUploadBytes()} targetLang={document.targetLang} me={{ id: user.id, name: user.name }} />
    </>
  );
}
