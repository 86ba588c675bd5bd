import Link from "next/link";
import { PageHeader, ui } from "@/components/ui/page-header";
import { ProgressBar, percentApproved } from "@/components/ui/progress-bar";
import { prisma } from "@/lib/db";
import { listProjectSummaries } from "@/lib/projects/project-repository";

export const dynamic = "force-dynamic";

export default async function ProjectsPage() {
  const projects = await listProjectSummaries(prisma);
  return (
    <>
      <PageHeader title="Projects" />
      <div className={ui.card}>
        {projects.length === 0 ? (
          <p className={ui.empty}>No projects yet. Run `npm run setup` to create the demo project.</p>
        ) : (
          <table className={ui.table}>
            <thead>
              <tr>
                <th>Project</th>
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
