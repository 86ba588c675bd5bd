"use client";

import { useState, useTransition } from "react";
import { changeMemberRole, removeProjectMember, revokeInvitation } from "@/app/projects/[projectId]/members/actions";
import { ui } from "@/components/ui/page-header";
import { PROJECT_ROLES, ROLE_LABELS, type ProjectRole } from "@/lib/auth/permissions";

export function MemberActions({ membershipId, role, name, self }: { membershipId: string; role: ProjectRole; name: string; self: boolean }) {
  const [error, setError] = useState<string | null>(null);
  const [pending, startTransition] = useTransition();
  const run = (action: () => Promise<{ ok: boolean; error?: string }>) =>
    startTransition(async () => {
      setError(null);
      const result = await action();
      if (!result.ok) setError(result.error ?? "That did not work.");
    });
  return (
    <div style={{ display: "flex", gap: 8, alignItems: "center", flexWrap: "wrap" }}>
      <select
        aria-label={`Role of ${name}`}
        defaultValue={role}
        disabled={pending}
        onChange={(e) => run(() => changeMemberRole({ membershipId, role: e.target.value }))}
      >
        {PROJECT_ROLES.map((r) => (
          <option key={r} value={r}>
            {ROLE_LABELS[r]}
          </option>
        ))}
      </select>
      <button
        type="button"
        className={ui.button}
        disabled={pending}
        onClick={() => {
          if (window.confirm(self ? "Remove yourself from this project?" : `Remove ${name} from this project?`)) run(() => removeProjectMember({ membershipId }));
        }}
      >
        Remove
      </button>
      {error && (
        <span role="alert" style={{ color: "var(--danger)", fontSize: 12 }}>
          {error}
        </span>
      )}
    </div>
  );
}

export function RevokeInvitationButton({ invitationId, email }: { invitationId: string; email: string }) {
  const [pending, startTransition] = useTransition();
  return (
    <button type="button" className={ui.button} disabled={pending} aria-label={`Withdraw invitation for ${email}`} onClick={() => startTransition(async () => void (await revokeInvitation({ invitationId })))}>
      Withdraw
    </button>
  );
}
