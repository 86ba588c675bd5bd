import type { Metadata } from "next";
import { CheckIcon } from "@/components/ui/icons";
import Link from "next/link";
import { getTranslations } from "next-intl/server";
import { PageHeader, ui } from "@/components/ui/page-header";
import { ProgressBar, percentApproved } from "@/components/ui/progress-bar";
import { authorizeProject, requirePageUser } from "@/lib/auth/access";
import { forPage } from "@/lib/auth/page-access";
import { can } from "@/lib/auth/permissions";
import { prisma } from "@/lib/db";
import { getFormat } from "@/lib/i18n/server";
import { listDocumentSummaries } from "@/lib/projects/project-repository";

export async function generateMetadata(): Promise<Metadata> {
  const t = await getTranslations("projects.list");
  return { title: t("title") };
}
export const dynamic = "force-dynamic";

export default async function ProjectPage({ params }: { params: Promise<{ projectId: string }> }) {
  const { projectId } = await params;
  const user = await requirePageUser(`/projects/${projectId}`);
  const { project, role } = await forPage(() => authorizeProject(user, projectId, "project.view"));
  const [documents, t, nav, roles, f] = await Promise.all([listDocumentSummaries(prisma, project.id), getTranslations("projects.page"), getTranslations("nav"), getTranslations("roles"), getFormat()]);
  return (
    <>
      <PageHeader
        crumbs={<Link href="/">{nav("projects")}</Link>}
        title={project.name}
        actions={
          <div style={{ display: "flex", gap: 8, alignItems: "center" }}>
            <span style={{ color: "var(--text-muted)", fontSize: 12 }}>{t("yourRole", { role: roles(role) })}</span>
            <Link href={`/projects/${project.id}/glossary`} className={ui.button}>
              {t("glossary")}
            </Link>
            <Link href={`/projects/${project.id}/memory`} className={ui.button}>
              {t("memory")}
            </Link>
            <Link href={`/projects/${project.id}/activity`} className={ui.button}>
              {t("activity")}
            </Link>
            {can(user, "project.analyse", { role }) && (
              <Link href={`/projects/${project.id}/analysis`} className={ui.button}>
                {t("analysis")}
              </Link>
            )}
            {can(user, "project.update", { role }) && (
              <Link href={`/projects/${project.id}/settings`} className={ui.button}>
                {t("settings")}
              </Link>
            )}
            {can(user, "project.members.manage", { role }) && (
              <Link href={`/projects/${project.id}/members`} className={ui.button}>
                {t("members")}
              </Link>
            )}
            {can(user, "document.import", { role }) && (
              <Link href={`/projects/${project.id}/import`} className={`${ui.button} ${ui.primary}`}>
                {t("import")}
              </Link>
            )}
          </div>
        }
      />
      <div className={ui.card}>
        {documents.length === 0 ? (
          <p className={ui.empty}>{t("empty")}</p>
        ) : (
          <table className={ui.table} aria-label={t("documents")}>
            <thead>
              <tr>
                <th>{t("document")}</th>
                <th className={ui.num}>{t("segments")}</th>
                <th>{t("progress")}</th>
                <th>{t("imported")}</th>
              </tr>
            </thead>
            <tbody>
              {documents.map((d) => (
                <tr key={d.id}>
                  <td>
                    <Link href={`/documents/${d.id}`} lang="zh-CN">
                      {d.title}
                    </Link>
                    {d.status === "approved" && <span style={{ marginLeft: 8, color: "var(--success)", fontSize: 12 }}><CheckIcon /> {t("signedOff")}</span>}
                  </td>
                  <td className={ui.num}>{f.number(d.segmentCount)}</td>
                  <td style={{ width: 240 }}>
                    <ProgressBar counts={d.statusCounts} total={d.segmentCount} />
                    <div style={{ fontSize: 12, color: "var(--text-muted)" }}>
                      {t("progressLine", { percent: percentApproved(d.statusCounts, d.segmentCount), untranslated: f.number(d.statusCounts.untranslated) })}
                    </div>
                  </td>
                  <td style={{ whiteSpace: "nowrap" }}>
                    <time dateTime={d.createdAt.toISOString()}>{f.dateTime(d.createdAt)}</time>
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        )}
      </div>
    </>
  );
}
