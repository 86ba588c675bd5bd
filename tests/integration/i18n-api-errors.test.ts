/**
 * Issue 15: the API's refusals carry a stable `code` besides `error`, a message in the request's
 * language — the person's setting, else Accept-Language — with the HTTP status unchanged. Server
 * actions' refusals carry the same code.
 */
import { beforeAll, describe, expect, it, vi } from "vitest";
import type { SessionUser } from "@/lib/auth/session";
import en from "@/messages/en.json";
import zhCN from "@/messages/zh-CN.json";
import { jsonRequest } from "./requests";
import { uploadRequest } from "./uploads";

let currentUser: SessionUser | null = null;
vi.mock("@/lib/auth/session", () => ({ getSessionUser: async () => currentUser }));
vi.mock("next/cache", () => ({ revalidatePath: () => undefined }));
// Server actions read the request's language from its headers: a request from a Chinese browser
// when `actionLanguage` is set, else none (English, as outside a request).
let actionLanguage: string | null = null;
vi.mock("next/headers", () => ({
  cookies: async () => ({ get: () => undefined }),
  headers: async () => {
    if (!actionLanguage) throw new Error("outside a request");
    return new Headers({ "accept-language": actionLanguage });
  },
}));

const { prisma } = await import("@/lib/db");
const { importText } = await import("@/lib/documents/import-document");
const exportRoute = await import("@/app/api/documents/[documentId]/export/route");
const segmentsRoute = await import("@/app/api/documents/[documentId]/segments/route");
const saveRoute = await import("@/app/api/segments/[segmentId]/save/route");
const commentsRoute = await import("@/app/api/segments/[segmentId]/comments/route");
const statusRoute = await import("@/app/api/segments/[segmentId]/status/route");
const glossaryImportRoute = await import("@/app/api/projects/[projectId]/glossary/import/route");
const bulkApproveRoute = await import("@/app/api/documents/[documentId]/bulk-approve/route");
const replaceRoute = await import("@/app/api/documents/[documentId]/replace/route");
const { signOffAction } = await import("@/app/documents/[documentId]/actions");
const { removeProjectMember, inviteMember } = await import("@/app/projects/[projectId]/members/actions");
const { updateProjectAction } = await import("@/app/projects/[projectId]/settings/actions");
const { errorMessage } = await import("@/lib/http/coded-error");
const { createProject } = await import("@/lib/projects/membership-service");
const { AccountError } = await import("@/lib/accounts/user-service");

const ZH = { "accept-language": "zh-CN,zh;q=0.9,en;q=0.8" };
const EN = { "accept-language": "en-GB,en;q=0.9" };
let owner: SessionUser;
let outsider: SessionUser;
let projectId = "";
let documentId = "";
let segmentId = "";

const params = <T extends Record<string, string>>(p: T) => ({ params: Promise.resolve(p) });
type Refusal = { error: string; code: string; details?: Record<string, unknown> };
async function refusal(response: Response): Promise<{ status: number } & Refusal> {
  return { status: response.status, ...((await response.json()) as Refusal) };
}

beforeAll(async () => {
  const make = async (email: string) => {
    const user = await prisma.user.create({ data: { email, name: email.split("@")[0]!, passwordHash: "x" } });
    return { id: user.id, email: user.email, name: user.name, isAdmin: false } satisfies SessionUser;
  };
  owner = await make("owner@i18n.example");
  outsider = await make("outsider@i18n.example");
  projectId = (await prisma.project.create({ data: { name: "双语" } })).id;
  await prisma.membership.create({ data: { projectId, userId: owner.id, role: "owner" } });
  documentId = (await importText(prisma, { projectId, text: "标题\n\n第一段。", acceptedJoins: [], origin: "test", actorId: owner.id })).document.id;
  segmentId = (await prisma.segment.findFirstOrThrow({ where: { documentId, position: 1 } })).id;
});

