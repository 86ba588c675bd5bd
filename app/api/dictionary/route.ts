import { requireUser } from "@/lib/auth/access";
import { lookupChinese } from "@/lib/dictionary/cedict";
import { jsonGet } from "@/lib/http/json-route";

/** GET ?q=中文 — dictionary entries (CC-CEDICT) with pinyin for a selected or hovered word. */
export async function GET(request: Request) {
  return jsonGet(async () => {
    await requireUser();
    const q = new URL(request.url).searchParams.get("q") ?? "";
    return { entries: await lookupChinese(q) };
  }, request);
}
