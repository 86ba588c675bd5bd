import type { Metadata } from "next";
import { getTranslations } from "next-intl/server";
import Link from "next/link";
import { PageHeader, ui } from "@/components/ui/page-header";
import { ApiReference } from "./api-reference";

export async function generateMetadata(): Promise<Metadata> {
  const t = await getTranslations("apiDocs");
  return { title: t("pageTitle") };
}

const SPEC_URL = "/api/v1/openapi.json";

/** The API's reference (issue 19), rendered from the same description /api/v1/openapi.json serves. Public, as that file is. */
export default async function ApiDocsPage() {
  const t = await getTranslations("apiDocs");
  return (
    <>
      <PageHeader
        title={t("title")}
        actions={
          <div style={{ display: "flex", gap: 16 }}>
            <Link href="/account">{t("back")}</Link>
            <a href={SPEC_URL}>{t("description")}</a>
          </div>
        }
      />
      <p style={{ marginTop: 0 }}>{t("intro")}</p>
      <div className={ui.card} data-testid="api-reference">
        <ApiReference specUrl={SPEC_URL} />
      </div>
    </>
  );
}
