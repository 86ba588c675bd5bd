import Link from "next/link";
import { PageHeader, ui } from "@/components/ui/page-header";
import { ProgressBar, percentApproved } from "@/components/ui/progress-bar";
import { ownsAProject, requirePageUser } from "@/lib/auth/access";
import { can, isProjectRole, ROLE_LABELS } from "@/lib/auth/permissions";
import { prisma } from "@/lib/db";
import { listProjectSummaries } from "@/lib/projects/project-repository";

export const dynamic = "force-dynamic";

export default async function ProjectsPage() {
  const user = await requirePageUser("/");
  const projects = await listProjectSummaries(prisma, user);
  const mayCreate = can(user, "project.create", { role: null, ownsAProject: await ownsAProject(user.id) });
  return (
    <>
      <PageHeader
        title="Projects"
        actions={
          mayCreate && (
            <Link href="/projects/new" className={`${ui.button} ${ui.primary}`}>
              New project
            </Link>
          )
        }
      />
      <div className={ui.card}>
        {projects.length === 0 ? (
          <p className={ui.empty}>You are not a member of any project yet. Ask a project owner for an invitation.</p>
        ) : (
          <table className={ui.table}>
            <thead>
              <tr>
                <th>Project</th>
                <th>Your role</th>
                <th>Languages</th>
                <th className={ui.num}>Documents</th>
                <th className={ui.num}>Segments</th>
                <th>Progress</th>
              </tr>
            </thead>
            <tbody>
              {projects.map((p) => (
                <tr key={p.id}>
                  <td>
                    <Link href={`/projects/${p.id}`}>{p.name}</Link>
                    {p.description && <div style={{ color: "var(--text-muted)", fontSize: 12 }}>{p.description}</div>}
                  </td>
                  <td>{isProjectRole(p.role) ? ROLE_LABELS[p.role] : p.role}</td>
                  <td style={{ whiteSpace: "nowrap" }}>
                    {p.sourceLang} → {p.targetLang}
                  </td>
                  <td className={ui.num}>{p.documentCount}</td>
                  <td className={ui.num}>{p.segmentCount.toLocaleString("en")}</td>
                  <td style={{ width: 220 }}>
                    <ProgressBar counts={p.statusCounts} total={p.segmentCount} />
                    <div style={{ fontSize: 12, color: "var(--text-muted)" }}>{percentApproved(p.statusCounts, p.segmentCount)}% approved</div>
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
