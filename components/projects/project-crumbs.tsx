import Link from "next/link";
import { useTranslations } from "next-intl";

/** Breadcrumbs for the pages inside a project: Projects / <project>. */
export function ProjectCrumbs({ project }: { project: { id: string; name: string } }) {
  const t = useTranslations("nav");
  return (
    <>
      <Link href="/">{t("projects")}</Link> / <Link href={`/projects/${project.id}`}>{project.name}</Link>
    </>
  );
}

/** Breadcrumbs for the pages about one document: Projects / <project> / <document title>. */
export function DocumentCrumbs({ document }: { document: { id: string; title: string; projectId: string; project: { name: string } } }) {
  return (
    <>
      <ProjectCrumbs project={{ id: document.projectId, name: document.project.name }} /> /{" "}
      <Link href={`/documents/${document.id}`} lang="zh-CN">
        {document.title}
      </Link>
    </>
  );
}
