// Per-attempt timeouts for many requests on one timer. Every attempt of a transport has the
// same timeout, so deadlines fall due in the order attempts start: a Set (which iterates in
// insertion order) with one setTimeout armed for its oldest entry. A setTimeout and a
// Promise.race per attempt cost about 15% of a whole call (BENCHMARKS.md); this costs an
// add and a delete.

/** Settles like `promise`, or rejects with `onTimeout()` once `timeoutMs` has passed. */
export type Bound = <T>(promise: Promise<T>, onTimeout: () => unknown) => Promise<T>;

export function createDeadlines(timeoutMs: number): Bound {
  const pending = new Set<{ due: number; expire: () => void }>();
  let armed = false;

  function arm(ms: number) {
    armed = true;
    // unref: a pending deadline must not keep a finished Node process alive.
    (setTimeout(sweep, ms) as { unref?: () => void }).unref?.();
  }

  function sweep() {
    armed = false;
    for (const entry of pending) {
      const wait = entry.due - Date.now();
      if (wait > 0) return arm(wait);
      pending.delete(entry);
      entry.expire();
    }
  }

  return (promise, onTimeout) =>
    new Promise((resolve, reject) => {
      const entry = { due: Date.now() + timeoutMs, expire: () => reject(onTimeout()) };
      pending.add(entry);
      if (!armed) arm(timeoutMs);
      promise.then(
        (value) => pending.delete(entry) && resolve(value),
        (error: unknown) => pending.delete(entry) && reject(error),
      );
    });
}
