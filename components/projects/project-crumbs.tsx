import Link from "next/link";

/** Breadcrumbs for the pages inside a project: Projects / <project>. */
export function ProjectCrumbs({ project }: { project: { id: string; name: string } }) {
  return (
    <>
      <Link href="/">Projects</Link> / <Link href={`/projects/${project.id}`}>{project.name}</Link>
    </>
  );
}
