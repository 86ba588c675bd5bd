import type { Metadata } from "next";
import { getTranslations } from "next-intl/server";
import { preload } from "react-dom";
import { scriptAddress } from "@/lib/http/script-address";
import { DocumentEditor } from "@/components/editor/document-editor";
import { SpellingProvider } from "@/components/spelling/spelling-provider";
import { IntentLink } from "@/components/ui/intent-link";
import { PageHeader } from "@/components/ui/page-header";
import { authorizeDocument, requirePageUser } from "@/lib/auth/access";
import { forPage } from "@/lib/auth/page-access";
import { prisma } from "@/lib/db";
import { plannedChunkStarts, segmentChunk } from "@/lib/documents/document-queries";
import { BEFORE_FIRST, chunkAddress, chunkAddressParts, CHUNK_ROWS } from "@/lib/editor/chunk-loading";
import { earlyChunksScript, EARLY_CHUNKS_AT_ONCE, PRELOADED_CHUNKS } from "@/lib/editor/chunk-chain";
import { listGlossary } from "@/lib/glossary/glossary-repository";
import { listIgnores } from "@/lib/qa/qa-ignores";
import { can } from "@/lib/auth/permissions";
import { dictionaryWords } from "@/lib/spelling/dictionary-repository";
import { spellingLocale } from "@/lib/spelling/locales";

export async function generateMetadata(): Promise<Metadata> {
  const t = await getTranslations("editor.page");
  return { title: t("title") };
}
export const dynamic = "force-dynamic";

/**
 * Rows sent with the page: the first of them are in its HTML (visible before any script runs), all
 * of them are the editor's first chunk; the rest load in the background from the last one's position.
 */
const FIRST_CHUNK = 100;

export default async function EditorPage({ params, searchParams }: { params: Promise<{ documentId: string }>; searchParams: Promise<{ segment?: string }> }) {
  const { documentId } = await params;
  const initialSegment = Number.parseInt((await searchParams).segment ?? "", 10) || undefined;
  const [user, t, tNav] = await Promise.all([requirePageUser(`/documents/${documentId}/edit`), getTranslations("editor.page"), getTranslations("nav")]);
  const { document, role } = await forPage(() => authorizeDocument(user, documentId, "document.view"));
  const [{ total, segments: firstChunk }, members, glossary, ignores, words, signedOffBy] = await Promise.all([
    segmentChunk(prisma, documentId, { after: BEFORE_FIRST, limit: FIRST_CHUNK, withTotal: true }).then((chunk) => ({ total: chunk.total ?? 0, segments: chunk.segments })),
    prisma.membership.findMany({ where: { projectId: document.projectId }, select: { user: { select: { name: true } } } }),
    listGlossary(document.projectId),
    listIgnores(document.id),
    dictionaryWords(document.projectId),
    document.signedOffById ? prisma.user.findUnique({ where: { id: document.signedOffById }, select: { name: true } }) : null,
  ]);
  // The background's chunks are asked for from the page itself, not after hydration, so the server
  // reads them while the browser loads and runs the scripts; the editor takes them up. Their first
  // starts are planned here: the early script asks for all but the last at once (the first of them
  // preloaded from the head), and its chain goes on from the last (lib/editor/chunk-chain.ts).
  const loadAfter = firstChunk.length < total ? firstChunk.at(-1)!.position : null;
  const chunkStarts = loadAfter === null ? [] : [loadAfter, ...(await plannedChunkStarts(prisma, document.id, loadAfter, CHUNK_ROWS, EARLY_CHUNKS_AT_ONCE))];
  for (const start of chunkStarts.slice(0, -1).slice(0, PRELOADED_CHUNKS)) preload(chunkAddress(document.id, start), { as: "fetch", crossOrigin: "anonymous" });
  const earlyScript = loadAfter === null ? null : earlyChunksScript(document.id, chunkStarts, chunkAddressParts(document.id));
  return (
    <>
      {/* The early script, twice: the first copy to run starts the chain, the other finds it started.
          Async (React hoists it into the head), it runs as soon as it is ready — an inline script
          waits for the stylesheets, and holds the parser back from the rows below meanwhile. */}
      {earlyScript !== null && <script async src={scriptAddress(earlyScript)} />}
      <PageHeader
        crumbs={
          <>
            <IntentLink href="/">{tNav("projects")}</IntentLink> / <IntentLink href={`/projects/${document.projectId}`}>{document.project.name}</IntentLink> /{" "}
            <IntentLink href={`/documents/${document.id}`}>{t("sideBySide")}</IntentLink>

          </>
        }
        title={document.title}
        titleLang="zh-CN"
      />
      <SpellingProvider projectId={document.projectId} locale={spellingLocale(document.targetLang)} glossary={glossary} words={words} canEdit={can(user, "dictionary.edit", { role })}>
      <DocumentEditor
        documentId={document.id}
        projectId={document.projectId}
        sourceLang={document.sourceLang}
        targetLang={document.targetLang}
        total={total}
        firstChunk={firstChunk}
        user={{ id: user.id, isAdmin: user.isAdmin }}
        role={role}
        members={members.map((m) => ({ name: m.user.name }))}
        reviewStages={document.project.reviewStages}
        initialSegment={initialSegment}
        glossary={glossary}
        ignores={ignores}
        initialSeq={document.eventSeq}
        signedOff={document.status === "approved" && document.signedOffAt ? { name: signedOffBy?.name ?? null, at: document.signedOffAt.toISOString() } : null}
      />
      </SpellingProvider>
      {/* Inline, after the rows and before the page's data for hydration: it runs before the editor
          hydrates, should the async copy not have run yet (a warm visit: the bundles come from the
          cache, and the editor could adopt the chain before the async copy started it). */}
      {earlyScript !== null && <script dangerouslySetInnerHTML={{ __html: earlyScript }} />}
    </>
  );
}
