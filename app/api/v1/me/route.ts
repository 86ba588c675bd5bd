import { apiRoute } from "@/lib/api/api-route";
import { getMe } from "@/lib/api/endpoints/me";

export const GET = apiRoute(getMe, async ({ caller, user }) => ({
  user: { id: user.id, name: user.name, email: user.email, isAdmin: user.isAdmin },
  token: caller.tokenId === null ? null : { id: caller.tokenId, scopes: [...caller.scopes], projectId: caller.projectId },
}));
