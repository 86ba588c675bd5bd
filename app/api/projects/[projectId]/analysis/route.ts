import { z } from "zod";
import { authorizeProject } from "@/lib/auth/access";
import { analyseProject } from "@/lib/analysis/analysis-service";
import { keepAnalysis } from "@/lib/analysis/analysis-store";
import { jsonRoute } from "@/lib/http/json-route";
import { asJob, JOB_ID } from "@/lib/jobs/registry";

const bodySchema = z.object({ documentIds: z.array(z.string().min(1).max(100)).max(10_000).default([]), jobId: z.string().regex(JOB_ID).optional() });

/**
 * POST { documentIds, jobId? } — analyse these documents (none: the whole project) against the
 * project's memory by match band; answers the report. With a jobId, GET /api/jobs/:jobId shows
 * the progress meanwhile, and the report stays downloadable under that id (analysis/export).
 */
export async function POST(request: Request, { params }: { params: Promise<{ projectId: string }> }) {
  const { projectId } = await params;
  return jsonRoute(request, bodySchema, async (user, body) => {
    const { project } = await authorizeProject(user, projectId, "project.analyse");
    const report = await asJob(body.jobId, user.id, "analysis", (job) => analyseProject(project.id, body.documentIds, job, request.signal));
    if (body.jobId) keepAnalysis(body.jobId, user.id, report);
    return report;
  });
}
