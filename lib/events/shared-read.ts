/**
 * A read by key whose answer is shared for `ttlMs`: the open streams of one document ask the same
 * periodic questions (who is present, the document's last seq), each on its own timer; sharing the
 * answer makes that one query per document and window instead of one per open editor.
 * A failed read is not kept.
 */
export function sharedRead<T>(ttlMs: number, read: (key: string) => Promise<T>): (key: string) => Promise<T> {
  const answers = new Map<string, Promise<T>>();
  return (key) => {
    const known = answers.get(key);
    if (known) return known;
    const answer = read(key);
    answers.set(key, answer);
    const forget = () => {
      if (answers.get(key) === answer) answers.delete(key);
    };
    setTimeout(forget, ttlMs).unref?.();
    answer.catch(forget);
    return answer;
  };
}
