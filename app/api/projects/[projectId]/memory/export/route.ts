import { AccessDenied, authorizeProject, deniedResponse, requireUser } from "@/lib/auth/access";
import { exportMemoryTmx } from "@/lib/memory/memory-service";

/** GET — the project's translation memory as TMX 1.4b. */
export async function GET(request: Request, { params }: { params: Promise<{ projectId: string }> }) {
  const { projectId } = await params;
  try {
    const user = await requireUser();
    const { project } = await authorizeProject(user, projectId, "memory.manage");
    return new Response(await exportMemoryTmx(project.id, `${project.name} memory`), {
      headers: { "content-type": "application/x-tmx+xml; charset=utf-8", "content-disposition": 'attachment; filename="memory.tmx"' },
    });
  } catch (error) {
    if (error instanceof AccessDenied) return deniedResponse(error, request);
    throw error;
  }
}
