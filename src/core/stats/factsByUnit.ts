import type { FactEntry, FactIndex } from '../facts/factIndex';
import type { ExtractedStatistic } from './extract';
import { firstAbove, firstAtOrAbove } from '../sortedSearch';
import { admissionSlack, ClaimTest } from './claim';
import { FactSubjects, type SubjectText } from './subjectWords';
import { distinctUnitKeys, unitKeyOfFact } from './unitKeys';

/** The facts of one unit (by number) sorted by value, file order on ties, and their values. */
interface UnitList {
  facts: Int32Array;
  values: Float64Array;
}

/**
 * Facts chosen for scoring (by number) and their distances in value from a figure: the
 * first `length` of each array. (Arrays that keep their length are reused without allocating.)
 */
export interface Closest {
  facts: number[];
  distances: number[];
  length: number;
}

function take(into: Closest, fact: number, distance: number): void {
  into.facts[into.length] = fact;
  into.distances[into.length] = distance;
  into.length++;
}

/**
 * Supporting facts at indices [from, to) of a unit's value-sorted facts, all of one sign.
 * Their distances from the figure fall and then rise along the run: `left` and `right`
 * walk outwards from the closest.
 */
class SupportingRun {
  left: number;
  right: number;

  constructor(
    readonly list: UnitList,
    readonly from: number,
    readonly to: number,
    private readonly figure: number,
  ) {
    // The first index at least as far above the figure in magnitude (for falls, values
    // grow as magnitudes shrink).
    const values = list.values;
    const closest = firstAtOrAbove(values, values[from]! > 0 ? figure : -figure, from, to);
    this.left = closest - 1;
    this.right = closest;
  }

  /** As closestInValue measured it: |fact value| against |figure|. */
  distance(i: number): number {
    return Math.abs(Math.abs(this.list.values[i]!) - this.figure);
  }

  /** The distance with a sign, growing along the run: negative before the figure, positive after it. */
  offset(i: number): number {
    const v = this.list.values[i]!;
    return v > 0 ? v - this.figure : this.figure + v;
  }
}

/**
 * The facts of a fact index grouped by unit and sorted by value, for range look-ups over
 * every source, and by source; with their subjects' words, numbered on first use. Facts
 * are named by their number: their index in the fact index's `facts`.
 */
export class FactsByUnit {
  private readonly entries: readonly FactEntry[];
  /** By fact number. */
  private readonly values: Float64Array;
  private readonly sources: string[] = [];
  private readonly unitKeys: string[] = [];
  private readonly byUnit = new Map<string, UnitList>();
  /** Per source, its facts by unit, in file order. */
  private bySource: Map<string, Map<string, Int32Array>> | undefined;
  private readonly subjects: FactSubjects;
  private readonly scratch: number[] = [];

  constructor(facts: readonly FactEntry[]) {
    this.entries = facts;
    this.values = new Float64Array(facts.length);
    this.subjects = new FactSubjects(facts);
    // A fact file has few distinct units and thousands of facts.
    const keyOfUnit = new Map<string, string>();
    const lists = new Map<string, number[]>();
    for (let n = 0; n < facts.length; n++) {
      const { unit, source, value } = facts[n]!.fact;
      this.values[n] = value;
      this.sources.push(source);
      let key = keyOfUnit.get(unit);
      if (key === undefined) keyOfUnit.set(unit, (key = unitKeyOfFact(unit)));
      this.unitKeys.push(key);
      push(lists, key, n);
    }
    for (const [key, list] of lists) {
      const sorted = sortByValue(new Int32Array(list), this.values);
      const values = new Float64Array(sorted.length);
      for (let i = 0; i < sorted.length; i++) values[i] = this.values[sorted[i]!]!;
      this.byUnit.set(key, { facts: sorted, values });
    }
  }

  /** The facts of a source by unit key, in file order; gathered on the first look-up (a briefing that cites nothing needs none). */
  private ofSource(source: string): Map<string, Int32Array> | undefined {
    let bySource = this.bySource;
    if (!bySource) {
      const numbers = new Map<string, number[]>();
      for (let n = 0; n < this.sources.length; n++) push(numbers, this.sources[n]!, n);
      this.bySource = bySource = new Map();
      for (const [id, facts] of numbers) {
        const byKey = new Map<string, number[]>();
        for (const n of facts) push(byKey, this.unitKeys[n]!, n);
        const lists = new Map<string, Int32Array>();
        for (const [key, list] of byKey) lists.set(key, new Int32Array(list));
        bySource.set(id, lists);
      }
    }
    return bySource.get(source);
  }

  /** The fact numbered `fact`. */
  entry(fact: number): FactEntry {
    return this.entries[fact]!;
  }

  valueOf(fact: number): number {
    return this.values[fact]!;
  }

  /**
   * The facts of the sources in any of the statistic's units, as lists to read in order:
   * by source, then by unit key, each list in file order.
   */
  candidateLists(stat: ExtractedStatistic, sources: readonly string[]): Int32Array[] {
    const keys = distinctUnitKeys(stat.unit);
    const lists: Int32Array[] = [];
    for (const source of sources) {
      const ofSource = this.ofSource(source);
      if (!ofSource) continue;
      for (const key of keys) {
        const list = ofSource.get(key);
        if (list) lists.push(list);
      }
    }
    return lists;
  }

