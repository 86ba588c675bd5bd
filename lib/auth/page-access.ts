import { notFound } from "next/navigation";
import { AccessDenied } from "./access";

/**
 * For server components: runs an access check and turns a refusal into the page a person
 * should see — a 404 for things outside their projects, so their existence is not revealed.
 */
export async function forPage<T>(check: () => Promise<T>): Promise<T> {
  try {
    return await check();
  } catch (error) {
    if (error instanceof AccessDenied) notFound();
    throw error;
  }
}
