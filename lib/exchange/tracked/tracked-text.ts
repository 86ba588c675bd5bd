import { diffTexts } from "@/lib/diff/text-diff";

/**
 * A segment's English text with tracked changes in it, as Word holds it: a sequence of atoms,
 * each a piece of text that is present or not depending on decisions. `ins` names the change that
 * inserted the atom (present only when that change is accepted), `del` the change that deleted it
 * (present only while that change is not accepted). An atom may carry both: text one person
 * inserted and another deleted. Plain text carries neither.
 */
export interface Atom {
  text: string;
  ins?: string;
  del?: string;
}

/** The text with the given changes accepted and every other change rejected. */
export function compose(atoms: readonly Atom[], accepted: ReadonlySet<string> | ((key: string) => boolean)): string {
  const isAccepted = typeof accepted === "function" ? accepted : (key: string) => accepted.has(key);
  let out = "";
  for (const a of atoms) {
    if (a.ins !== undefined && !isAccepted(a.ins)) continue;
    if (a.del !== undefined && isAccepted(a.del)) continue;
    out += a.text;
  }
  return out;
}

/** Word's "Accept all changes". */
export const acceptAll = (atoms: readonly Atom[]) => compose(atoms, () => true);
/** Word's "Reject all changes". */
export const rejectAll = (atoms: readonly Atom[]) => compose(atoms, () => false);

/** Every change an atom list mentions, in the order they first appear. */
export function changeKeys(atoms: readonly Atom[]): string[] {
  const keys = new Set<string>();
  for (const a of atoms) {
    if (a.del !== undefined) keys.add(a.del);
    if (a.ins !== undefined) keys.add(a.ins);
  }
  return [...keys];
}

/**
 * The word diff from `before` to `after` (the diff engine: Chinese by word, punctuation and
 * whitespace as their own tokens) as atoms; each removed run and each added run is its own change,
 * keyed by `key(index)`. Accepting every change gives `after`, rejecting every one `before`.
 */
export function atomsFromDiff(before: string, after: string, key: (index: number) => string): Atom[] {
  let n = 0;
  return diffTexts(before, after).map((p) => (p.added ? { text: p.value, ins: key(n++) } : p.removed ? { text: p.value, del: key(n++) } : { text: p.value }));
}

/** Adjacent atoms with the same marks joined (a file splits text into many runs). */
export function mergeAtoms(atoms: readonly Atom[]): Atom[] {
  const out: Atom[] = [];
  for (const a of atoms) {
    if (!a.text) continue;
    const last = out[out.length - 1];
    if (last && last.ins === a.ins && last.del === a.del) last.text += a.text;
    else out.push({ ...a });
  }
  return out;
}

/**
 * Folds decisions already taken into the atoms: `fixed` changes are treated as accepted for good
 * (their marks removed, or their deleted text dropped). Used for the changes Duizhao itself wrote
 * into an export, which the exported text already includes.
 */
export function settle(atoms: readonly Atom[], fixed: (key: string) => boolean): Atom[] {
  const out: Atom[] = [];
  for (const a of atoms) {
    if (a.del !== undefined && fixed(a.del)) continue;
    const next: Atom = { text: a.text };
    if (a.ins !== undefined && !fixed(a.ins)) next.ins = a.ins;
    if (a.del !== undefined) next.del = a.del;
    out.push(next);
  }
  return mergeAtoms(out);
}

/**
 * Adds the edits made without Track Changes as changes of their own. `atoms` are the file's text
 * with its tracked changes; `exported` is the text Duizhao exported. The file's text with every
 * tracked change rejected should be `exported`; where it is not, someone typed without tracking,
 * and each differing stretch (word diff) becomes a change keyed by `key(index)`: the text typed is
 * inserted by it, the text removed deleted by it. Afterwards rejecting everything gives
 * `exported` again and accepting everything gives the file's accept-all text.
 */
export function withUntracked(atoms: readonly Atom[], exported: string, key: (index: number) => string): { atoms: Atom[]; untracked: string[] } {
  const base = rejectAll(atoms);
  if (base === exported) return { atoms: mergeAtoms(atoms), untracked: [] };
  const parts = diffTexts(exported, base);
  const out: Atom[] = [];
  const untracked: string[] = [];
  // Walk the atoms along the base text (atoms with an insertion mark take no room in it).
  let atomIndex = 0;
  let offsetInAtom = 0;
  const takeBase = (length: number, mark: string | undefined) => {
    let left = length;
    while (left > 0 && atomIndex < atoms.length) {
      const a = atoms[atomIndex]!;
      if (a.ins !== undefined) {
        out.push({ ...a });
        atomIndex++;
        continue;
      }
      const piece = a.text.slice(offsetInAtom, offsetInAtom + left);
      out.push({ text: piece, ...(mark !== undefined ? { ins: mark } : {}), ...(a.del !== undefined ? { del: a.del } : {}) });
      left -= piece.length;
      offsetInAtom += piece.length;
      if (offsetInAtom >= a.text.length) {
        atomIndex++;
        offsetInAtom = 0;
      }
    }
  };
  let n = 0;
  for (let i = 0; i < parts.length; i++) {
    const p = parts[i]!;
    if (!p.added && !p.removed) {
      takeBase(p.value.length, undefined);
      continue;
    }
    // A removal followed by an addition is one replacement, one change.
    const k = key(n++);
    untracked.push(k);
    if (p.removed) {
      out.push({ text: p.value, del: k });
      const next = parts[i + 1];
      if (next?.added) {
        takeBase(next.value.length, k);
        i++;
      }
    } else takeBase(p.value.length, k);
  }
  while (atomIndex < atoms.length) out.push({ ...atoms[atomIndex++]! });
  return { atoms: mergeAtoms(out), untracked };
}
