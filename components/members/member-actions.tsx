"use client";

import { useTranslations } from "next-intl";
import { useState, useTransition } from "react";
import { changeMemberRole, removeProjectMember, revokeInvitation } from "@/app/projects/[projectId]/members/actions";
import { HydratedFieldset } from "@/components/ui/hydrated-fieldset";
import { ui } from "@/components/ui/page-header";
import { PROJECT_ROLES, type ProjectRole } from "@/lib/auth/permissions";

export function MemberActions({ membershipId, role, name, self }: { membershipId: string; role: ProjectRole; name: string; self: boolean }) {
  const t = useTranslations("members");
  const roles = useTranslations("roles");
  const [error, setError] = useState<string | null>(null);
  const [pending, startTransition] = useTransition();
  const run = (action: () => Promise<{ ok: boolean; error?: string }>) =>
    startTransition(async () => {
      setError(null);
      const result = await action();
      if (!result.ok) setError(result.error ?? t("failed"));
    });
  return (
    <div style={{ display: "flex", gap: 8, alignItems: "center", flexWrap: "wrap" }}>
      {/* Until the page has hydrated a role chosen would show as changed and change nothing (no handler yet); while busy, nothing either. */}
      <HydratedFieldset disabled={pending}>
        <select
          aria-label={t("roleOf", { name })}
          defaultValue={role}
          onChange={(e) => run(() => changeMemberRole({ membershipId, role: e.target.value }))}
        >
          {PROJECT_ROLES.map((r) => (
            <option key={r} value={r}>
              {roles(r)}
            </option>
          ))}
        </select>
        <button
          type="button"
          className={ui.button}
          onClick={() => {
            if (window.confirm(self ? t("removeSelfConfirm") : t("removeConfirm", { name }))) run(() => removeProjectMember({ membershipId }));
          }}
        >
          {t("remove")}
        </button>
      </HydratedFieldset>
      {error && (
        <span role="alert" style={{ color: "var(--danger)", fontSize: 12 }}>
          {error}
        </span>
      )}
    </div>
  );
}

export function RevokeInvitationButton({ invitationId, email }: { invitationId: string; email: string }) {
  const t = useTranslations("members");
  const [pending, startTransition] = useTransition();
  return (
    <button type="button" className={ui.button} disabled={pending} aria-label={t("withdrawFor", { email })} onClick={() => startTransition(async () => void (await revokeInvitation({ invitationId })))}>
      {t("withdraw")}
    </button>
  );
}
