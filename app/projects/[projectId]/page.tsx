import { CheckIcon } from "@/components/ui/icons";
import Link from "next/link";
import { PageHeader, ui } from "@/components/ui/page-header";
import { ProgressBar, percentApproved } from "@/components/ui/progress-bar";
import { authorizeProject, requirePageUser } from "@/lib/auth/access";
import { forPage } from "@/lib/auth/page-access";
import { can, ROLE_LABELS } from "@/lib/auth/permissions";
import { prisma } from "@/lib/db";
import { listDocumentSummaries } from "@/lib/projects/project-repository";

export const dynamic = "force-dynamic";

export default async function ProjectPage({ params }: { params: Promise<{ projectId: string }> }) {
  const { projectId } = await params;
  const user = await requirePageUser(`/projects/${projectId}`);
  const { project, role } = await forPage(() => authorizeProject(user, projectId, "project.view"));
  const documents = await listDocumentSummaries(prisma, project.id);
  return (
    <>
      <PageHeader
        crumbs={<Link href="/">Projects</Link>}
        title={project.name}
        actions={
          <div style={{ display: "flex", gap: 8, alignItems: "center" }}>
            <span style={{ color: "var(--text-muted)", fontSize: 12 }}>Your role: {ROLE_LABELS[role]}</span>
            <Link href={`/projects/${project.id}/glossary`} className={ui.button}>
              Glossary
            </Link>
            <Link href={`/projects/${project.id}/memory`} className={ui.button}>
              Memory
            </Link>
            <Link href={`/projects/${project.id}/activity`} className={ui.button}>
              Activity
            </Link>
            {can(user, "project.update", { role }) && (
              <Link href={`/projects/${project.id}/settings`} className={ui.button}>
                Settings
              </Link>
            )}
            {can(user, "project.members.manage", { role }) && (
              <Link href={`/projects/${project.id}/members`} className={ui.button}>
                Members
              </Link>
            )}
            {can(user, "document.import", { role }) && (
              <Link href={`/projects/${project.id}/import`} className={`${ui.button} ${ui.primary}`}>
                Import document
              </Link>
            )}
          </div>
        }
      />
      <div className={ui.card}>
        {documents.length === 0 ? (
          <p className={ui.empty}>No documents yet. Import one to start translating.</p>
        ) : (
          <table className={ui.table} aria-label="Documents">
            <thead>
              <tr>
                <th>Document</th>
                <th className={ui.num}>Segments</th>
                <th>Progress</th>
                <th>Imported</th>
              </tr>
            </thead>
            <tbody>
              {documents.map((d) => (
                <tr key={d.id}>
                  <td>
                    <Link href={`/documents/${d.id}`} lang="zh-CN">
                      {d.title}
                    </Link>
                    {d.status === "approved" && <span style={{ marginLeft: 8, color: "var(--success)", fontSize: 12 }}>
                        <CheckIcon /> signed off
                      </span>}
                  </td>
                  <td className={ui.num}>{d.segmentCount.toLocaleString("en")}</td>
                  <td style={{ width: 240 }}>
                    <ProgressBar counts={d.statusCounts} total={d.segmentCount} />
                    <div style={{ fontSize: 12, color: "var(--text-muted)" }}>
                      {percentApproved(d.statusCounts, d.segmentCount)}% approved · {d.statusCounts.untranslated.toLocaleString("en")} untranslated
                    </div>
                  </td>
                  <td style={{ whiteSpace: "nowrap" }}>{d.createdAt.toISOString().slice(0, 16).replace("T", " ")}</td>
                </tr>
              ))}
            </tbody>
          </table>
        )}
      </div>
    </>
  );
}
