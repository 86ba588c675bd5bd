import { z } from "zod";
import { API_SCOPES } from "../scopes";
import { endpoint } from "../endpoint";

/** Who the API takes the caller to be: a script's first call, to check its token. */
export const getMe = endpoint({
  method: "get", path: "/me", operationId: "getMe", tag: "Account", scope: "read",
  summary: "The calling user, with the token's scopes and project restriction",
  responses: {
    200: {
      description: "The caller.",
      schema: z.object({
        user: z.object({ id: z.string(), name: z.string(), email: z.string(), isAdmin: z.boolean() }),
        token: z.object({ id: z.string(), scopes: z.array(z.enum(API_SCOPES)), projectId: z.string().nullable() }).nullable().meta({ description: "Null for a browser session." }),
      }),
    },
  },
});
