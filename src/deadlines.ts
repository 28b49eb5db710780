// Per-attempt timeouts for many requests on one timer. Every attempt of a transport has the
// same timeout, so deadlines arrive in the order attempts start: a queue, with one setTimeout
// armed for its head. A setTimeout and a Promise.race per attempt cost about 15% of a whole
// call (BENCHMARKS.md); this costs a push and a flag.

interface Entry {
  deadline: number;
  settled: boolean;
  expire: () => void;
}

export interface Deadlines {
  /** Settles like `promise`, or calls `onTimeout` for the rejection once `timeoutMs` has passed. */
  bound<T>(promise: Promise<T>, onTimeout: () => unknown): Promise<T>;
}

const noop = () => undefined;

export function createDeadlines(timeoutMs: number): Deadlines {
  const queue: Entry[] = [];
  let head = 0;
  let timer: ReturnType<typeof setTimeout> | undefined;

  function dropSettled() {
    while (head < queue.length && queue[head]!.settled) head++;
    if (head > 1024 && head * 2 > queue.length) {
      queue.splice(0, head);
      head = 0;
    }
  }

  function arm() {
    dropSettled();
    const next = queue[head];
    if (!next) return;
    timer = setTimeout(fire, Math.max(0, next.deadline - Date.now()));
  }

  function fire() {
    timer = undefined;
    const now = Date.now();
    dropSettled();
    while (head < queue.length && queue[head]!.deadline <= now) {
      const entry = queue[head++]!;
      if (!entry.settled) {
        entry.settled = true;
        entry.expire();
      }
    }
    arm();
  }

  return {
    bound(promise, onTimeout) {
      return new Promise((resolve, reject) => {
        const entry: Entry = { deadline: Date.now() + timeoutMs, settled: false, expire: () => reject(onTimeout()) };
        queue.push(entry);
        if (timer === undefined) arm();
        const settle = () => {
          if (entry.settled) return false;
          entry.settled = true;
          entry.expire = noop; // let the response be collected while the entry waits in the queue
          dropSettled();
          return true;
        };
        promise.then(
          (value) => settle() && resolve(value),
          (error: unknown) => settle() && reject(error),
        );
      });
    },
  };
}
