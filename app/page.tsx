import type { Metadata } from "next";
import Link from "next/link";
import { getTranslations } from "next-intl/server";
import { PageHeader, ui } from "@/components/ui/page-header";
import { ProgressBar, percentApproved } from "@/components/ui/progress-bar";
import { ownsAProject, requirePageUser } from "@/lib/auth/access";
import { can, isProjectRole } from "@/lib/auth/permissions";
import { prisma } from "@/lib/db";
import { getFormat } from "@/lib/i18n/server";
import { listProjectSummaries } from "@/lib/projects/project-repository";

export async function generateMetadata(): Promise<Metadata> {
  const t = await getTranslations("projects.list");
  return { title: t("title") };
}
export const dynamic = "force-dynamic";

export default async function ProjectsPage() {
  const user = await requirePageUser("/");
  const projects = await listProjectSummaries(prisma, user);
  const mayCreate = can(user, "project.create", { role: null, ownsAProject: await ownsAProject(user.id) });
  const [t, roles, f] = await Promise.all([getTranslations("projects.list"), getTranslations("roles"), getFormat()]);
  return (
    <>
      <PageHeader
        title={t("title")}
        actions={
          mayCreate && (
            <Link href="/projects/new" className={`${ui.button} ${ui.primary}`}>
              {t("new")}
            </Link>
          )
        }
      />
      <div className={ui.card}>
        {projects.length === 0 ? (
          <p className={ui.empty}>{t("empty")}</p>
        ) : (
          <table className={ui.table}>
            <thead>
              <tr>
                <th>{t("project")}</th>
                <th>{t("role")}</th>
                <th>{t("languages")}</th>
                <th className={ui.num}>{t("documents")}</th>
                <th className={ui.num}>{t("segments")}</th>
                <th>{t("progress")}</th>
              </tr>
            </thead>
            <tbody>
              {projects.map((p) => (
                <tr key={p.id}>
                  <td>
                    <Link href={`/projects/${p.id}`}>{p.name}</Link>
                    {p.description && <div style={{ color: "var(--text-muted)", fontSize: 12 }}>{p.description}</div>}
                  </td>
                  <td>{isProjectRole(p.role) ? roles(p.role) : p.role}</td>
                  <td style={{ whiteSpace: "nowrap" }}>
                    {p.sourceLang} → {p.targetLang}
                  </td>
                  <td className={ui.num}>{f.number(p.documentCount)}</td>
                  <td className={ui.num}>{f.number(p.segmentCount)}</td>
                  <td style={{ width: 220 }}>
                    <ProgressBar counts={p.statusCounts} total={p.segmentCount} />
                    <div style={{ fontSize: 12, color: "var(--text-muted)" }}>{t("approved", { percent: percentApproved(p.statusCounts, p.segmentCount) })}</div>
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
