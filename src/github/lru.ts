/** A small bounded set with least-recently-added eviction (delivery ids, recent reviews). */
export class BoundedSet {
  private readonly items = new Set<string>();

  constructor(readonly capacity: number) {
    if (capacity < 1) throw new RangeError('capacity must be at least 1');
  }

  has(key: string): boolean {
    return this.items.has(key);
  }

  /** Adds the key; returns false when it was already there. */
  add(key: string): boolean {
    if (this.items.has(key)) return false;
    this.items.add(key);
    if (this.items.size > this.capacity) {
      const oldest = this.items.values().next().value;
      if (oldest !== undefined) this.items.delete(oldest);
    }
    return true;
  }

  get size(): number {
    return this.items.size;
  }
}