describe("API refusals", () => {
  it("an unknown export format: 400 unknown-export-format, in Chinese or English as the browser asks", async () => {
    currentUser = owner;
    const url = `http://test/api/documents/${documentId}/export?format=pdf`;
    const zh = await refusal(await exportRoute.GET(new Request(url, { headers: ZH }), params({ documentId })));
    expect(zh).toMatchObject({ status: 400, code: "unknown-export-format" });
    expect(zh.error).toMatch(/^未知格式。请使用以下格式之一：docx-review, /);
    const english = await refusal(await exportRoute.GET(new Request(url, { headers: EN }), params({ documentId })));
    expect(english).toMatchObject({ status: 400, code: "unknown-export-format" });
    expect(english.error).toMatch(/^Unknown format\. Use one of: docx-review, /);
  });

  it("signed out: 401 sign-in-required", async () => {
    currentUser = null;
    const body = { target: "x", baseVersion: 1 };
    expect(await refusal(await saveRoute.POST(jsonRequest("http://test/save", body, "POST", ZH), params({ segmentId })))).toEqual({ status: 401, code: "sign-in-required", error: "请先登录。" });
    expect(await refusal(await saveRoute.POST(jsonRequest("http://test/save", body, "POST", EN), params({ segmentId })))).toEqual({ status: 401, code: "sign-in-required", error: "Please sign in." });
  });

  it("not a member: 404 not-found (GET routes answer in the request's language too)", async () => {
    currentUser = outsider;
    const response = await segmentsRoute.GET(new Request(`http://test/api/documents/${documentId}/segments`, { headers: ZH }), params({ documentId }));
    expect(await refusal(response)).toEqual({ status: 404, code: "not-found", error: "未找到。" });
  });

  it("an empty comment: 422 comment-empty; the person's own setting wins over the browser's", async () => {
    currentUser = owner;
    const post = (headers: Record<string, string>) => commentsRoute.POST(jsonRequest("http://test/comments", { body: "   " }, "POST", headers), params({ segmentId }));
    expect(await refusal(await post(ZH))).toEqual({ status: 422, code: "comment-empty", error: zhCN.errors["comment-empty"] });
    expect(await refusal(await post(EN))).toEqual({ status: 422, code: "comment-empty", error: "Write something first." });
    currentUser = { ...owner, locale: "zh-CN" };
    expect(await refusal(await post(EN))).toEqual({ status: 422, code: "comment-empty", error: zhCN.errors["comment-empty"] });
  });

  it("a transition that does not apply: 409 with the status and the transition named in the language", async () => {
    currentUser = owner;
    const response = await statusRoute.POST(jsonRequest("http://test/status", { transition: "approve" }, "POST", ZH), params({ segmentId }));
    expect(await refusal(response)).toEqual({ status: 409, code: "transition-not-applicable", error: "状态为“未翻译”的句段不能批准。" });
    const english = await statusRoute.POST(jsonRequest("http://test/status", { transition: "approve" }, "POST", EN), params({ segmentId }));
    expect(await refusal(english)).toEqual({ status: 409, code: "transition-not-applicable", error: "A segment that is untranslated cannot be approved." });
  });

  it("a schema's own message is a code; zod's built-in ones become invalid-request with the problem in details", async () => {
    currentUser = owner;
    const unknown = await statusRoute.POST(jsonRequest("http://test/status", { transition: "publish" }, "POST", ZH), params({ segmentId }));
    expect(await refusal(unknown)).toEqual({ status: 400, code: "unknown-transition", error: "未知的状态变更。" });
    const shape = await refusal(await saveRoute.POST(jsonRequest("http://test/save", { target: 7, baseVersion: 1 }, "POST", ZH), params({ segmentId })));
    expect(shape).toMatchObject({ status: 400, code: "invalid-request", error: zhCN.errors["invalid-request"] });
    expect(String(shape.details?.issue)).toMatch(/^target: /);
    const range = await segmentsRoute.GET(new Request(`http://test/api/documents/${documentId}/segments?limit=99999`, { headers: ZH }), params({ documentId }));
    expect(await refusal(range)).toEqual({ status: 400, code: "range-limit-too-large", error: "“limit”最多为 5000。" });
  });

  it("every code answered above names a message in both catalogs", () => {
    for (const code of ["unknown-export-format", "sign-in-required", "not-found", "comment-empty", "transition-not-applicable", "unknown-transition", "invalid-request", "range-limit-too-large"]) {
      expect(en.errors).toHaveProperty([code]);
      expect(zhCN.errors).toHaveProperty([code]);
    }
  });
});

describe("upload routes' refusals", () => {
  it("carry the same codes, in the request's language", async () => {
    currentUser = owner;
    const params = { params: Promise.resolve({ projectId }) };
    const refusal = async (response: Promise<Response>) => {
      const r = await response;
      return { status: r.status, ...((await r.json()) as object) };
    };
    // No file chosen: the page posts an empty one, without a name.
    const none = new File([], "");
    expect(await refusal(glossaryImportRoute.POST(uploadRequest("http://test/x", none), params))).toEqual({ status: 409, code: "glossary-file-required", error: "Choose a CSV or TBX file." });
    expect(await refusal(glossaryImportRoute.POST(uploadRequest("http://test/x", none, {}, { "accept-language": "zh-CN" }), params))).toEqual({ status: 409, code: "glossary-file-required", error: "请选择 CSV 或 TBX 文件。" });
    expect(await refusal(glossaryImportRoute.POST(uploadRequest("http://test/x", new File(["\u0000\u0001binary"], "terms.csv")), params))).toMatchObject({ status: 409, code: "binary-data" });
  });
});

