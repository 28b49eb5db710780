// Run before every test file (vitest.config.ts setupFiles). The fast loop shares a worker
// between files, so a file that leaves the fake clock installed (for example by restoring a
// spy on the faked setTimeout after the real timers came back) would stall every later
// file's timers: fail where the leak is visible instead, naming it.
import { afterAll, beforeAll } from "vitest";

const faked = () => "clock" in globalThis.setTimeout;

beforeAll(() => {
  if (faked()) throw new Error("a previous test file left fake timers installed (setTimeout is faked): restore mocks before vi.useRealTimers()");
});

afterAll(() => {
  if (faked()) throw new Error("this test file left fake timers installed (setTimeout is faked): restore mocks before vi.useRealTimers()");
});
