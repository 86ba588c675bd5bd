/**
 * Hostile files through the real import routes (as a signed-in owner): each is refused with its
 * message, and the database is exactly as before.
 */
import JSZip from "jszip";
import { beforeAll, describe, expect, it, vi } from "vitest";
import type { SessionUser } from "@/lib/auth/session";
import { answerOf, post } from "./uploads";

let currentUser: SessionUser | null = null;
vi.mock("@/lib/auth/session", () => ({ getSessionUser: async () => currentUser }));
vi.mock("next/cache", () => ({ revalidatePath: () => undefined }));
vi.mock("next/navigation", () => ({
  redirect: (url: string) => {
    throw Object.assign(new Error(`redirect ${url}`), { redirectTo: url });
  },
  notFound: () => {
    throw new Error("not found");
  },
}));

const { prisma } = await import("@/lib/db");
const previewRoute = await import("@/app/api/projects/[projectId]/import/preview/route");
const bilingualRoute = await import("@/app/api/projects/[projectId]/import/bilingual/route");
let projectId: string;

beforeAll(async () => {
  const user = await prisma.user.create({ data: { email: "owner@hostile.example", name: "Owner", passwordHash: "x" } });
  projectId = (await prisma.project.create({ data: { name: "Hostile" } })).id;
  await prisma.membership.create({ data: { projectId, userId: user.id, role: "owner" } });
  currentUser = { id: user.id, email: user.email, name: user.name, isAdmin: false };
});

async function everything() {
  return JSON.stringify(await Promise.all([prisma.document.count(), prisma.segment.count(), prisma.revision.count(), prisma.activityEvent.count(), prisma.documentVersion.count()]));
}

async function bomb(): Promise<Buffer> {
  const zip = new JSZip();
  zip.file("word/document.xml", Buffer.alloc(40 * 1024 * 1024, 0x20));
  return zip.generateAsync({ type: "nodebuffer", compression: "DEFLATE", compressionOptions: { level: 9 } });
}

const xliff = (body: string, prolog = "") =>
  `<?xml version="1.0" encoding="UTF-8"?>\n${prolog}<xliff version="1.2"><file source-language="zh-CN" target-language="en-US" datatype="plaintext" original="x"><body>${body}</body></file></xliff>`;

describe("hostile uploads through the import routes", () => {
  const cases: [string, () => Promise<File>, RegExp][] = [
    ["an XXE probe", async () => new File([xliff('<trans-unit id="1"><source>&x;</source></trans-unit>', '<!DOCTYPE x [<!ENTITY x SYSTEM "file:///etc/passwd">]>\n')], "probe.xlf"), /declares its own XML entities/],
    ["a billion-laughs file", async () => new File([xliff("<trans-unit id='1'><source>&l9;</source></trans-unit>", '<!DOCTYPE l [<!ENTITY l "lol"><!ENTITY l9 "&l;&l;&l;">]>\n')], "lol.xlf"), /declares its own XML entities/],
    ["malformed XML", async () => new File(['<?xml version="1.0"?>\n<xliff version="1.2">\n<file><body><trans-unit id="1"><source>x</target>'], "bad.xlf"), /malformed at line 3, column \d+/],
    ["invalid UTF-8", async () => new File([new Uint8Array(Buffer.concat([Buffer.from(xliff("")), Buffer.from([0xff, 0xfe, 0xfd])]))], "bad.xlf"), /not valid UTF-8/],
    ["a zip bomb", async () => new File([new Uint8Array(await bomb())], "bomb.docx"), /expands to more than 5 MB/],
    ["a truncated DOCX", async () => new File([new Uint8Array((await bomb()).subarray(0, 5_000))], "cut.docx"), /damaged|truncated/],
    ["a 25 MB file", async () => new File([new Uint8Array(25 * 1024 * 1024).fill(0x41)], "huge.xlf"), /is 25 MB; uploads are limited to 20 MB/],
  ];
  for (const [name, make, message] of cases) {
    it(`refuses ${name} with a clear message, changing nothing`, async () => {
      process.env.DUIZHAO_MAX_UNZIPPED_MB = "5";
      try {
        const before = await everything();
        const file = await make();
        const preview = await answerOf(post(previewRoute, { projectId }, file));
        expect(preview).toMatchObject({ ok: false });
        expect(!preview.ok && preview.error).toMatch(message);
        const created = await answerOf(post(bilingualRoute, { projectId }, file, { title: "Hostile" }));
        expect(!created.ok && created.error).toMatch(message);
        expect(await everything()).toBe(before);
      } finally {
        delete process.env.DUIZHAO_MAX_UNZIPPED_MB;
      }
    });
  }
});
