import type { Metadata } from "next";
import Link from "next/link";
import { NewProjectForm } from "@/components/account/new-project-form";
import { PageHeader } from "@/components/ui/page-header";
import { ownsAProject, requirePageUser } from "@/lib/auth/access";
import { can } from "@/lib/auth/permissions";
import { notFound } from "next/navigation";

export const metadata: Metadata = { title: "New project" };
export const dynamic = "force-dynamic";

export default async function NewProjectPage() {
  const user = await requirePageUser("/projects/new");
  if (!can(user, "project.create", { role: null, ownsAProject: await ownsAProject(user.id) })) notFound();
  return (
    <>
      <PageHeader crumbs={<Link href="/">Projects</Link>} title="New project" />
      <NewProjectForm />
    </>
  );
}
