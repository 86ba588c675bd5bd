import { describe, expect, it } from "vitest";
import { ACTIONS, can, PROJECT_ROLES, type Action, type Actor, type ProjectRole } from "@/lib/auth/permissions";

const member: Actor = { id: "u1", isAdmin: false };
const admin: Actor = { id: "a1", isAdmin: true };

// The whole matrix written out by hand (not derived from the module under test).
// Columns: owner, reviewer, translator, viewer, non-member.
const EXPECTED: Record<Exclude<Action, "project.create">, [boolean, boolean, boolean, boolean, boolean]> = {
  "project.view": [true, true, true, true, false],
  "project.update": [true, false, false, false, false],
  "project.delete": [true, false, false, false, false],
  "project.members.manage": [true, false, false, false, false],
  "project.analyse": [true, false, false, false, false],
  "document.view": [true, true, true, true, false],
  "document.import": [true, false, false, false, false],
  "document.export": [true, false, false, false, false],
  "document.delete": [true, false, false, false, false],
  "document.assign": [true, false, false, false, false],
  "document.signOff": [true, true, false, false, false],
  "document.snapshot": [true, true, true, false, false],
  "document.pretranslate": [true, false, true, false, false],
  "glossary.edit": [true, true, false, false, false],
  "dictionary.edit": [true, true, false, false, false],
  "memory.manage": [true, false, false, false, false],
  "qa.ignore": [true, true, false, false, false],
  "segment.comment": [true, true, true, true, false],
  "segment.edit": [true, true, true, false, false],
  "segment.confirm": [true, true, true, false, false],
  "segment.review": [true, true, false, false, false],
  "segment.editSource": [true, false, false, false, false],
  "segment.joinSplit": [true, false, true, false, false],
};
const COLUMNS: (ProjectRole | null)[] = ["owner", "reviewer", "translator", "viewer", null];

describe("can(user, action, resource)", () => {
  it("covers every action", () => {
    expect(Object.keys(EXPECTED).sort()).toEqual(ACTIONS.filter((a) => a !== "project.create").sort());
    expect(COLUMNS.slice(0, 4)).toEqual([...PROJECT_ROLES]);
  });

  for (const [action, row] of Object.entries(EXPECTED) as [Exclude<Action, "project.create">, boolean[]][]) {
    COLUMNS.forEach((role, i) => {
      it(`${action} × ${role ?? "non-member"} → ${row[i] ? "allowed" : "refused"}`, () => {
        expect(can(member, action, { role, segmentStatus: "translated" })).toBe(row[i]);
      });
    });
    it(`${action} × signed out → refused`, () => {
      expect(can(null, action, { role: "owner" })).toBe(false);
    });
    it(`${action} × site admin (not a member) → allowed`, () => {
      expect(can(admin, action, { role: null, segmentStatus: "approved" })).toBe(true);
    });
  }

  it("lets translators edit and confirm anything but approved segments; reviewers and owners edit all", () => {
    for (const status of ["untranslated", "draft", "translated", "reviewed", "changes_requested"]) {
      expect(can(member, "segment.edit", { role: "translator", segmentStatus: status })).toBe(true);
      expect(can(member, "segment.confirm", { role: "translator", segmentStatus: status })).toBe(true);
    }
    expect(can(member, "segment.edit", { role: "translator", segmentStatus: "approved" })).toBe(false);
    expect(can(member, "segment.confirm", { role: "translator", segmentStatus: "approved" })).toBe(false);
    expect(can(member, "segment.edit", { role: "reviewer", segmentStatus: "approved" })).toBe(true);
    expect(can(member, "segment.edit", { role: "owner", segmentStatus: "approved" })).toBe(true);
  });

  it("lets site admins and existing owners create projects, nobody else", () => {
    expect(can(admin, "project.create", { role: null })).toBe(true);
    expect(can(member, "project.create", { role: null, ownsAProject: true })).toBe(true);
    expect(can(member, "project.create", { role: null, ownsAProject: false })).toBe(false);
    expect(can(null, "project.create", { role: null, ownsAProject: true })).toBe(false);
  });
});
