import os from "node:os";
import { prisma } from "@/lib/db";
import { dialect } from "@/lib/db-dialect";

const INSTANCE = process.env.DUIZHAO_INSTANCE ?? `${os.hostname()}:${process.env.PORT ?? ""}`;

export const dynamic = "force-dynamic";

/** Liveness and database reachability, for load balancers and the test runner. */
export async function GET() {
  try {
    await prisma.$queryRawUnsafe("SELECT 1");
    // Which instance answered (DUIZHAO_INSTANCE, else host and port): useful behind a load balancer.
    return Response.json({ status: "ok", database: "reachable", dialect, instance: INSTANCE });
  } catch (error) {
    return Response.json(
      { status: "error", database: "unreachable", dialect, instance: INSTANCE, message: error instanceof Error ? error.message : String(error) },
      { status: 503 },
    );
  }
}
