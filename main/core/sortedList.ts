/**
 * A list kept in order by a comparator, with binary-search insert and remove.
 * Queues hold at most a day's visits, so an array splice beats a tree here.
 */
export class SortedList<T> {
  private readonly items: T[] = [];

  constructor(private readonly compare: (a: T, b: T) => number) {}

  get size(): number {
    return this.items.length;
  }

  first(): T | undefined {
    return this.items[0];
  }

  values(): readonly T[] {
    return this.items;
  }

  insert(item: T): void {
    this.items.splice(this.lowerBound(item), 0, item);
  }

  /** Removes the entry equal (by comparator) to `item` and satisfying `same`. */
  remove(item: T, same: (candidate: T) => boolean): boolean {
    for (let i = this.lowerBound(item); i < this.items.length; i++) {
      const candidate = this.items[i] as T;
      if (this.compare(candidate, item) !== 0) break;
      if (same(candidate)) {
        this.items.splice(i, 1);
        return true;
      }
    }
    return false;
  }

  private lowerBound(item: T): number {
    let lo = 0;
    let hi = this.items.length;
    while (lo < hi) {
      const mid = (lo + hi) >>> 1;
      if (this.compare(this.items[mid] as T, item) < 0) lo = mid + 1;
      else hi = mid;
    }
    return lo;
  }
}
