// The redactor's index: a counted set of window hashes, each a pair of 32-bit numbers, kept in
// typed arrays (12 bytes a slot, open addressing with linear probing, at most three quarters
// full). A JavaScript Set of numbers cost about ten times as much per window, and a window could
// not be taken out of it when two secrets shared it: forgetting a secret meant rebuilding the
// whole index. Here every window counts the secrets (and places in them) that have it, so
// forgetting a secret takes out its own windows and nothing else.

export class WindowCounts {
  /** The two halves of each slot's hash, side by side. */
  private keys = new Int32Array(2 * 1024);
  /** How many times each slot's hash was added and not yet removed; 0 is an empty slot. */
  private counts = new Uint32Array(1024);
  /** 32 minus log2 of the number of slots: a hash's home slot is the top bits of its mix. */
  private shift = 22;
  /** Distinct hashes held. */
  size = 0;

  /**
   * `seed` is random per redactor: a server choosing secrets (the tokens it issues) cannot aim
   * their windows at one run of slots and so slow every look-up down.
   */
  constructor(private readonly seed: number) {}

  has(h1: number, h2: number): boolean {
    return this.slotOf(h1, h2) >= 0;
  }

  add(h1: number, h2: number): void {
    const slot = this.slotOf(h1, h2);
    if (slot >= 0) {
      this.counts[slot]! += 1;
      return;
    }
    if (4 * (this.size + 1) > 3 * this.counts.length) this.grow();
    this.put(h1, h2, 1);
    this.size += 1;
  }

  /** Takes out one count of a hash added before. */
  remove(h1: number, h2: number): void {
    let hole = this.slotOf(h1, h2);
    if (hole < 0 || --this.counts[hole]! > 0) return;
    this.size -= 1;
    // Backward-shift deletion: a later slot of the same run whose home is at or before the hole
    // moves into it, so no look-up ever stops early at the emptied slot.
    const mask = this.counts.length - 1;
    for (let slot = (hole + 1) & mask; this.counts[slot] !== 0; slot = (slot + 1) & mask) {
      const home = this.home(this.keys[2 * slot]!, this.keys[2 * slot + 1]!);
      if (((slot - home) & mask) >= ((slot - hole) & mask)) {
        this.keys[2 * hole] = this.keys[2 * slot]!;
        this.keys[2 * hole + 1] = this.keys[2 * slot + 1]!;
        this.counts[hole] = this.counts[slot]!;
        hole = slot;
      }
    }
    this.counts[hole] = 0;
  }

  private home(h1: number, h2: number): number {
    let mix = Math.imul(h1 ^ this.seed, 0x9e3779b1) ^ h2;
    mix = Math.imul(mix ^ (mix >>> 16), 0x85ebca6b);
    return (mix ^ (mix >>> 13)) >>> this.shift;
  }

  /** The slot holding the hash, or -1. */
  private slotOf(h1: number, h2: number): number {
    const mask = this.counts.length - 1;
    for (let slot = this.home(h1, h2); this.counts[slot] !== 0; slot = (slot + 1) & mask) {
      if (this.keys[2 * slot] === h1 && this.keys[2 * slot + 1] === h2) return slot;
    }
    return -1;
  }

  private put(h1: number, h2: number, count: number): void {
    const mask = this.counts.length - 1;
    let slot = this.home(h1, h2);
    while (this.counts[slot] !== 0) slot = (slot + 1) & mask;
    this.keys[2 * slot] = h1;
    this.keys[2 * slot + 1] = h2;
    this.counts[slot] = count;
  }

  /** Twice the slots, every hash placed again: the cost of the additions since the last growth, once. */
  private grow(): void {
    const { keys, counts } = this;
    this.keys = new Int32Array(2 * keys.length);
    this.counts = new Uint32Array(2 * counts.length);
    this.shift -= 1;
    for (let slot = 0; slot < counts.length; slot++) if (counts[slot] !== 0) this.put(keys[2 * slot]!, keys[2 * slot + 1]!, counts[slot]!);
  }
}
