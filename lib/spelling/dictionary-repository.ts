import { prisma } from "@/lib/db";
import { CodedError } from "@/lib/http/coded-error";

/**
 * The project dictionary: words the spelling check accepts in one project (names, romanised
 * Chinese, jargon). One word each — letters, with inner apostrophes or hyphens — as typed.
 */
export const MAX_WORD_LENGTH = 64;
const WORD = /^[\p{L}\p{M}](?:[\p{L}\p{M}'’-]*[\p{L}\p{M}])?$/u;

export interface DictionaryWord {
  word: string;
  addedBy: string | null;
  createdAt: Date;
}

/** The word as stored (NFC, trimmed), or a CodedError when it is not one word. */
export function cleanDictionaryWord(raw: string): string {
  const word = raw.normalize("NFC").trim().replace(/’/g, "'");
  if ([...word].length > MAX_WORD_LENGTH) throw new CodedError("dictionary-word-too-long", 400, { max: MAX_WORD_LENGTH });
  if (!WORD.test(word)) throw new CodedError("dictionary-word-invalid", 400);
  return word;
}

export async function listDictionaryWords(projectId: string): Promise<DictionaryWord[]> {
  const rows = await prisma.projectDictionaryWord.findMany({ where: { projectId }, orderBy: { word: "asc" } });
  const ids = [...new Set(rows.map((r) => r.addedById).filter((id): id is string => !!id))];
  const users = ids.length ? await prisma.user.findMany({ where: { id: { in: ids } }, select: { id: true, name: true } }) : [];
  const names = new Map(users.map((u) => [u.id, u.name]));
  return rows.map((r) => ({ word: r.word, addedBy: r.addedById ? (names.get(r.addedById) ?? null) : null, createdAt: r.createdAt }));
}

/** Just the words, for the spelling check. */
export async function dictionaryWords(projectId: string): Promise<string[]> {
  return (await prisma.projectDictionaryWord.findMany({ where: { projectId }, select: { word: true } })).map((r) => r.word);
}

/** Adds a word; a word already there is left as it is. Returns whether it was new. */
export async function addDictionaryWord(projectId: string, raw: string, actorId: string): Promise<{ word: string; added: boolean }> {
  const word = cleanDictionaryWord(raw);
  const existing = await prisma.projectDictionaryWord.findUnique({ where: { projectId_word: { projectId, word } } });
  if (existing) return { word, added: false };
  try {
    await prisma.projectDictionaryWord.create({ data: { projectId, word, addedById: actorId } });
  } catch (error) {
    // Two people adding the same word at once: the unique index keeps one.
    if ((error as { code?: string }).code === "P2002") return { word, added: false };
    throw error;
  }
  return { word, added: true };
}

export async function removeDictionaryWord(projectId: string, raw: string): Promise<void> {
  const word = raw.normalize("NFC").trim().replace(/’/g, "'");
  const { count } = await prisma.projectDictionaryWord.deleteMany({ where: { projectId, word } });
  if (!count) throw new CodedError("dictionary-word-not-found", 404, { word: word.slice(0, MAX_WORD_LENGTH) });
}
