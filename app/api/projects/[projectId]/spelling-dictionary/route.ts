import { z } from "zod";
import { authorizeProject, requireUser } from "@/lib/auth/access";
import { can } from "@/lib/auth/permissions";
import { jsonGet, jsonRoute } from "@/lib/http/json-route";
import { addDictionaryWord, listDictionaryWords, removeDictionaryWord } from "@/lib/spelling/dictionary-repository";

const bodySchema = z.object({ word: z.string().min(1).max(200) });

/** GET — the project dictionary's words (any member), and whether the caller may change it. */
export async function GET(request: Request, { params }: { params: Promise<{ projectId: string }> }) {
  const { projectId } = await params;
  return jsonGet(async () => {
    const user = await requireUser();
    const { project, role } = await authorizeProject(user, projectId, "project.view");
    return { words: await listDictionaryWords(project.id), canEdit: can(user, "dictionary.edit", { role }) };
  }, request);
}

/** POST { word } — add a word to the project dictionary (owners and reviewers). */
export async function POST(request: Request, { params }: { params: Promise<{ projectId: string }> }) {
  const { projectId } = await params;
  return jsonRoute(request, bodySchema, async (user, body) => {
    const { project } = await authorizeProject(user, projectId, "dictionary.edit");
    return addDictionaryWord(project.id, body.word, user.id);
  });
}

/** DELETE { word } — remove a word from the project dictionary (owners and reviewers). */
export async function DELETE(request: Request, { params }: { params: Promise<{ projectId: string }> }) {
  const { projectId } = await params;
  return jsonRoute(request, bodySchema, async (user, body) => {
    const { project } = await authorizeProject(user, projectId, "dictionary.edit");
    await removeDictionaryWord(project.id, body.word);
    return { ok: true };
  });
}
