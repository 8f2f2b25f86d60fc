/**
 * Misspelt keys. Fact files allow unknown keys (see schema.ts), so a misspelt
 * optional key ("publsher") would silently lose its value; this reports the unknown
 * keys that are near-misses of a known one instead.
 */

/** The keys one kind of object may have, and the unknown ones that look like typos of them. */
export class KeyVocabulary {
  private readonly known: Set<string>;

  constructor(private readonly keys: readonly string[]) {
    this.known = new Set(keys);
  }

  /** Whether `value` has a key `misspellings` would report; allocates nothing (runs for every fact). */
  hasMisspelling(value: object): boolean {
    for (const key in value) {
      if (!this.known.has(key) && this.meantBy(key) !== undefined) return true;
    }
    return false;
  }

  /** The unknown keys of `value` (when it is an object) that look like a misspelling of a known key, each with that key. */
  misspellings(value: unknown): Array<{ key: string; meant: string }> {
    if (typeof value !== 'object' || value === null || Array.isArray(value)) return [];
    const found: Array<{ key: string; meant: string }> = [];
    for (const key in value) {
      const meant = this.known.has(key) ? undefined : this.meantBy(key);
      if (meant !== undefined) found.push({ key, meant });
    }
    return found;
  }

  /** The known key that an unknown key is a misspelling of; "_" keys are comments, never misspellings. */
  private meantBy(key: string): string | undefined {
    return key.startsWith('_') ? undefined : closestName(key, this.keys);
  }
}

/**
 * The candidate that `name` is most likely a misspelling of: equal ignoring case, or
 * within one edit (two for names longer than five characters, so "note" is not taken
 * for "quote"), counting a swap of neighbours as one edit. Ties go to the earlier
 * candidate.
 */
export function closestName(name: string, candidates: Iterable<string>): string | undefined {
  const lower = name.toLowerCase();
  let best: string | undefined;
  let bestDistance = Infinity;
  for (const candidate of candidates) {
    const allowed = Math.min(candidate.length <= 5 ? 1 : 2, bestDistance - 1);
    const distance = editDistance(lower, candidate.toLowerCase(), allowed);
    if (distance <= allowed) {
      best = candidate;
      bestDistance = distance;
    }
  }
  return best;
}

/**
 * Optimal-string-alignment distance between `a` and `b`, or `max + 1` as soon as it
 * is known to exceed `max` (names are compared against every candidate, so most
 * comparisons end after a row or two).
 */
export function editDistance(a: string, b: string, max: number): number {
  if (Math.abs(a.length - b.length) > max) return max + 1;
  let before = new Array<number>(b.length + 1).fill(0);
  let previous = Array.from({ length: b.length + 1 }, (_, j) => j);
  for (let i = 1; i <= a.length; i++) {
    const current = [i];
    let rowMin = i;
    // Every row has b.length + 1 entries and `current` already holds j entries, so the
    // indexes below (j, j - 1, j - 2 once j > 1) are all in range.
    for (let j = 1; j <= b.length; j++) {
      const cost = a[i - 1] === b[j - 1] ? 0 : 1;
      let d = Math.min(previous[j]! + 1, current[j - 1]! + 1, previous[j - 1]! + cost);
      if (i > 1 && j > 1 && a[i - 1] === b[j - 2] && a[i - 2] === b[j - 1]) d = Math.min(d, before[j - 2]! + 1);
      current.push(d);
      rowMin = Math.min(rowMin, d);
    }
    if (rowMin > max) return max + 1;
    before = previous;
    previous = current;
  }
  return previous[b.length]!;
}
