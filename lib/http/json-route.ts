import type { z } from "zod";
import { AccessDenied, requireUser } from "@/lib/auth/access";
import type { SessionUser } from "@/lib/auth/session";

/** A refusal a route reports with its own status code (a conflict, an unprocessable request…). */
export class RouteRefusal extends Error {
  constructor(
    readonly status: number,
    message: string,
    readonly extra: Record<string, unknown> = {},
  ) {
    super(message);
    this.name = "RouteRefusal";
  }
}

/**
 * The shape every JSON route handler shares: a signed-in user, a body validated by `schema`
 * (400 with the first problem otherwise), and refusals turned into status codes — AccessDenied
 * into 401/403/404, RouteRefusal into its own. Anything else is a bug and propagates.
 */
export async function jsonRoute<T>(
  request: Request,
  schema: z.ZodType<T>,
  run: (user: SessionUser, body: T) => Promise<Response | object>,
): Promise<Response> {
  try {
    const user = await requireUser();
    const body = schema.safeParse(await request.json().catch(() => null));
    if (!body.success) return Response.json({ error: body.error.issues[0]?.message ?? "Invalid request." }, { status: 400 });
    const result = await run(user, body.data);
    return result instanceof Response ? result : Response.json(result);
  } catch (error) {
    if (error instanceof AccessDenied) return Response.json({ error: error.message }, { status: error.status });
    if (error instanceof RouteRefusal) return Response.json({ error: error.message, ...error.extra }, { status: error.status });
    throw error;
  }
}

/** The same for GET handlers, which have no body: `run` checks access itself. */
export async function jsonGet(run: () => Promise<Response | object>): Promise<Response> {
  try {
    const result = await run();
    return result instanceof Response ? result : Response.json(result);
  } catch (error) {
    if (error instanceof AccessDenied) return Response.json({ error: error.message }, { status: error.status });
    if (error instanceof RouteRefusal) return Response.json({ error: error.message, ...error.extra }, { status: error.status });
    throw error;
  }
}
