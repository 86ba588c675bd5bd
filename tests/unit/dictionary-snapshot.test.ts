/**
 * The saved expansion of a Hunspell dictionary (lib/spelling/dictionary-snapshot.ts, issue 18's
 * CLI start-up): a checker restored from the snapshot must answer exactly as the one nspell builds
 * from the .aff and .dic — for dictionary words, their case variants, compound ordinals, near
 * misses and suggestions — in both English dictionaries.
 */
import nspell from "nspell";
import { describe, expect, it } from "vitest";
import { restoreSnapshot, snapshotOf } from "@/lib/spelling/dictionary-snapshot";
import { dictionaryFiles } from "@/lib/spelling/load-dictionary";

const NEAR_MISSES = ["recieve", "teh", "constrution", "frist", "toped", "Kunshan", "colour", "color", "organisation", "organization", "1st", "22nd", "103rd", "11th", "12nd", "don't", "DON'T", "Hi-Tech", "zone", "ZONE", "Zone", "iPhone", "NASA", "nasa", ""];

describe.each(["en-US", "en-GB"] as const)("the %s snapshot", (locale) => {
  it("answers every sampled word, case variant and near miss as the built checker does", async () => {
    const { aff, dic } = await dictionaryFiles(locale);
    const built = nspell(Buffer.from(aff), Buffer.from(dic));
    const restored = restoreSnapshot(nspell(Buffer.from(aff)), snapshotOf(built));
    expect(restored).not.toBeNull();
    const words = Object.keys((built as unknown as { data: Record<string, string[]> }).data).filter((_, i) => i % 37 === 0);
    expect(words.length).toBeGreaterThan(2000);
    const samples = [...NEAR_MISSES, ...words.flatMap((w) => [w, w.toUpperCase(), w.charAt(0).toUpperCase() + w.slice(1), `${w}s`, `${w}x`])];
    const differing = samples.filter((word) => built.correct(word) !== restored!.correct(word));
    expect(differing).toEqual([]);
    for (const miss of ["recieve", "constrution", "organisaton"]) expect(restored!.suggest(miss)).toEqual(built.suggest(miss));
  }, 60_000); // building nspell from the files takes a few seconds on a loaded CI machine
});

it("refuses text that is not a snapshot of its format, so the caller builds from the files", async () => {
  const { aff } = await dictionaryFiles("en-US");
  expect(restoreSnapshot(nspell(Buffer.from(aff)), "not json\nword")).toBeNull();
  expect(restoreSnapshot(nspell(Buffer.from(aff)), JSON.stringify({ format: "other", count: 0 }))).toBeNull();
  // A truncated file (a crash while writing is prevented by the rename, but a disk can fill up).
  const whole = snapshotOf(nspell(Buffer.from(aff), Buffer.from("2\nalpha\nbeta\n")));
  expect(restoreSnapshot(nspell(Buffer.from(aff)), whole)?.correct("beta")).toBe(true);
  expect(restoreSnapshot(nspell(Buffer.from(aff)), whole.split("\n").slice(0, -1).join("\n"))).toBeNull();
  // …or one with a line too many (the lines are found by offset, not counted by a split).
  expect(restoreSnapshot(nspell(Buffer.from(aff)), `${whole}\nextra`)).toBeNull();
  expect(restoreSnapshot(nspell(Buffer.from(aff)), `${whole}\n`)).toBeNull();
  // The first and the last word are found (the bisection's ends), a word between them is not.
  const restored = restoreSnapshot(nspell(Buffer.from(aff)), whole)!;
  expect([restored.correct("alpha"), restored.correct("beta"), restored.correct("alphb")]).toEqual([true, true, false]);
});
