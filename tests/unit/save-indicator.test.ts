/**
 * The editor's save indicator (issue 16, part 1): it says "unsaved" while typed text waits for
 * the autosave, "saving" while it is on its way, "saved" only when nothing is left — never
 * "saved" with unsaved text on screen.
 */
import { describe, expect, it } from "vitest";
import { INITIAL_SAVE_TRACKER, saveIndicator, trackSave, type SaveEvent, type SaveIndicator, type SaveTracker } from "@/lib/editor/save-indicator";

/** Runs the events and returns what the indicator said after each. */
function sequence(events: SaveEvent[], from: SaveTracker = INITIAL_SAVE_TRACKER): SaveIndicator[] {
  let state = from;
  return events.map((event) => saveIndicator((state = trackSave(state, event))));
}

const typed = (text: string, savedText = "", segmentId = "a"): SaveEvent => ({ type: "typed", segmentId, text, savedText });
const sent = (text: string, segmentId = "a"): SaveEvent => ({ type: "sent", segmentId, text });
const answered = (outcome: "saved" | "conflict" | "offline" | "error", segmentId = "a"): SaveEvent => ({ type: "answered", segmentId, outcome });

describe("the save indicator", () => {
  it("starts saved", () => {
    expect(saveIndicator(INITIAL_SAVE_TRACKER)).toBe("saved");
  });

  it("says unsaved from the first keystroke, saving once the autosave sends, saved when the server answers", () => {
    expect(sequence([typed("K"), typed("Ku"), typed("Kun"), sent("Kun"), answered("saved")])).toEqual(["unsaved", "unsaved", "unsaved", "saving", "saved"]);
  });

  it("stays unsaved when typing goes on while a save is on its way, and saving until the last answer", () => {
    expect(sequence([typed("Kun"), sent("Kun"), typed("Kuns", ""), answered("saved"), sent("Kuns"), answered("saved")])).toEqual(["unsaved", "saving", "unsaved", "unsaved", "saving", "saved"]);
  });

  it("compares with the text on its way, not the stale saved one", () => {
    // "Kun" is being saved; typing back to "Kun" leaves nothing unsent.
    expect(sequence([typed("Kun"), sent("Kun"), typed("Kunx"), typed("Kun")])).toEqual(["unsaved", "saving", "unsaved", "saving"]);
  });

  it("is not unsaved when the text is typed back to the saved one, or differs only in what saving normalises away", () => {
    expect(sequence([typed("Kunshan!", "Kunshan"), typed("Kunshan", "Kunshan")])).toEqual(["unsaved", "saved"]);
    expect(sequence([typed("Kunshan ", "Kunshan")])).toEqual(["saved"]);
  });

  it("keeps saving while two segments' saves are on their way", () => {
    expect(sequence([sent("one", "a"), sent("two", "b"), answered("saved", "a"), answered("saved", "b")])).toEqual(["saving", "saving", "saving", "saved"]);
    expect(sequence([sent("one"), sent("one more"), answered("saved"), answered("saved")])).toEqual(["saving", "saving", "saving", "saved"]);
  });

  it("clears unsaved text put back with Esc or replaced from the server", () => {
    expect(sequence([typed("Kun"), { type: "discarded", segmentId: "a" }])).toEqual(["unsaved", "saved"]);
  });

  it("says offline after a network failure, also while typing, until the retry succeeds", () => {
    expect(sequence([typed("Kun"), sent("Kun"), answered("offline"), typed("Kuns", ""), sent("Kuns"), answered("offline"), sent("Kuns"), answered("saved")])).toEqual([
      "unsaved",
      "saving",
      "offline",
      "offline",
      "saving",
      "offline",
      "saving",
      "saved",
    ]);
  });

  it("shows a conflict or a refusal until the next save succeeds or the conflict is settled", () => {
    expect(sequence([sent("mine"), answered("conflict"), typed("mine!", "theirs"), { type: "settled" }])).toEqual(["saving", "conflict", "conflict", "unsaved"]);
    expect(sequence([sent("x"), answered("error"), sent("y"), answered("saved")])).toEqual(["saving", "error", "error", "saved"]);
  });

  it("never says saved while a segment has text that was not sent", () => {
    // Every order of typing, sending and answering for two segments: "saved" only with nothing unsent or on its way.
    const events: SaveEvent[] = [typed("x", "", "a"), typed("y", "", "b"), sent("x", "a"), sent("y", "b"), answered("saved", "a"), answered("saved", "b")];
    const permutations = (list: SaveEvent[]): SaveEvent[][] => (list.length <= 1 ? [list] : list.flatMap((e, i) => permutations([...list.slice(0, i), ...list.slice(i + 1)]).map((rest) => [e, ...rest])));
    let checked = 0;
    for (const order of permutations(events)) {
      // Only orders where a segment is sent after it was typed and answered after it was sent.
      const at = (e: SaveEvent) => order.indexOf(e);
      if (at(events[2]!) < at(events[0]!) || at(events[3]!) < at(events[1]!) || at(events[4]!) < at(events[2]!) || at(events[5]!) < at(events[3]!)) continue;
      let state = INITIAL_SAVE_TRACKER;
      const typedSoFar = new Set<string>();
      const sentSoFar = new Set<string>();
      for (const event of order) {
        state = trackSave(state, event);
        if (event.type === "typed") typedSoFar.add(event.segmentId);
        if (event.type === "sent") sentSoFar.add(event.segmentId);
        const pending = [...typedSoFar].some((id) => !sentSoFar.has(id));
        if (pending) expect(saveIndicator(state)).toBe("unsaved");
      }
      expect(saveIndicator(state)).toBe("saved");
      checked++;
    }
    expect(checked).toBe(20); // two chains of three events interleaved: C(6, 3)
  });

  it("drops a text waiting for a retry when it is discarded (the other person's text taken instead)", () => {
    expect(sequence([typed("Mine"), sent("Mine"), answered("offline"), { type: "discarded", segmentId: "a" }])).toEqual(["unsaved", "saving", "offline", "saved"]);
  });
});
