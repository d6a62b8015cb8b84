// A set of small integers (VM indexes within a group) that finds the next member above or
// below a position in O(log32 n): a bitmap with summary levels, each bit of a level saying
// whether a word of the level below is non-zero. Policies use it to pick VMs in index
// order (the lowest stopped VM to scale out, the highest running one to scale in) without
// scanning the group.

export class IndexSet {
  /** levels[0] holds the members; levels[k + 1] one bit per word of levels[k]. */
  private readonly levels: Uint32Array[] = [];
  size = 0;

  constructor(readonly capacity: number) {
    let n = Math.max(1, capacity);
    do {
      const words = Math.ceil(n / 32);
      this.levels.push(new Uint32Array(words));
      n = words;
    } while (n > 1);
  }

  has(i: number): boolean {
    return (this.levels[0]![i >>> 5]! & (1 << (i & 31))) !== 0;
  }

  add(i: number): void {
    if (this.has(i)) return;
    this.size++;
    for (let k = 0; k < this.levels.length; k++) {
      const w = this.levels[k]!;
      const before = w[i >>> 5]!;
      w[i >>> 5] = before | (1 << (i & 31));
      if (before !== 0) return; // the summaries above already say "non-empty"
      i >>>= 5;
    }
  }

  delete(i: number): void {
    if (!this.has(i)) return;
    this.size--;
    for (let k = 0; k < this.levels.length; k++) {
      const w = this.levels[k]!;
      const after = w[i >>> 5]! & ~(1 << (i & 31));
      w[i >>> 5] = after;
      if (after !== 0) return;
      i >>>= 5;
    }
  }

  /** The smallest member >= from, or -1. */
  next(from: number): number {
    if (from < 0) from = 0;
    if (from >= this.capacity) return -1;
    const top = this.levels.length - 1;
    let k = 0,
      i = from;
    // Climb until a word holds a member at or after the position...
    for (;;) {
      const w = this.levels[k]!;
      const word = i >>> 5;
      if (word >= w.length) return -1;
      const bits = w[word]! & (~0 << (i & 31));
      if (bits !== 0) {
        i = (word << 5) + (31 - Math.clz32(bits & -bits));
        break;
      }
      if (k === top) return -1;
      k++;
      i = word + 1; // the words after this one, one level up
    }
    // ... then descend to the lowest member under that bit.
    while (k > 0) {
      k--;
      const bits = this.levels[k]![i]!;
      i = (i << 5) + (31 - Math.clz32(bits & -bits));
    }
    return i;
  }

  /** The largest member <= from, or -1. */
  prev(from: number): number {
    if (from >= this.capacity) from = this.capacity - 1;
    if (from < 0) return -1;
    let k = 0,
      i = from;
    for (;;) {
      const w = this.levels[k]!;
      const word = i >>> 5;
      const sh = 31 - (i & 31);
      const bits = ((w[word]! << sh) >>> sh) >>> 0;
      if (bits !== 0) {
        i = (word << 5) + (31 - Math.clz32(bits));
        break;
      }
      if (k === this.levels.length - 1 || word === 0) return -1;
      k++;
      i = word - 1;
    }
    while (k > 0) {
      k--;
      const bits = this.levels[k]![i]!;
      i = (i << 5) + (31 - Math.clz32(bits));
    }
    return i;
  }
}