/** A reason the page renders: the code's message in a language, QA checks listed by id. */
const worded = (r: { code: string; params?: Record<string, string | number>; checks?: string[] }, locale: "en" | "zh-CN") =>
  errorMessage(r.code as never, { ...r.params, ...(r.checks ? { checks: r.checks.join(", ") } : {}) }, locale);

describe("reasons given as data: codes with parameters, worded by the page", () => {
  it("bulk approval's refused segments carry codes (no English sentence), worded in either language", async () => {
    currentUser = owner;
    const ids = (await prisma.segment.findMany({ where: { documentId }, orderBy: { position: "asc" } })).map((s) => s.id);
    const response = await bulkApproveRoute.POST(jsonRequest("http://test/bulk", { segmentIds: ids }, "POST", ZH), params({ documentId }));
    const body = (await response.json()) as { approved: unknown[]; refused: { position: number; code: string; params?: Record<string, string | number> }[] };
    expect(body.approved).toEqual([]);
    expect(body.refused).toEqual([
      { position: 0, code: "bulk-approve-not-confirmed", params: { status: "untranslated" } },
      { position: 1, code: "bulk-approve-not-confirmed", params: { status: "untranslated" } },
    ]);
    expect(body.refused.every((r) => !("reason" in r))).toBe(true);
    expect(worded(body.refused[0]!, "zh-CN")).toBe("未翻译：只有已确认的句段才能批准");
    expect(worded(body.refused[0]!, "en")).toBe("Untranslated: only confirmed segments can be approved");
  });

  it("find and replace names the segments it will skip with a code", async () => {
    currentUser = owner;
    await prisma.segment.update({ where: { id: segmentId }, data: { target: "The first paragraph\u0007." } });
    try {
      const response = await replaceRoute.POST(jsonRequest("http://test/replace", { mode: "preview", spec: { find: "first", replace: "1st" } }, "POST", ZH), params({ documentId }));
      const { changes } = (await response.json()) as { changes: { skipReason: { code: string; params?: Record<string, number> } | null }[] };
      expect(changes.map((c) => c.skipReason)).toEqual([{ code: "target-control-characters", params: { max: 20_000 } }]);
      expect(worded(changes[0]!.skipReason!, "zh-CN")).toMatch(/^译文包含控制字符/);
    } finally {
      await prisma.segment.update({ where: { id: segmentId }, data: { target: "" } });
    }
  });
});

describe("server actions' refusals in the request's language, each with its own code", () => {
  it("sign-off of an unfinished document: 409 sign-off-not-approved, in Chinese for a Chinese browser", async () => {
    currentUser = owner;
    actionLanguage = "zh-CN,zh;q=0.9";
    try {
      expect(await signOffAction({ documentId })).toEqual({ ok: false, status: 409, code: "sign-off-not-approved", error: "2 个句段中有 2 个尚未批准。" });
    } finally {
      actionLanguage = null;
    }
    expect(await signOffAction({ documentId })).toEqual({ ok: false, status: 409, code: "sign-off-not-approved", error: "2 of 2 segments are not approved yet." });
  });

  it("account and membership rules: last-owner, email-invalid, project-name-taken, project-name-required (never the generic refused)", async () => {
    currentUser = owner;
    const membership = await prisma.membership.findFirstOrThrow({ where: { projectId, userId: owner.id } });
    actionLanguage = "zh-CN";
    try {
      expect(await removeProjectMember({ membershipId: membership.id })).toEqual({ ok: false, status: 400, code: "last-owner", error: zhCN.errors["last-owner"] });
      expect(await inviteMember({ projectId, email: "not-an-address", role: "translator" })).toEqual({ ok: false, status: 400, code: "email-invalid", error: "请输入有效的电子邮箱地址。" });
      await prisma.project.create({ data: { name: "另一个项目" } });
      const settings = { projectId, name: "另一个项目", description: "", reviewStages: 1, qualityThreshold: 10 };
      expect(await updateProjectAction(settings)).toEqual({ ok: false, status: 409, code: "project-name-taken", error: "名为“另一个项目”的项目已存在。" });
      expect(await updateProjectAction({ ...settings, name: "  " })).toMatchObject({ ok: false, code: "project-name-required", error: "请为项目命名。" });
    } finally {
      actionLanguage = null;
    }
    await expect(createProject(owner.id, { name: "双语" })).rejects.toMatchObject({ code: "project-name-taken", params: { name: "双语" } });
    await expect(createProject(owner.id, { name: "双语" })).rejects.toBeInstanceOf(AccountError);
  });
});