  /** Numbers every fact's subject words now, unit by unit in value order (the order they are scored in). */
  numberAll(): void {
    for (const { facts } of this.byUnit.values()) this.subjects.numberEach(facts);
  }

  /** FactSubjects.overlaps: how many words each of the first `length` facts' subjects shares with the text. */
  overlaps(facts: ArrayLike<number>, length: number, text: SubjectText, into: number[]): number[] {
    return this.subjects.overlaps(facts, length, text, into);
  }

  /**
   * The facts of any source but the `excluded` ones that support the statistic, into `into`
   * (emptied first): unit by unit in the order of the statistic's unit keys, each by value,
   * those that support it as a fall after the others; each fact once.
   */
  supportingFacts(stat: ExtractedStatistic, excluded: readonly string[], into: number[]): number[] {
    into.length = 0;
    const claim = new ClaimTest(stat);
    for (const key of distinctUnitKeys(stat.unit)) {
      const list = this.byUnit.get(key);
      if (!list) continue;
      const rises = this.scan(list, claim, claim.low, claim.high, excluded, into, 0, 0);
      if (claim.value > 0) this.scan(list, claim, -claim.high, -claim.low, excluded, into, rises.from, rises.to);
    }
    return into;
  }

  /**
   * Adds the facts valued in [low, high] (widened by a hair) that support the statistic,
   * but not those at indices in [skipFrom, skipTo), which were looked at already; returns
   * the indices looked at.
   */
  private scan(
    list: UnitList,
    claim: ClaimTest,
    low: number,
    high: number,
    excluded: readonly string[],
    into: number[],
    skipFrom: number,
    skipTo: number,
  ): { from: number; to: number } {
    const { facts, values } = list;
    const limit = high + admissionSlack(high);
    const from = firstAtOrAbove(values, low - admissionSlack(low));
    let i = from;
    for (; i < values.length && values[i]! <= limit; i++) {
      if (i >= skipFrom && i < skipTo) continue;
      const fact = facts[i]!;
      if (claim.supports(values[i]!) && (excluded.length === 0 || !excluded.includes(this.sources[fact]!))) into.push(fact);
    }
    return { from, to: i };
  }

  /**
   * Of the facts of other sources than `excluded` that support the statistic, in the order
   * supportingFacts gives them, the `limit` closest in value (|fact value| against |figure|)
   * as a stable sort by that distance would take them: into `into`, still in supporting
   * order, with their distances when there were more than `limit` (0 otherwise). Returns
   * how many facts support the statistic.
   *
   * A hedged figure in a large fact file is supported by hundreds of facts, but they are
   * runs of the unit's value-sorted facts, and distances grow outwards from the figure
   * in each run; so the closest are found without visiting the others.
   */
  closestSupporting(stat: ExtractedStatistic, excluded: readonly string[], limit: number, into: Closest): number {
    into.length = 0;
    const claim = new ClaimTest(stat);
    // Runs need each window's facts to have one sign (see supportingRuns), which a low end
    // above a millionth ensures; other claims, and exclusions (which break runs), are
    // rare, and take the facts one by one.
    if (excluded.length > 0 || !(claim.low > 1e-6)) return this.closestByScan(stat, excluded, limit, into);
    const runs = this.supportingRuns(stat, claim, Math.abs(stat.value));
    let count = 0;
    for (const run of runs) count += run.to - run.from;
    if (count <= limit) {
      for (const { list, from, to } of runs) for (let i = from; i < to; i++) take(into, list.facts[i]!, 0);
      return count;
    }
    // The limit-th smallest distance. In a single run (the usual case), it is the larger
    // end of the window of `limit` facts closest to the figure, found by bisection.
    let cut = 0;
    if (runs.length === 1) {
      const run = runs[0]!;
      let lo = run.from;
      let hi = run.to - limit;
      while (lo < hi) {
        const mid = (lo + hi) >> 1;
        if (-run.offset(mid) > run.offset(mid + limit)) lo = mid + 1;
        else hi = mid;
      }
      cut = Math.max(run.distance(lo), run.distance(lo + limit - 1));
      run.left = lo - 1;
      run.right = lo + limit;
    }
    // Otherwise merge the runs' distances outwards from the figure.
    for (let taken = runs.length === 1 ? limit : 0; taken < limit; taken++) {
      let nearest: SupportingRun | undefined;
      let nearestDistance = Infinity;
      let leftward = false;
      for (const run of runs) {
        const left = run.left >= run.from ? run.distance(run.left) : Infinity;
        const right = run.right < run.to ? run.distance(run.right) : Infinity;
        if (left < nearestDistance) {
          nearest = run;
          nearestDistance = left;
          leftward = true;
        }
        if (right < nearestDistance) {
          nearest = run;
          nearestDistance = right;
          leftward = false;
        }
      }
      if (leftward) nearest!.left--;
      else nearest!.right++;
      cut = nearestDistance;
    }
    // Everything closer than the cut is taken; of those at the cut, the first in order.
    let closer = 0;
    for (const run of runs) {
      while (run.left >= run.from && run.distance(run.left) <= cut) run.left--;
      while (run.right < run.to && run.distance(run.right) <= cut) run.right++;
      for (let i = run.left + 1; i < run.right; i++) if (run.distance(i) < cut) closer++;
    }
    let atCut = limit - closer;
    for (const run of runs) {
      for (let i = run.left + 1; i < run.right; i++) {
        const distance = run.distance(i);
        if (distance > cut || (distance === cut && atCut-- <= 0)) continue;
        take(into, run.list.facts[i]!, distance);
      }
    }
    return count;
  }

