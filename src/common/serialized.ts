/**
 * `task` run one call at a time, each after the previous one settled (a failed run does not stop the next): for
 * reloads, where an older read must never overwrite a newer one.
 */
export function serialized(task: () => Promise<void>): () => Promise<void> {
  let last: Promise<void> = Promise.resolve();
  return () => {
    const next = last.catch(() => undefined).then(task);
    last = next;
    return next;
  };
}
