/**
 * A fixed-size bitset over small integer ids (pod classes, IP atoms, workloads): the matrix rows of the
 * reachability analysis, so that "which classes does this rule admit" is one OR per class instead of a
 * policy evaluation per pod pair.
 */
export class Bitset {
  readonly words: Uint32Array;

  constructor(readonly size: number, words?: Uint32Array) {
    this.words = words ?? new Uint32Array((size + 31) >>> 5);
  }

  has(index: number): boolean {
    return (this.words[index >>> 5] & (1 << (index & 31))) !== 0;
  }

  set(index: number): void {
    this.words[index >>> 5] |= 1 << (index & 31);
  }

  orWith(other: Bitset): void {
    const words = this.words;
    const otherWords = other.words;
    for (let i = 0; i < words.length; i++) words[i] |= otherWords[i];
  }

  andWith(other: Bitset): void {
    const words = this.words;
    const otherWords = other.words;
    for (let i = 0; i < words.length; i++) words[i] &= otherWords[i];
  }

  isEmpty(): boolean {
    return this.words.every((word) => word === 0);
  }

  count(): number {
    let total = 0;
    for (let word of this.words) {
      word -= (word >>> 1) & 0x55555555;
      word = (word & 0x33333333) + ((word >>> 2) & 0x33333333);
      total += (((word + (word >>> 4)) & 0x0f0f0f0f) * 0x01010101) >>> 24;
    }
    return total;
  }

  *indices(): IterableIterator<number> {
    for (let w = 0; w < this.words.length; w++) {
      let word = this.words[w];
      while (word !== 0) {
        const low = word & -word;
        yield (w << 5) + (31 - Math.clz32(low));
        word ^= low;
      }
    }
  }

  clone(): Bitset {
    return new Bitset(this.size, this.words.slice());
  }

  static full(size: number): Bitset {
    const bits = new Bitset(size);
    bits.words.fill(0xffffffff);
    const extra = bits.words.length * 32 - size;
    if (extra > 0) bits.words[bits.words.length - 1] = 0xffffffff >>> extra;
    return bits;
  }
}
