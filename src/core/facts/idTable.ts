/**
 * Items by a string key, as an open-addressing hash table of positions in a list the
 * caller owns. A Map of 100,000 facts by id takes 3.5 MB; this table takes 1 MB.
 */
export class IdTable<T> {
  /** Position + 1 of the item in each slot; 0 for an empty slot. At most half full. */
  private slots: Int32Array;
  private count = 0;

  /** `items[position]` is the item added at `position`; `keyOf` gives an item's key; about `expected` items will be added. */
  constructor(
    private readonly items: readonly T[],
    private readonly keyOf: (item: T) => string,
    expected = 0,
  ) {
    let capacity = 16;
    while (capacity < 2 * expected) capacity *= 2;
    this.slots = new Int32Array(capacity);
  }

  get(key: string): T | undefined {
    const mask = this.slots.length - 1;
    for (let slot = hashOf(key) & mask; ; slot = (slot + 1) & mask) {
      const entry = this.slots[slot]!;
      if (entry === 0) return undefined;
      const item = this.items[entry - 1]!;
      if (this.keyOf(item) === key) return item;
    }
  }

  /** This table over `items`, which must hold the same items at the same positions (a copy of the list). */
  over(items: readonly T[]): IdTable<T> {
    const table = new IdTable(items, this.keyOf);
    table.slots = this.slots;
    table.count = this.count;
    return table;
  }

  /** Adds `items[position]`, whose key must not be in the table yet. */
  add(position: number): void {
    if (2 * (this.count + 1) > this.slots.length) this.resize(2 * this.slots.length);
    this.place(position);
    this.count++;
  }

  private place(position: number): void {
    const mask = this.slots.length - 1;
    let slot = hashOf(this.keyOf(this.items[position]!)) & mask;
    while (this.slots[slot] !== 0) slot = (slot + 1) & mask;
    this.slots[slot] = position + 1;
  }

  private resize(capacity: number): void {
    const old = this.slots;
    this.slots = new Int32Array(capacity);
    for (const entry of old) if (entry !== 0) this.place(entry - 1);
  }
}

/** FNV-1a over UTF-16 code units. */
function hashOf(key: string): number {
  let hash = 0x811c9dc5 | 0;
  for (let i = 0; i < key.length; i++) hash = Math.imul(hash ^ key.charCodeAt(i), 0x01000193);
  return hash;
}
