import type { Metadata } from "next";
import Link from "next/link";
import { MemoryControls } from "@/components/glossary/memory-controls";
import { PageHeader, ui } from "@/components/ui/page-header";
import { authorizeProject, requirePageUser } from "@/lib/auth/access";
import { forPage } from "@/lib/auth/page-access";
import { can } from "@/lib/auth/permissions";
import { memoryStats } from "@/lib/memory/memory-service";
import { maxUploadBytes } from "@/lib/config/limits";

export const metadata: Metadata = { title: "Translation memory" };
export const dynamic = "force-dynamic";

export default async function MemoryPage(props: { params: Promise<{ projectId: string }> }) {
  const { projectId } = await props.params;
  const user = await requirePageUser(`/projects/${projectId}/memory`);
  const { project, role } = await forPage(() => authorizeProject(user, projectId, "project.view"));
  const stats = await memoryStats(project.id);
  const manage = can(user, "memory.manage", { role });
  return (
    <>
      <PageHeader
        crumbs={
          <>
            <Link href="/">Projects</Link> / <Link href={`/projects/${project.id}`}>{project.name}</Link>
          </>
        }
        title="Translation memory"
        actions={
          manage && (
            <a className={ui.button} href={`/api/projects/${project.id}/memory/export`} download>
              Export TMX
            </a>
          )
        }
      />
      <section className={`${ui.card} ${ui.padded}`} style={{ marginBottom: 16 }}>
        <p style={{ margin: 0 }} data-testid="memory-stats">
          {stats.project.toLocaleString("en")} unit{stats.project === 1 ? "" : "s"} in this project&apos;s memory; {stats.shared.toLocaleString("en")} in the shared memory
          {project.sharedMemory ? " (used by this project)" : " (not used by this project)"}.
        </p>
        <p className={ui.emptyInline}>
          Every approved segment enters the memory. In the editor, the three best matches for the active segment are shown with their score and how their
          Chinese differs; Ctrl+1, Ctrl+2 and Ctrl+3 insert them.
        </p>
      </section>
      {manage && <MemoryControls projectId={project.id} shared={project.sharedMemory} maxUploadBytes={maxUploadBytes()} />}
    </>
  );
}
