import type { Metadata } from "next";
import { getTranslations } from "next-intl/server";
import Link from "next/link";
import { NewProjectForm } from "@/components/account/new-project-form";
import { PageHeader } from "@/components/ui/page-header";
import { ownsAProject, requirePageUser } from "@/lib/auth/access";
import { can } from "@/lib/auth/permissions";
import { notFound } from "next/navigation";

export async function generateMetadata(): Promise<Metadata> {
  const t = await getTranslations("projects.new");
  return { title: t("title") };
}
export const dynamic = "force-dynamic";

export default async function NewProjectPage() {
  const user = await requirePageUser("/projects/new");
  if (!can(user, "project.create", { role: null, ownsAProject: await ownsAProject(user.id) })) notFound();
  const [t, nav] = await Promise.all([getTranslations("projects.new"), getTranslations("nav")]);
  return (
    <>
      <PageHeader crumbs={<Link href="/">{nav("projects")}</Link>} title={t("title")} />
      <NewProjectForm />
    </>
  );
}
