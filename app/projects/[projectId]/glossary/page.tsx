import type { Metadata } from "next";
import Link from "next/link";
import { getTranslations } from "next-intl/server";
import { GlossaryEditor } from "@/components/glossary/glossary-editor";
import { PageHeader, ui } from "@/components/ui/page-header";
import { authorizeProject, requirePageUser } from "@/lib/auth/access";
import { forPage } from "@/lib/auth/page-access";
import { can } from "@/lib/auth/permissions";
import { glossaryPage } from "@/lib/glossary/glossary-repository";
import { GlossaryPager } from "@/components/glossary/glossary-pager";
import { maxUploadBytes } from "@/lib/config/limits";
import { DictionaryManager } from "@/components/spelling/dictionary-manager";
import { listDictionaryWords } from "@/lib/spelling/dictionary-repository";
import { spellingLocale } from "@/lib/spelling/locales";

export async function generateMetadata(): Promise<Metadata> {
  const t = await getTranslations("glossary");
  return { title: t("title") };
}
export const dynamic = "force-dynamic";

export default async function GlossaryPage(props: { params: Promise<{ projectId: string }>; searchParams: Promise<{ q?: string; page?: string }> }) {
  const { projectId } = await props.params;
  const { q = "", page = "1" } = await props.searchParams;
  const user = await requirePageUser(`/projects/${projectId}/glossary`);
  const { project, role } = await forPage(() => authorizeProject(user, projectId, "project.view"));
  const [shown, words, t, nav] = await Promise.all([glossaryPage(project.id, { query: String(q), page: Number(page) }), listDictionaryWords(project.id), getTranslations("glossary"), getTranslations("nav")]);
  return (
    <>
      <PageHeader
        crumbs={
          <>
            <Link href="/">{nav("projects")}</Link> / <Link href={`/projects/${project.id}`}>{project.name}</Link>
          </>
        }
        title={t("titleCount", { count: shown.total })}
        actions={
          <div style={{ display: "flex", gap: 8 }}>
            <a className={ui.button} href={`/api/projects/${project.id}/glossary/export?format=csv`} download>
              {t("exportCsv")}
            </a>
            <a className={ui.button} href={`/api/projects/${project.id}/glossary/export?format=tbx`} download>
              {t("exportTbx")}
            </a>
          </div>
        }
      />
      <p className={ui.emptyInline} style={{ marginBottom: 12 }}>
        {t.rich("help", { code: (chunks) => <code>{chunks}</code> })}
      </p>
      <GlossaryEditor projectId={project.id} terms={shown.terms} canEdit={can(user, "glossary.edit", { role })} maxUploadBytes={maxUploadBytes()} />
      <GlossaryPager projectId={project.id} query={String(q)} page={shown.page} pageCount={shown.pageCount} matching={shown.matching} total={shown.total} />
      <DictionaryManager
        projectId={project.id}
        words={words.map((w) => ({ word: w.word, addedBy: w.addedBy, createdAt: w.createdAt.toISOString() }))}
        canEdit={can(user, "dictionary.edit", { role })}
        variant={spellingLocale(project.targetLang)}
      />
    </>
  );
}
