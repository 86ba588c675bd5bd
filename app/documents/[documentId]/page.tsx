import Link from "next/link";
import { getTranslations } from "next-intl/server";
import { notFound } from "next/navigation";
import { authorizeDocument, requirePageUser } from "@/lib/auth/access";
import { forPage } from "@/lib/auth/page-access";
import { can } from "@/lib/auth/permissions";
import { BilingualView } from "@/components/documents/bilingual-view";
import { ProjectCrumbs } from "@/components/projects/project-crumbs";
import { PageHeader, ui } from "@/components/ui/page-header";
import { prisma } from "@/lib/db";
import { getDocumentPage } from "@/lib/documents/document-queries";
import { DocumentReviewPanel } from "@/components/review/document-review-panel";
import { assignableMembers } from "@/lib/review/assignment";
import { signOffReadiness } from "@/lib/review/sign-off";
import { ExportPanel } from "@/components/exchange/export-panel";
import { EXPORT_FORMATS } from "@/lib/exchange/formats";
import { listVersions } from "@/lib/versions/version-repository";
import { getPageLocale } from "@/lib/i18n/server";
import { PretranslateButton } from "@/components/exchange/pretranslate-button";
import { configuredProvider } from "@/lib/mt/providers";

export const dynamic = "force-dynamic";

export default async function DocumentPage({
  params,
  searchParams,
}: {
  params: Promise<{ documentId: string }>;
  searchParams: Promise<{ page?: string }>;
}) {
  const { documentId } = await params;
  const { page } = await searchParams;
  const user = await requirePageUser(`/documents/${documentId}`);
  const { role } = await forPage(() => authorizeDocument(user, documentId, "document.view"));
  const data = await getDocumentPage(prisma, documentId, Number(page) || 1);
  if (!data) notFound();
  const { document } = data;
  const people = await prisma.document.findUniqueOrThrow({
    where: { id: document.id },
    select: { translator: { select: { id: true, name: true } }, reviewer: { select: { id: true, name: true } }, signedOffAt: true, signedOffBy: { select: { name: true } } },
  });
  const t = await getTranslations("documents.page");
  const mayAssign = can(user, "document.assign", { role });
  const mtProvider = configuredProvider();
  const maySignOff = can(user, "document.signOff", { role });
  return (
    <>
      <PageHeader
        crumbs={<ProjectCrumbs project={{ id: document.projectId, name: document.project.name }} />}
        title={document.title}
        titleLang="zh-CN"
        actions={
          <div style={{ display: "flex", gap: 8 }}>
            {can(user, "segment.edit", { role }) && (
              <Link href={`/documents/${document.id}/reimport`} className={ui.button}>
                {t("reimport")}
              </Link>
            )}
            <Link href={`/documents/${document.id}/versions`} className={ui.button}>
              {t("versions")}
            </Link>
            <Link href={`/documents/${document.id}/activity`} className={ui.button}>
              {t("activity")}
            </Link>
            <Link href={`/documents/${document.id}/quality`} className={ui.button}>
              {t("quality")}
            </Link>
            {can(user, "project.analyse", { role }) && (
              <Link href={`/projects/${document.projectId}/analysis?documents=${document.id}`} className={ui.button}>
                {t("analysis")}
              </Link>
            )}
            <Link href={`/documents/${document.id}/edit`} className={`${ui.button} ${ui.primary}`}>
              {t("openEditor")}
            </Link>
          </div>
        }
      />
      <DocumentReviewPanel
        documentId={document.id}
        signedOff={people.signedOffAt ? { by: people.signedOffBy?.name ?? t("formerMember"), at: people.signedOffAt.toISOString() } : null}
        assignment={{ translator: people.translator, reviewer: people.reviewer }}
        candidates={mayAssign ? await assignableMembers(document.projectId) : undefined}
        readiness={maySignOff ? await signOffReadiness(document.id) : undefined}
      />
      {mtProvider && can(user, "document.pretranslate", { role }) && (
        <div style={{ marginBottom: 16 }}>
          <PretranslateButton documentId={document.id} provider={mtProvider.label} />
        </div>
      )}
      {can(user, "document.export", { role }) && (
        <ExportPanel
          documentId={document.id}
          formats={Object.entries(EXPORT_FORMATS).map(([id, f]) => ({ id, label: f.label }))}
          versions={(await listVersions(document.id, await getPageLocale())).map((v) => ({ id: v.id, label: v.label }))}
        />
      )}
      <BilingualView
        documentId={document.id}
        sourceLang={document.sourceLang}
        targetLang={document.targetLang}
        segments={data.segments}
        total={data.total}
        page={data.page}
        pageCount={data.pageCount}
        canReview={can(user, "segment.review", { role })}
        reviewStages={document.project.reviewStages}
        userId={user.id}
      />
    </>
  );
}
