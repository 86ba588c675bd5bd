/**
 * The project dictionary (issue 16 §2) through its route, as the editor and the glossary page
 * call it: any member lists it; owners and reviewers add and remove words; translators, viewers
 * and outsiders are refused on the server. And the dictionary files for the editor's worker.
 */
import { beforeAll, describe, expect, it, vi } from "vitest";
import type { SessionUser } from "@/lib/auth/session";
import { jsonRequest } from "./requests";

let currentUser: SessionUser | null = null;
vi.mock("@/lib/auth/session", () => ({ getSessionUser: async () => currentUser }));

const { prisma } = await import("@/lib/db");
const route = await import("@/app/api/projects/[projectId]/spelling-dictionary/route");
const files = await import("@/app/api/spelling/[locale]/route");
const { dictionaryWords } = await import("@/lib/spelling/dictionary-repository");

const people = {} as Record<"owner" | "reviewer" | "translator" | "viewer" | "outsider" | "admin", SessionUser>;
let projectId: string;
let otherProjectId: string;

beforeAll(async () => {
  projectId = (await prisma.project.create({ data: { name: "Spelling" } })).id;
  otherProjectId = (await prisma.project.create({ data: { name: "Other spelling" } })).id;
  for (const role of ["owner", "reviewer", "translator", "viewer", "outsider", "admin"] as const) {
    const u = await prisma.user.create({ data: { email: `${role}@spelling.example`, name: `The ${role}`, passwordHash: "x", isAdmin: role === "admin" } });
    people[role] = { id: u.id, email: u.email, name: u.name, isAdmin: u.isAdmin };
    if (role !== "outsider" && role !== "admin") await prisma.membership.create({ data: { projectId, userId: u.id, role } });
  }
});

const url = "http://test/api/projects/x/spelling-dictionary";
const ctx = (id = projectId) => ({ params: Promise.resolve({ projectId: id }) });
async function as(who: keyof typeof people | null, method: "GET" | "POST" | "DELETE", body?: unknown, id = projectId) {
  currentUser = who ? people[who] : null;
  const response = method === "GET" ? await route.GET(new Request(url), ctx(id)) : await route[method](jsonRequest(url, body, method), ctx(id));
  return { status: response.status, body: (await response.json()) as Record<string, unknown> };
}

describe("the project dictionary route", () => {
  it("owners and reviewers add words; a word already there is not added twice", async () => {
    expect(await as("owner", "POST", { word: " Kunshan " })).toEqual({ status: 200, body: { word: "Kunshan", added: true } });
    expect(await as("reviewer", "POST", { word: "Zhangjiagang" })).toEqual({ status: 200, body: { word: "Zhangjiagang", added: true } });
    expect(await as("reviewer", "POST", { word: "Kunshan" })).toEqual({ status: 200, body: { word: "Kunshan", added: false } });
    expect(await as("admin", "POST", { word: "Xi’an" })).toEqual({ status: 200, body: { word: "Xi'an", added: true } });
    expect((await dictionaryWords(projectId)).sort()).toEqual(["Kunshan", "Xi'an", "Zhangjiagang"]);
    const row = await prisma.projectDictionaryWord.findFirstOrThrow({ where: { projectId, word: "Zhangjiagang" } });
    expect(row.addedById).toBe(people.reviewer.id);
  });

  it("translators and viewers may not change it (403), outsiders do not see the project (404), signed-out callers 401", async () => {
    for (const who of ["translator", "viewer"] as const) {
      expect((await as(who, "POST", { word: "Ye" })).status).toBe(403);
      expect((await as(who, "DELETE", { word: "Kunshan" })).status).toBe(403);
    }
    expect((await as("outsider", "POST", { word: "Ye" })).status).toBe(404);
    expect((await as("outsider", "GET")).status).toBe(404);
    expect((await as(null, "POST", { word: "Ye" })).status).toBe(401);
    expect((await dictionaryWords(projectId)).sort()).toEqual(["Kunshan", "Xi'an", "Zhangjiagang"]);
  });

  it("every member lists it, with who added each word and whether they may change it", async () => {
    const forViewer = await as("viewer", "GET");
    expect(forViewer.status).toBe(200);
    expect(forViewer.body.canEdit).toBe(false);
    expect((forViewer.body.words as { word: string; addedBy: string | null }[]).map((w) => [w.word, w.addedBy])).toEqual([
      ["Kunshan", "The owner"],
      ["Xi'an", "The admin"],
      ["Zhangjiagang", "The reviewer"],
    ]);
    expect((await as("reviewer", "GET")).body.canEdit).toBe(true);
  });

  it("refuses what is not one word, with a coded message", async () => {
    for (const word of ["Ye Wei", "3D", "-ish", "word!", "<b>", "x".repeat(65)]) {
      const { status, body } = await as("owner", "POST", { word });
      expect(status, word).toBe(400);
      expect(body.code, word).toMatch(/^dictionary-word-(invalid|too-long)$/);
    }
    expect((await as("owner", "POST", { word: "" })).status).toBe(400);
    expect((await as("owner", "POST", { words: ["Ye"] })).status).toBe(400);
  });

  it("owners and reviewers remove words; removing one that is not there is a 404; other projects are untouched", async () => {
    await prisma.projectDictionaryWord.create({ data: { projectId: otherProjectId, word: "Kunshan" } });
    expect(await as("reviewer", "DELETE", { word: "Kunshan" })).toEqual({ status: 200, body: { ok: true } });
    const again = await as("owner", "DELETE", { word: "Kunshan" });
    expect(again.status).toBe(404);
    expect(again.body.code).toBe("dictionary-word-not-found");
    expect(await dictionaryWords(otherProjectId)).toEqual(["Kunshan"]);
    expect((await dictionaryWords(projectId)).sort()).toEqual(["Xi'an", "Zhangjiagang"]);
  });

  it("goes with its project", async () => {
    await prisma.project.delete({ where: { id: otherProjectId } });
    expect(await prisma.projectDictionaryWord.count({ where: { projectId: otherProjectId } })).toBe(0);
  });
});

describe("the dictionary files for the editor's worker", () => {
  const get = async (locale: string, query: string, who: keyof typeof people | null = "translator") => {
    currentUser = who ? people[who] : null;
    return files.GET(new Request(`http://test/api/spelling/${locale}?${query}`), { params: Promise.resolve({ locale }) });
  };
  it("serves the Hunspell .aff and .dic of en-US and en-GB to signed-in users", async () => {
    const aff = await get("en-US", "part=aff");
    expect(aff.status).toBe(200);
    expect(aff.headers.get("cache-control")).toMatch(/max-age/);
    expect(await aff.text()).toMatch(/^SET UTF-8/m);
    const dic = await (await get("en-GB", "part=dic")).text();
    expect(dic).toMatch(/^colour\b/m);
    expect(Number(dic.split("\n")[0])).toBeGreaterThan(40_000);
  });
  it("404 for another locale or part, 401 signed out", async () => {
    expect((await get("fr-FR", "part=aff")).status).toBe(404);
    expect((await get("en-US", "part=../../package.json")).status).toBe(404);
    expect((await get("en-US", "")).status).toBe(404);
    expect((await get("en-US", "part=aff", null)).status).toBe(401);
  });
});
