/**
 * Offsets into a text, appended one by one, kept in an Int32Array (a V8 string is shorter than 2^30, so
 * every offset fits). A scan of a 10 MB profile notes 63,000 child starts: a JS array grows to that by
 * copying itself into ever larger arrays in V8's large-object space, each one newly mapped memory that
 * is given back after the scan, and on a VM where a page fault is costly that was more than half of the
 * scan (5 of 9 ms). A typed array's memory comes from the allocator, which reuses it.
 */
export class OffsetList {
  private offsets = new Int32Array(256);
  private length = 0;

  push(offset: number): void {
    if (this.length === this.offsets.length) {
      const larger = new Int32Array(2 * this.length);
      larger.set(this.offsets);
      this.offsets = larger;
    }
    this.offsets[this.length++] = offset;
  }

  /** The offsets appended so far, in an array of their own. */
  toArray(): Int32Array {
    return this.offsets.slice(0, this.length);
  }
}
