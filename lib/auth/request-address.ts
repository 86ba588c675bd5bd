import { headers } from "next/headers";
import { clientAddress } from "./client-address";

/** The client address of the request a server action or page is serving; null outside a request. */
export async function requestClientAddress(): Promise<string | null> {
  try {
    return clientAddress(await headers());
  } catch {
    return null;
  }
}
