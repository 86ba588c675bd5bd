/**
 * Issue 13 §1: the pages' file uploads are route handlers that read the request's body as it
 * arrives, straight into the file worker (lib/http/upload-route.ts) — no server action's multipart
 * decoding gathering the file first. Each route: who may post, the upload limit (413 with the
 * file named, before a byte is read), a file that cannot be read (its message), and success.
 * Every file goes to the worker here, however small, streamed as the request's body.
 */
import { beforeAll, describe, expect, it, vi } from "vitest";
import type { SessionUser } from "@/lib/auth/session";
import type { ImportPreview } from "@/lib/documents/import-preview";
import type { ReimportPreview } from "@/lib/exchange/reimport-preview";
import { useOwnBuild } from "../support/own-build";
import { TEST_ORIGIN } from "./requests";
import { answerOf, post, uploadRequest } from "./uploads";

vi.setConfig({ testTimeout: 120_000 });
useOwnBuild("upload-routes-test", { DUIZHAO_FILE_WORKER_BELOW_KB: "0" });

let currentUser: SessionUser | null = null;
vi.mock("@/lib/auth/session", () => ({ getSessionUser: async () => currentUser }));
vi.mock("next/cache", () => ({ revalidatePath: () => undefined }));

const { prisma } = await import("@/lib/db");
const { importText } = await import("@/lib/documents/import-document");
const { fileWorkerAvailable } = await import("@/lib/exchange/file-worker-runner");
const previewRoute = await import("@/app/api/projects/[projectId]/import/preview/route");
const bilingualRoute = await import("@/app/api/projects/[projectId]/import/bilingual/route");
const reimportRoute = await import("@/app/api/documents/[documentId]/reimport/preview/route");
const memoryRoute = await import("@/app/api/projects/[projectId]/memory/import/route");
const glossaryRoute = await import("@/app/api/projects/[projectId]/glossary/import/route");

const users = {} as Record<"owner" | "reviewer" | "translator" | "viewer" | "outsider", SessionUser>;
let projectId: string;
let documentId: string;
let segmentIds: string[];

beforeAll(async () => {
  projectId = (await prisma.project.create({ data: { name: "Uploads" } })).id;
  for (const role of ["owner", "reviewer", "translator", "viewer", "outsider"] as const) {
    const user = await prisma.user.create({ data: { email: `${role}@uploads.example`, name: role, passwordHash: "x" } });
    if (role !== "outsider") await prisma.membership.create({ data: { projectId, userId: user.id, role } });
    users[role] = { id: user.id, email: user.email, name: user.name, isAdmin: false };
  }
  documentId = (await importText(prisma, { projectId, text: "第一段。\n\n第二段。", acceptedJoins: [], origin: "test", actorId: null })).document.id;
  segmentIds = (await prisma.segment.findMany({ where: { documentId }, orderBy: { position: "asc" }, select: { id: true } })).map((s) => s.id);
});

const xliff = (units: { id: string; source: string; target: string }[]) =>
  `<?xml version="1.0" encoding="UTF-8"?><xliff version="1.2"><file source-language="zh-CN" target-language="en" datatype="plaintext"><body>${units.map((u) => `<trans-unit id="${u.id}"><source>${u.source}</source><target state="translated">${u.target}</target></trans-unit>`).join("")}</body></file></xliff>`;
const tmx = (pairs: [string, string][]) =>
  `<?xml version="1.0" encoding="UTF-8"?><tmx version="1.4"><header srclang="zh-CN" datatype="plaintext" segtype="sentence" o-tmf="x" adminlang="en" creationtool="x" creationtoolversion="1"/><body>${pairs.map(([s, t]) => `<tu><tuv xml:lang="zh-CN"><seg>${s}</seg></tuv><tuv xml:lang="en"><seg>${t}</seg></tuv></tu>`).join("")}</body></tmx>`;

/** Each route with the parameters, a good file and query, and who may not post it (with the answer). */
const ROUTES = () =>
  ({
    "import preview": { route: previewRoute, params: { projectId }, file: () => new File([xliff([{ id: "u1", source: "第一段。", target: "First." }])], "pairs.xlf"), refused: { translator: 403, viewer: 403, outsider: 404 }, none: "choose-file-again" },
    "bilingual import": { route: bilingualRoute, params: { projectId }, file: () => new File([xliff([{ id: "u1", source: "第一段。", target: "First." }])], "pairs.xlf"), refused: { reviewer: 403, translator: 403, outsider: 404 }, none: "choose-file-again" },
    "re-import preview": { route: reimportRoute, params: { documentId }, file: () => new File([xliff([{ id: segmentIds[0]!, source: "第一段。", target: "First." }])], "back.xlf"), refused: { viewer: 403, outsider: 404 }, none: "reimport-file-required" },
    "memory import": { route: memoryRoute, params: { projectId }, file: () => new File([tmx([["第一段。", "First."]])], "m.tmx"), refused: { reviewer: 403, translator: 403, outsider: 404 }, none: "tmx-file-required" },
    "glossary import": { route: glossaryRoute, params: { projectId }, file: () => new File(["source,target\n段落,paragraph"], "terms.csv"), refused: { translator: 403, viewer: 403, outsider: 404 }, none: "glossary-file-required" },
  }) as const;

