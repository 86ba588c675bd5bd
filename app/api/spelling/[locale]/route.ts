import { requireUser } from "@/lib/auth/access";
import { CodedError } from "@/lib/http/coded-error";
import { jsonGet } from "@/lib/http/json-route";
import { dictionaryFiles } from "@/lib/spelling/load-dictionary";
import { isSpellingLocale } from "@/lib/spelling/locales";

/**
 * GET ?part=aff|dic — a Hunspell dictionary file (en-US or en-GB) for the editor's spelling
 * worker, which loads it once after the editor is shown. The files change only with the
 * dictionary package, so browsers keep them a day.
 */
export async function GET(request: Request, { params }: { params: Promise<{ locale: string }> }) {
  const { locale } = await params;
  return jsonGet(async () => {
    await requireUser();
    const part = new URL(request.url).searchParams.get("part");
    if (!isSpellingLocale(locale) || (part !== "aff" && part !== "dic")) throw new CodedError("spelling-dictionary-unknown", 404);
    const files = await dictionaryFiles(locale);
    return new Response(new Uint8Array(files[part]), {
      headers: { "content-type": "text/plain; charset=utf-8", "cache-control": "private, max-age=86400" },
    });
  }, request);
}
