import { MISSING_SECRET_MESSAGE } from "@/lib/auth/secret";
import { mailConfigProblem } from "@/lib/mail/config";

// Refuse to serve production without a session secret: tokens signed with a known or empty
// secret could be forged by anyone.
if (process.env.NODE_ENV === "production" && !process.env.NEXTAUTH_SECRET?.trim()) {
  console.error(`\n[duizhao] ${MISSING_SECRET_MESSAGE}\n`);
  process.exit(1);
}

// Half-configured mail means no mail at all: say so once, where the administrator looks.
const mailProblem = mailConfigProblem();
if (mailProblem) console.warn(`[duizhao] ${mailProblem}`);