  /**
   * The facts supporting a claim whose low end is above a millionth, as runs of each
   * unit's value-sorted facts, in supportingFacts' order. The window of rises (widened by
   * a hair) then holds only positive values, and that of falls only negative ones, where
   * what a claim admits is an interval (of values, or of their magnitudes; claimAdmits'
   * hair is far smaller than the low end): each window's supporting facts are one run,
   * found by trimming the window's ends.
   */
  private supportingRuns(stat: ExtractedStatistic, claim: ClaimTest, figure: number): SupportingRun[] {
    const runs: SupportingRun[] = [];
    for (const key of distinctUnitKeys(stat.unit)) {
      const list = this.byUnit.get(key);
      if (!list) continue;
      addRun(runs, list, claim, claim.low, claim.high, figure);
      if (claim.value > 0) addRun(runs, list, claim, -claim.high, -claim.low, figure);
    }
    return runs;
  }

  /** closestSupporting, visiting every supporting fact. */
  private closestByScan(stat: ExtractedStatistic, excluded: readonly string[], limit: number, into: Closest): number {
    const supporting = this.supportingFacts(stat, excluded, this.scratch);
    const count = supporting.length;
    if (count <= limit) {
      for (const fact of supporting) take(into, fact, 0);
      return count;
    }
    const figure = Math.abs(stat.value);
    const distances = new Float64Array(count);
    for (let i = 0; i < count; i++) distances[i] = Math.abs(Math.abs(this.values[supporting[i]!]!) - figure);
    const sorted = distances.slice().sort();
    const cut = sorted[limit - 1]!;
    let atCut = limit - firstAtOrAbove(sorted, cut);
    for (let i = 0; i < count; i++) {
      const distance = distances[i]!;
      if (distance > cut || (distance === cut && atCut-- <= 0)) continue;
      take(into, supporting[i]!, distance);
    }
    return count;
  }
}

/** Adds the run of facts valued in [low, high] (widened by a hair) that support the claim, if any. */
function addRun(runs: SupportingRun[], list: UnitList, claim: ClaimTest, low: number, high: number, figure: number): void {
  const { values } = list;
  let from = firstAtOrAbove(values, low - admissionSlack(low));
  let to = firstAbove(values, high + admissionSlack(high));
  while (from < to && !claim.supports(values[from]!)) from++;
  while (to > from && !claim.supports(values[to - 1]!)) to--;
  if (from < to) runs.push(new SupportingRun(list, from, to, figure));
}

function push<K, V>(map: Map<K, V[]>, key: K, value: V): void {
  const list = map.get(key);
  if (list) list.push(value);
  else map.set(key, [value]);
}

/**
 * The fact numbers sorted by value, stably (file order on ties), as a sort by
 * `(a, b) => values[a] - values[b]` would. The values are sorted by the engine's numeric
 * sort of a typed array, and the facts gathered by value: a comparator function would be
 * called 100,000 times for a fact file, in code not yet optimised on a first check.
 */
function sortByValue(facts: Int32Array, values: Float64Array): Int32Array {
  const sorted = new Float64Array(facts.length);
  // Facts by value, in file order (0 and -0 are one value, as for the comparator).
  const byValue = new Map<number, number | number[]>();
  for (let i = 0; i < facts.length; i++) {
    const fact = facts[i]!;
    const value = values[fact]!;
    sorted[i] = value;
    const same = byValue.get(value);
    if (same === undefined) byValue.set(value, fact);
    else if (typeof same === 'number') byValue.set(value, [same, fact]);
    else same.push(fact);
  }
  sorted.sort();
  const out = new Int32Array(facts.length);
  let n = 0;
  for (let i = 0; i < sorted.length; i++) {
    const same = byValue.get(sorted[i]!);
    if (same === undefined) continue;
    byValue.delete(sorted[i]!);
    if (typeof same === 'number') out[n++] = same;
    else for (const fact of same) out[n++] = fact;
  }
  return out;
}

const cache = new WeakMap<FactIndex, FactsByUnit>();

/** The unit index of a fact index, built once per fact index. */
export function factsByUnit(index: FactIndex): FactsByUnit {
  let built = cache.get(index);
  if (!built) {
    built = new FactsByUnit(index.facts);
    cache.set(index, built);
  }
  return built;
}
