import { authorizeProject, requireUser } from "@/lib/auth/access";
import { analysisCsv, analysisXlsx } from "@/lib/analysis/analysis-files";
import { analyseProject } from "@/lib/analysis/analysis-service";
import { keptAnalysis } from "@/lib/analysis/analysis-store";
import { jsonGet } from "@/lib/http/json-route";
import { requestLocale } from "@/lib/i18n/locales";
import { JOB_ID } from "@/lib/jobs/registry";

const XLSX_TYPE = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet";

/**
 * GET ?format=csv|xlsx&id=<job id>&documents=<id,id…> — an analysis as a file: the one run under
 * that id when this instance still has it, else the documents (none: the whole project) analysed again.
 */
export async function GET(request: Request, { params }: { params: Promise<{ projectId: string }> }) {
  const { projectId } = await params;
  return jsonGet(async () => {
    const user = await requireUser();
    const { project } = await authorizeProject(user, projectId, "project.analyse");
    const query = new URL(request.url).searchParams;
    const format = query.get("format") === "xlsx" ? "xlsx" : "csv";
    const id = query.get("id") ?? "";
    const documents = (query.get("documents") ?? "").split(",").filter((d) => d && d.length <= 100).slice(0, 10_000);
    const report = (JOB_ID.test(id) ? keptAnalysis(id, user.id, project.id) : null) ?? (await analyseProject(project.id, documents, undefined, request.signal));
    const locale = requestLocale(request, user.locale);
    const name = `analysis-${report.analysedAt.slice(0, 10)}.${format}`;
    const body = format === "xlsx" ? new Uint8Array(await analysisXlsx(report, project.name, locale)) : analysisCsv(report, locale);
    return new Response(body, {
      headers: { "content-type": format === "xlsx" ? XLSX_TYPE : "text/csv; charset=utf-8", "content-disposition": `attachment; filename="${name}"`, "cache-control": "no-store" },
    });
  }, request);
}
