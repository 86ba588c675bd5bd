import type { Metadata } from "next";
import Link from "next/link";
import { GlossaryEditor } from "@/components/glossary/glossary-editor";
import { PageHeader, ui } from "@/components/ui/page-header";
import { authorizeProject, requirePageUser } from "@/lib/auth/access";
import { forPage } from "@/lib/auth/page-access";
import { can } from "@/lib/auth/permissions";
import { listGlossary } from "@/lib/glossary/glossary-repository";
import { maxUploadBytes } from "@/lib/config/limits";

export const metadata: Metadata = { title: "Glossary" };
export const dynamic = "force-dynamic";

export default async function GlossaryPage(props: { params: Promise<{ projectId: string }> }) {
  const { projectId } = await props.params;
  const user = await requirePageUser(`/projects/${projectId}/glossary`);
  const { project, role } = await forPage(() => authorizeProject(user, projectId, "project.view"));
  const terms = await listGlossary(project.id);
  return (
    <>
      <PageHeader
        crumbs={
          <>
            <Link href="/">Projects</Link> / <Link href={`/projects/${project.id}`}>{project.name}</Link>
          </>
        }
        title={`Glossary (${terms.length})`}
        actions={
          <div style={{ display: "flex", gap: 8 }}>
            <a className={ui.button} href={`/api/projects/${project.id}/glossary/export?format=csv`} download>
              Export CSV
            </a>
            <a className={ui.button} href={`/api/projects/${project.id}/glossary/export?format=tbx`} download>
              Export TBX
            </a>
          </div>
        }
      />
      <p className={ui.emptyInline} style={{ marginBottom: 12 }}>
        Terms are marked in the editor&apos;s Chinese (hover for the approved English) and checked by QA (`term`): each must be translated as listed —
        separate alternatives with “|” — and forbidden English must not appear.
      </p>
      <GlossaryEditor projectId={project.id} terms={terms} canEdit={can(user, "glossary.edit", { role })} maxUploadBytes={maxUploadBytes()} />
    </>
  );
}
