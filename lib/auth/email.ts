/** E-mail addresses are stored and compared in this form: accounts, sign-in, invitations, SSO. */
export function normaliseEmail(email: string): string {
  return email.trim().toLowerCase();
}
