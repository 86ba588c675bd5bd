import Link from "next/link";
import { notFound } from "next/navigation";
import { authorizeDocument, requirePageUser } from "@/lib/auth/access";
import { forPage } from "@/lib/auth/page-access";
import { can } from "@/lib/auth/permissions";
import { BilingualView } from "@/components/documents/bilingual-view";
import { PageHeader, ui } from "@/components/ui/page-header";
import { prisma } from "@/lib/db";
import { getDocumentPage } from "@/lib/documents/document-queries";

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
  return (
    <>
      <PageHeader
        crumbs={
          <>
            <Link href="/">Projects</Link> / <Link href={`/projects/${document.projectId}`}>{document.project.name}</Link>
          </>
        }
        title={document.title}
        titleLang="zh-CN"
        actions={
          <Link href={`/documents/${document.id}/edit`} className={`${ui.button} ${ui.primary}`}>
            Open editor
          </Link>
        }
      />
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
      />
    </>
  );
}
