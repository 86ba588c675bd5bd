/**
 * Issue 13 §1, the same class of bug: the glossary page rendered every term (150,000 after a few
 * large imports took seconds to render, holding the server). It shows a page at a time, searchable.
 */
import { beforeAll, describe, expect, it } from "vitest";
import { prisma } from "@/lib/db";
import { GLOSSARY_PAGE_SIZE, glossaryPage, importTerms } from "@/lib/glossary/glossary-repository";

let projectId: string;

beforeAll(async () => {
  projectId = (await prisma.project.create({ data: { name: "Glossary pages" } })).id;
  const owner = await prisma.user.create({ data: { email: "owner@glossary-pages.example", name: "Owner", passwordHash: "x" } });
  const rows = Array.from({ length: 250 }, (_, i) => ({ source: `术语${String(i).padStart(3, "0")}`, target: i === 7 ? "Kunshan Hi-Tech Zone" : `Term ${i}`, note: i === 9 ? "zone of the city" : "", forbidden: false }));
  await importTerms(projectId, rows, owner.id);
});

describe("the glossary page", () => {
  it("shows a page of terms in order with the totals, never the whole glossary", async () => {
    const first = await glossaryPage(projectId, {});
    expect(first.terms).toHaveLength(GLOSSARY_PAGE_SIZE);
    expect(first).toMatchObject({ total: 250, matching: 250, page: 1, pageCount: 3 });
    expect(first.terms[0]!.source).toBe("术语000");
    const last = await glossaryPage(projectId, { page: 3 });
    expect(last.terms.map((t) => t.source)).toEqual(Array.from({ length: 50 }, (_, i) => `术语${200 + i}`));
  });

  it("keeps a page number out of range to the pages there are", async () => {
    expect((await glossaryPage(projectId, { page: 99 })).page).toBe(3);
    expect((await glossaryPage(projectId, { page: Number.NaN })).page).toBe(1);
    expect((await glossaryPage(projectId, { page: -4 })).page).toBe(1);
  });

  it("searches the Chinese, the English (any case) and the note", async () => {
    expect((await glossaryPage(projectId, { query: "术语12" })).terms.map((t) => t.source)).toEqual(["术语120", "术语121", "术语122", "术语123", "术语124", "术语125", "术语126", "术语127", "术语128", "术语129"]);
    const zone = await glossaryPage(projectId, { query: "zone" });
    expect(zone.terms.map((t) => t.source)).toEqual(["术语007", "术语009"]);
    expect(zone).toMatchObject({ total: 250, matching: 2, pageCount: 1 });
    expect((await glossaryPage(projectId, { query: "100%_" })).matching).toBe(0);
  });
});