async function everything() {
  return JSON.stringify(await Promise.all([prisma.document.count(), prisma.segment.count(), prisma.revision.count(), prisma.memoryUnit.count(), prisma.glossaryTerm.count(), prisma.reimportPlan.count(), prisma.activityEvent.count()]));
}

/** A body that notes whether anything read it (no chunk is pulled before it is asked for). */
function untouchedBody(size: number) {
  let pulled = false;
  const body = new ReadableStream<Uint8Array>({ pull: (controller) => ((pulled = true), controller.enqueue(new Uint8Array(size)), controller.close()) }, { highWaterMark: 0 });
  return { body, pulled: () => pulled };
}

describe("the upload routes", () => {
  it("hand the file to the worker process", () => {
    expect(fileWorkerAvailable()).toBe(true);
  });

  it("refuse people without the right, signed-out callers, and other sites' pages — changing nothing", async () => {
    for (const [name, { route, params, file, refused }] of Object.entries(ROUTES())) {
      const before = await everything();
      for (const [persona, status] of [...Object.entries(refused), ["signed out", 401]] as [string, number][]) {
        currentUser = persona === "signed out" ? null : users[persona as keyof typeof users];
        const answer = await answerOf(post(route, params, file()));
        expect({ name, persona, status: answer.ok ? 200 : answer.status }).toEqual({ name, persona, status });
        expect(!answer.ok && answer.error).toBeTruthy();
      }
      currentUser = users.owner;
      const forged = await (route.POST as typeof previewRoute.POST)(uploadRequest("http://test/x", file(), {}, { origin: "https://evil.example", "sec-fetch-site": "cross-site" }), { params: Promise.resolve(params as { projectId: string }) });
      expect({ name, status: forged.status }).toEqual({ name, status: 403 });
      const asForm = new Request("http://test/x?name=a.csv", { method: "POST", headers: { "content-type": "multipart/form-data; boundary=x", origin: TEST_ORIGIN, "sec-fetch-site": "same-origin" }, body: "--x--" });
      const form = await (route.POST as typeof previewRoute.POST)(asForm, { params: Promise.resolve(params as { projectId: string }) });
      expect({ name, status: form.status, code: ((await form.json()) as { code: string }).code }).toEqual({ name, status: 415, code: "upload-body-required" });
      expect(await everything()).toBe(before);
    }
  });

  it("refuse a file over DUIZHAO_MAX_UPLOAD_MB with 413 and the file named, before a byte of it is read", async () => {
    process.env.DUIZHAO_MAX_UPLOAD_MB = "1";
    try {
      currentUser = users.owner;
      const before = await everything();
      for (const [name, { route, params }] of Object.entries(ROUTES())) {
        const size = 1.5 * 1024 * 1024;
        const { body, pulled } = untouchedBody(size);
        const request = new Request("http://test/x?name=big.xlf", {
          method: "POST",
          headers: { "content-type": "application/octet-stream", "content-length": String(size), origin: TEST_ORIGIN, "sec-fetch-site": "same-origin" },
          body,
          duplex: "half",
        } as RequestInit);
        const answer = await answerOf((route.POST as typeof previewRoute.POST)(request, { params: Promise.resolve(params as { projectId: string }) }));
        expect({ name, answer }).toEqual({ name, answer: { ok: false, status: 413, code: "upload-too-large", error: "“big.xlf” is 1.5 MB; uploads are limited to 1 MB (DUIZHAO_MAX_UPLOAD_MB)." } });
        expect(pulled()).toBe(false);
      }
      // In the person's language.
      const zh = await previewRoute.POST(uploadRequest("http://test/x", new File([new Uint8Array(2 * 1024 * 1024)], "大.xlf"), {}, { "accept-language": "zh-CN" }), { params: Promise.resolve({ projectId }) });
      expect(zh.status).toBe(413);
      expect(((await zh.json()) as { error: string }).error).toBe("“大.xlf”大小为 2 MB，上传文件不能超过 1 MB（DUIZHAO_MAX_UPLOAD_MB）。");
      expect(await everything()).toBe(before);
    } finally {
      delete process.env.DUIZHAO_MAX_UPLOAD_MB;
    }
  });

  it("refuse a body without a length (411), and no file at all with what to choose", async () => {
    currentUser = users.owner;
    for (const [name, { route, params, file, none }] of Object.entries(ROUTES())) {
      const post = (request: Request) => answerOf((route.POST as typeof previewRoute.POST)(request, { params: Promise.resolve(params as { projectId: string }) }));
      expect({ name, answer: await post(uploadRequest("http://test/x", file(), {}, { "content-length": "" })) }).toMatchObject({ name, answer: { ok: false, status: 411, code: "upload-length-required" } });
      // The page's form with no file chosen posts an empty one without a name.
      expect({ name, answer: await post(uploadRequest("http://test/x", new File([], ""))) }).toMatchObject({ name, answer: { ok: false, code: none } });
    }
  });

  it("refuse a file that cannot be read with its message, changing nothing", async () => {
    currentUser = users.owner;
    const before = await everything();
    const broken = () => new File(['<?xml version="1.0"?>\n<xliff version="1.2">\n<file><body><trans-unit id="1"><source>x</target>'], "broken.xlf");
    for (const [route, params] of [
      [previewRoute, { projectId }],
      [bilingualRoute, { projectId }],
      [reimportRoute, { documentId }],
    ] as const) {
      const answer = await answerOf((route.POST as typeof previewRoute.POST)(uploadRequest("http://test/x", broken()), { params: Promise.resolve(params as { projectId: string }) }));
      expect(answer).toMatchObject({ ok: false, status: route === reimportRoute ? 409 : 400 });
      expect(!answer.ok && answer.error).toMatch(/malformed at line 3, column \d+/);
    }
    const memory = await answerOf(post(memoryRoute, { projectId }, new File(["<tmx version='1.4'><body><tu>"], "cut.tmx")));
    expect(memory).toMatchObject({ ok: false, status: 409 });
    expect(!memory.ok && memory.error).toMatch(/malformed|TMX/);
    const glossary = await answerOf(post(glossaryRoute, { projectId }, new File([new Uint8Array([0, 1, 2, 3, 0, 0, 0xff])], "terms.csv")));
    expect(glossary).toMatchObject({ ok: false, status: 409, code: "binary-data" });
    expect(await everything()).toBe(before);
  });

  it("answer what the pages show, from a file read as a stream", async () => {
    currentUser = users.owner;
    // 3,000 units (about 0.5 MB): many chunks of the body on their way to the worker.
    const units = Array.from({ length: 3_000 }, (_, i) => ({ id: `u${i}`, source: `昆山高新区第${i}号企业。`, target: i % 3 ? `Company ${i}.` : "" }));
    const big = () => new File([xliff(units)], "企业.xlf");
    const preview = await answerOf<ImportPreview>(post(previewRoute, { projectId }, big()));
    expect(preview).toMatchObject({ ok: true, kind: "bilingual", fileName: "企业.xlf", suggestedTitle: "企业", unitCount: 3_000, translated: 2_000 });

    const created = await (bilingualRoute.POST as typeof previewRoute.POST)(uploadRequest("http://test/x", big(), { title: "企业名录" }), { params: Promise.resolve({ projectId }) });
    expect(created.status).toBe(201);
    const { documentId: made } = (await created.json()) as { documentId: string };
    expect(await prisma.document.findUniqueOrThrow({ where: { id: made }, select: { title: true, _count: { select: { segments: true } } } })).toEqual({ title: "企业名录", _count: { segments: 3_000 } });

    const reimport = await answerOf<ReimportPreview>(post(reimportRoute, { documentId }, new File([xliff([{ id: segmentIds[1]!, source: "第二段。", target: "Second, revised." }])], "back.xlf")));
    expect(reimport).toMatchObject({ ok: true, fileName: "back.xlf", tracked: null, plan: { summary: { changed: 1 } } });

    expect(await answerOf(post(memoryRoute, { projectId }, new File([tmx([["第一段。", "First."], ["第二段。", "Second."], ["第一段。", "First."]])], "m.tmx")))).toEqual({ ok: true, added: 2, skipped: 1 });
    expect(await answerOf(post(glossaryRoute, { projectId }, new File(["source,target\n段落,paragraph\n企业,company"], "terms.csv")))).toMatchObject({ ok: true, added: 2 });
  });
});
