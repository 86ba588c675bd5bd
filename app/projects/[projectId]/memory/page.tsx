import type { Metadata } from "next";
import Link from "next/link";
import { getTranslations } from "next-intl/server";
import { MemoryControls } from "@/components/glossary/memory-controls";
import { PageHeader, ui } from "@/components/ui/page-header";
import { authorizeProject, requirePageUser } from "@/lib/auth/access";
import { forPage } from "@/lib/auth/page-access";
import { can } from "@/lib/auth/permissions";
import { memoryStats } from "@/lib/memory/memory-service";
import { maxUploadBytes } from "@/lib/config/limits";

export async function generateMetadata(): Promise<Metadata> {
  const t = await getTranslations("memory");
  return { title: t("title") };
}
export const dynamic = "force-dynamic";

export default async function MemoryPage(props: { params: Promise<{ projectId: string }> }) {
  const { projectId } = await props.params;
  const user = await requirePageUser(`/projects/${projectId}/memory`);
  const { project, role } = await forPage(() => authorizeProject(user, projectId, "project.view"));
  const [stats, t, nav] = await Promise.all([memoryStats(project.id), getTranslations("memory"), getTranslations("nav")]);
  const manage = can(user, "memory.manage", { role });
  return (
    <>
      <PageHeader
        crumbs={
          <>
            <Link href="/">{nav("projects")}</Link> / <Link href={`/projects/${project.id}`}>{project.name}</Link>
          </>
        }
        title={t("title")}
        actions={
          manage && (
            <a className={ui.button} href={`/api/projects/${project.id}/memory/export`} download>
              {t("exportTmx")}
            </a>
          )
        }
      />
      <section className={`${ui.card} ${ui.padded}`} style={{ marginBottom: 16 }}>
        <p style={{ margin: 0 }} data-testid="memory-stats">
          {project.sharedMemory ? t("statsUsed", { project: stats.project, shared: stats.shared }) : t("statsUnused", { project: stats.project, shared: stats.shared })}
        </p>
        <p className={ui.emptyInline}>{t.rich("help", { kbd: (chunks) => <kbd>{chunks}</kbd> })}</p>
      </section>
      {manage && <MemoryControls projectId={project.id} shared={project.sharedMemory} maxUploadBytes={maxUploadBytes()} />}
    </>
  );
}
