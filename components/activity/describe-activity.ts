import { useTranslations } from "next-intl";
import type { ActivityItem } from "@/lib/activity/activity-log";
import { isProjectRole } from "@/lib/auth/permissions";

/**
 * One line of plain words for an event in the person's language (the list adds who, when and
 * links): `const describe = useActivityDescriber(); describe(item)`.
 */
export function useActivityDescriber(): (item: ActivityItem) => string {
  const t = useTranslations("activity.events");
  const roles = useTranslations("roles");
  const role = (value: unknown) => (typeof value === "string" && isProjectRole(value) ? roles(value) : String(value ?? "—"));
  return (item) => {
    const seg = item.segmentNumber ? t("segment", { number: item.segmentNumber }) : t("aSegment");
    const d = item.data;
    switch (item.type) {
      case "segment.edited":
        return item.actorRole === "reviewer" ? t("editedByReviewer", { seg }) : t("edited", { seg });
      case "segment.joined":
        return t("joined", { seg });
      case "segment.split":
        return t("split", { seg });
      case "segment.restructure_undone":
        return t("restructureUndone", { kind: d.kind === "join" || d.kind === "split" ? d.kind : "other", seg });
      case "segment.source_corrected":
        return t("sourceCorrected", { seg });
      case "segment.propagated":
        return t("propagated", { seg, count: Number(d.count ?? 0) });
      case "segment.propagation_undone":
        return t("propagationUndone", { seg, count: Number(d.restored ?? 0) });
      case "segment.status_changed":
        if (d.transition === "request_changes") return t("changesRequested", { seg });
        return d.to === "reviewed" ? t("reviewed", { seg }) : t("approved", { seg });
      case "comment.added":
        return d.isIssue ? t("issueRaised", { seg }) : t("commented", { seg });
      case "comment.edited":
        return t("commentEdited", { seg });
      case "comment.deleted":
        return t("commentDeleted", { seg });
      case "comment.resolved":
        return t("commentResolved", { seg });
      case "comment.reopened":
        return t("commentReopened", { seg });
      case "document.imported":
        return t("imported");
      case "document.assigned":
        return t("assigned", { translator: String(d.translator ?? t("nobody")), reviewer: String(d.reviewer ?? t("nobody")) });
      case "document.signed_off":
        return t("signedOff");
      case "document.reopened":
        return d.cause === "sign-off-interrupted" ? t("reopenedInterrupted") : t("reopened", { seg });
      case "document.exported":
        return d.format ? t("exportedAs", { format: String(d.format) }) : t("exported");
      case "document.translations_imported":
        return t("translationsImported", { count: Number(d.applied ?? 0), origin: String(d.origin ?? t("aFile")) });
      case "document.pretranslated":
        return t("pretranslated", { count: Number(d.filled ?? 0), provider: String(d.provider ?? t("machineTranslation")) });
      case "document.version_created":
        return t("versionCreated", { label: String(d.label ?? "") });
      case "project.created":
        return t("projectCreated");
      case "project.updated":
        return t("projectUpdated");
      case "member.invited":
        return t("memberInvited", { email: String(d.email ?? t("someone")), role: role(d.role) });
      case "member.joined":
        return t("memberJoined", { role: role(d.role) });
      case "member.role_changed":
        return t("roleChanged", { from: role(d.from), to: role(d.to) });
      case "member.removed":
        return t("memberRemoved");
      default:
        return item.type.replace(/[._]/g, " ");
    }
  };
}
