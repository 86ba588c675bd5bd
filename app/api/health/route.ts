import { prisma } from "@/lib/db";

export const dynamic = "force-dynamic";

/** Liveness and database reachability, for load balancers and the test runner. */
export async function GET() {
  try {
    await prisma.$queryRawUnsafe("SELECT 1");
    return Response.json({ status: "ok", database: "reachable" });
  } catch (error) {
    return Response.json(
      { status: "error", database: "unreachable", message: error instanceof Error ? error.message : String(error) },
      { status: 503 },
    );
  }
}
