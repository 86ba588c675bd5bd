import { AccessDenied } from "./access";
import type { SessionUser } from "./session";

/**
 * A request's signed-in check not made yet (issue 18): the token decrypted to a user and a
 * server-side session, but the session row — open, not expired, still that user's — is not read.
 * The save on PostgreSQL makes the check inside its own statement (lib/revisions/pg-save.ts), one
 * round trip instead of two; anything else calls `signedIn()`, which makes exactly the check
 * getSessionUser makes (lib/auth/session.ts), once. Until one of them ran, the request is not
 * known to be signed in and nothing may be answered or written on its behalf.
 */
export class PendingSession {
  /** The signed-in user once the check was made (by signedIn or by a statement), else null. */
  private checkedUser: SessionUser | null = null;

  constructor(
    /** The user the token names. */
    readonly userId: string,
    /** The server-side session the token names. */
    readonly sessionId: string,
    private readonly check: () => Promise<SessionUser | null>,
  ) {}

  /** The user, checked; null while no check was made. */
  get user(): SessionUser | null {
    return this.checkedUser;
  }

  /** The signed-in user, making the check if no statement made it: AccessDenied(401) when the session is over. */
  async signedIn(): Promise<SessionUser> {
    return this.checkedUser ?? this.checked(await this.check());
  }

  /** Records the check a statement made: the session's user, or null (AccessDenied(401)). */
  checked(user: SessionUser | null): SessionUser {
    if (!user) throw new AccessDenied(401);
    this.checkedUser = user;
    return user;
  }
}

/** Who a request comes from: a checked user, or a check still to be made. */
export type Signed = SessionUser | PendingSession;

/** The checked user of either (PendingSession.signedIn). */
export function signedInUser(who: Signed): Promise<SessionUser> {
  return who instanceof PendingSession ? who.signedIn() : Promise.resolve(who);
}

/** The user if already known, for the answer's language (a refusal before any check is made speaks the request's). */
export function knownUser(who: Signed | null): SessionUser | null {
  return who instanceof PendingSession ? who.user : who;
}
