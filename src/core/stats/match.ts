import type { FactEntry, FactIndex } from '../facts/factIndex';
import type { Statistic, StatUnit } from '../model';
import { firstAbove, firstAtOrAbove } from '../sortedSearch';
import { claimAdmits, type Claim } from './claim';
import { singular } from './vocabulary';

/** What became of one statistic; the hover and the fixes read this. */
export interface StatMatch {
  status: 'uncited' | 'supported' | 'mismatch' | 'unsupported' | 'unchecked';
  /** The supporting fact, the contradicting one, or for uncited, a fact that would support it. */
  fact: FactEntry | undefined;
  /** Known sources the sentence cites. */
  sources: string[];
}

/** A fact unit in the form statistics are compared in. */
export function unitKeyOfFact(unit: string): string {
  const u = unit.trim();
  const lower = u.toLowerCase();
  if (/^(?:percent|per ?cent|%|pct)$/.test(lower)) return 'percent';
  if (/^(?:percentage[- ]points?|pp|ppts?|points? of percentage)$/.test(lower)) return 'percentage-points';
  if (/^[A-Z]{3}$/.test(u)) return `currency:${u === 'RMB' ? 'CNY' : u}`;
  return `count:${lower.split(/\s+/).map(singular).join(' ')}`;
}

/** The unit keys a written statistic may be compared with. */
export function unitKeysOfStatistic(unit: StatUnit): string[] {
  switch (unit.kind) {
    case 'percent':
    case 'percentage-points':
      return [unit.kind];
    case 'currency':
      return unit.codes.map((c) => `currency:${c}`);
    case 'count': {
      // "1.2 million barrels of oil" matches a fact in "barrels" or "barrels oil" alike.
      const keys: string[] = [];
      for (let i = 1; i <= unit.nouns.length; i++) keys.push(`count:${unit.nouns.slice(0, i).join(' ')}`);
      for (const noun of unit.nouns.slice(1)) keys.push(`count:${noun}`);
      return keys;
    }
  }
}

const PERCENT_KEYS: readonly string[] = ['percent'];
const POINTS_KEYS: readonly string[] = ['percentage-points'];
/** By currency codes array (statistics in `$` share one) and by count unit. */
const keysByCodes = new WeakMap<readonly string[], readonly string[]>();
const keysByCount = new WeakMap<StatUnit, readonly string[]>();

/**
 * unitKeysOfStatistic, each distinct key once, worked out once per unit (a unit object
 * stays the same while its statistic's block does not change). A key listed twice would
 * only find the same facts again.
 */
function keysOf(unit: StatUnit): readonly string[] {
  switch (unit.kind) {
    case 'percent':
      return PERCENT_KEYS;
    case 'percentage-points':
      return POINTS_KEYS;
    case 'currency': {
      let keys = keysByCodes.get(unit.codes);
      if (!keys) keysByCodes.set(unit.codes, (keys = [...new Set(unitKeysOfStatistic(unit))]));
      return keys;
    }
    case 'count': {
      let keys = keysByCount.get(unit);
      if (!keys) keysByCount.set(unit, (keys = [...new Set(unitKeysOfStatistic(unit))]));
      return keys;
    }
  }
}

/** Whether the fact's value lies in what the text claims; a written figure without a sign may report a fall. */
export function supports(stat: Statistic, fact: FactEntry): boolean {
  const v = fact.fact.value;
  return claimAdmits(stat, v) || (stat.value > 0 && v < 0 && claimAdmits(stat, -v));
}

/**
 * What a statistic claims, as a test of fact values: supports() and claimAdmits() for one
 * statistic, with its fields read once into an object of one shape (the test runs on
 * thousands of values per check).
 */
export class ClaimTest {
  readonly value: number;
  readonly low: number;
  readonly high: number;
  readonly lowInclusive: boolean;
  readonly highInclusive: boolean;

  constructor(claim: Claim) {
    this.value = claim.value;
    this.low = claim.low;
    this.high = claim.high;
    this.lowInclusive = claim.lowInclusive;
    this.highInclusive = claim.highInclusive;
  }

  /** Whether a fact valued `v` supports the statistic, as supports() says. */
  supports(v: number): boolean {
    return this.admits(v) || (this.value > 0 && v < 0 && this.admits(-v));
  }

  /** claimAdmits(), the same arithmetic. */
  private admits(value: number): boolean {
    const eps = Math.max(Math.abs(value), 1) * 1e-9;
    const aboveLow = this.lowInclusive ? value >= this.low - eps : value > this.low + eps;
    const belowHigh = this.highInclusive ? value <= this.high + eps : value < this.high - eps;
    return aboveLow && belowHigh;
  }
}

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
    const target = values[from]! > 0 ? figure : -figure;
    let lo = from;
    let hi = to;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if (values[mid]! < target) lo = mid + 1;
      else hi = mid;
    }
    this.left = lo - 1;
    this.right = lo;
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
  private readonly vocabulary = new Vocabulary();
  /**
   * Each fact's subject, numbered on first use, as a run in `pool` from `subjectAt[fact]`
   * (-1: not yet): the keywords' count and numbers, then the statement words'. Scoring a
   * hedged figure reads dozens of facts' subjects; one typed array keeps them together in
   * memory, in the order they were first read, which is mostly by value.
   */
  private readonly subjectAt: Int32Array;
  private pool = new Int32Array(4096);
  private poolLength = 0;
  /** Multi-word keywords, matched as phrases; rare. */
  private readonly phrases: (string[] | undefined)[] = [];
  private readonly scratch: number[] = [];

  constructor(facts: readonly FactEntry[]) {
    this.entries = facts;
    this.values = new Float64Array(facts.length);
    this.subjectAt = new Int32Array(facts.length).fill(-1);
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
  candidateLists(stat: Statistic, sources: readonly string[]): Int32Array[] {
    const keys = keysOf(stat.unit);
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
    for (const { facts } of this.byUnit.values()) for (const fact of facts) if (this.subjectAt[fact]! < 0) this.numberSubject(fact);
  }

  /** What subjectOverlap gives for the fact and the subject text, counted on numbered words. */
  overlap(fact: number, text: SubjectText): number {
    if (this.subjectAt[fact]! < 0) this.numberSubject(fact);
    // Numbering the fact's words may have added words the text has: mark the text's words after.
    return this.counted(fact, this.vocabulary.marksOf(text), text);
  }

  /**
   * The overlaps of the first `length` facts of `facts` with the text, into `into`: as
   * `overlap` gives them, with the facts' words numbered first and the text's marked once.
   */
  overlaps(facts: ArrayLike<number>, length: number, text: SubjectText, into: number[]): number[] {
    for (let i = 0; i < length; i++) if (this.subjectAt[facts[i]!]! < 0) this.numberSubject(facts[i]!);
    const marks = this.vocabulary.marksOf(text);
    for (let i = 0; i < length; i++) into[i] = this.counted(facts[i]!, marks, text);
    return into;
  }

  /** The overlap of a numbered fact's subject with the text whose words `marks` marks. */
  private counted(fact: number, marks: Int32Array, text: SubjectText): number {
    const marked = this.vocabulary.mark;
    const pool = this.pool;
    let at = this.subjectAt[fact]!;
    let score = 0;
    for (let end = at + 1 + pool[at]!, i = at + 1; i < end; i++) if (marks[pool[i]!] === marked) score += 2;
    const phrases = this.phrases[fact];
    if (phrases) {
      const lower = text.lowerCase();
      for (const p of phrases) if (lower.includes(p)) score += 2;
    }
    at += 1 + pool[at]!;
    for (let end = at + 1 + pool[at]!, i = at + 1; i < end; i++) if (marks[pool[i]!] === marked) score += 1;
    return score;
  }

  /** Numbers the fact's subject words into the pool (the words readSubject reads); returns where. */
  private numberSubject(fact: number): number {
    const { fact: data } = this.entries[fact]!;
    const keywords = data.keywords ?? [];
    const statement = data.statement;
    const at = this.poolLength;
    // A statement has fewer words than characters, even lower-cased (which may lengthen it).
    const needed = at + 2 + keywords.length + 2 * statement.length;
    if (needed > this.pool.length) {
      const grown = new Int32Array(Math.max(needed, this.pool.length * 2));
      grown.set(this.pool);
      this.pool = grown;
    }
    const pool = this.pool;
    const vocabulary = this.vocabulary;
    let end = at + 1;
    let phrases: string[] | undefined;
    for (const keyword of keywords) {
      const id = vocabulary.keywordId(keyword);
      if (id >= 0) pool[end++] = id;
      else if (id === PHRASE) (phrases ??= []).push(keyword.toLowerCase().trim());
    }
    pool[at] = end - at - 1;
    const words = end++;
    forEachWord(statement, (word) => {
      const id = vocabulary.wordId(word);
      // Statement words count once each, as a set of them does.
      if (id < 0) return;
      for (let i = words + 1; i < end; i++) if (pool[i] === id) return;
      pool[end++] = id;
    });
    pool[words] = end - words - 1;
    this.poolLength = end;
    if (phrases) this.phrases[fact] = phrases;
    this.subjectAt[fact] = at;
    return at;
  }

  /** Every fact, of any source, that supports the statistic. */
  supporting(stat: Statistic): FactEntry[] {
    return this.supportingFacts(stat, [], []).map((n) => this.entries[n]!);
  }

  /**
   * The facts of any source but the `excluded` ones that support the statistic, into `into`
   * (emptied first): unit by unit in the order of the statistic's unit keys, each by value,
   * those that support it as a fall after the others; each fact once.
   */
  supportingFacts(stat: Statistic, excluded: readonly string[], into: number[]): number[] {
    into.length = 0;
    const claim = new ClaimTest(stat);
    for (const key of keysOf(stat.unit)) {
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
  private scan(list: UnitList, claim: ClaimTest, low: number, high: number, excluded: readonly string[], into: number[], skipFrom: number, skipTo: number): { from: number; to: number } {
    const { facts, values } = list;
    const limit = high + slack(high);
    const from = firstAtOrAbove(values, low - slack(low));
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
  closestSupporting(stat: Statistic, excluded: readonly string[], limit: number, into: Closest): number {
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
  private supportingRuns(stat: Statistic, claim: ClaimTest, figure: number): SupportingRun[] {
    const runs: SupportingRun[] = [];
    for (const key of keysOf(stat.unit)) {
      const list = this.byUnit.get(key);
      if (!list) continue;
      addRun(runs, list, claim, claim.low, claim.high, figure);
      if (claim.value > 0) addRun(runs, list, claim, -claim.high, -claim.low, figure);
    }
    return runs;
  }

  /** closestSupporting, visiting every supporting fact. */
  private closestByScan(stat: Statistic, excluded: readonly string[], limit: number, into: Closest): number {
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
  let from = firstAtOrAbove(values, low - slack(low));
  let to = firstAbove(values, high + slack(high));
  while (from < to && !claim.supports(values[from]!)) from++;
  while (to > from && !claim.supports(values[to - 1]!)) to--;
  if (from < to) runs.push(new SupportingRun(list, from, to, figure));
}

function slack(value: number): number {
  return Math.max(Math.abs(value), 1) * 1e-9;
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

const STOP = new Set(
  `the and for with from that this these those into over under about than year years per cent percent total share
  number of in on at to by a an its their his her was were is are be been has have had which who what when where`.split(/\s+/),
);

const LETTER = /\p{L}/u;
/** Whether each non-ASCII code point met so far is a letter: the Unicode test is slow, and texts repeat their characters. */
const nonAsciiLetters = new Map<number, boolean>();

function isLetter(code: number): boolean {
  if (code < 0x80) return (code >= 97 && code <= 122) || (code >= 65 && code <= 90);
  let letter = nonAsciiLetters.get(code);
  if (letter === undefined) nonAsciiLetters.set(code, (letter = LETTER.test(String.fromCodePoint(code))));
  return letter;
}

const APOSTROPHE = 0x27;
const RIGHT_QUOTE = 0x2019;
const HYPHEN = 0x2d;
const LOWER_S = 0x73;

/**
 * Content words of a text, lower-case and singular, for "same subject" tests. A word is a
 * letter followed by letters, apostrophes and hyphens (the Unicode regex [\p{L}][\p{L}'’-]*,
 * scanned by hand here, which is several times faster than matchAll), without a possessive
 * "'s", of three or more characters and not a stop word.
 */
export function contentWords(text: string): Set<string> {
  const words = new Set<string>();
  forEachWord(text, (word) => {
    if (!STOP.has(word)) words.add(singular(word));
  });
  return words;
}

/**
 * Calls `visit` with each word of the text that may be a content word, in order, repeats
 * included: lower-case, without a possessive "'s", three or more characters long; not yet
 * checked against the stop words nor made singular.
 */
function forEachWord(text: string, visit: (word: string) => void): void {
  const lower = text.toLowerCase();
  const length = lower.length;
  let i = 0;
  while (i < length) {
    // ASCII is looked up in a table, inline: this loop reads every character of every
    // compared sentence and fact statement.
    const unit = lower.charCodeAt(i);
    if (unit < 0x80) {
      if ((ASCII_CLASSES[unit]! & STARTS_WORD) === 0) {
        i++;
        continue;
      }
    } else {
      const code = codePointAt(lower, i);
      if (!isLetter(code)) {
        i += code > 0xffff ? 2 : 1;
        continue;
      }
    }
    const start = i;
    i += unit >= 0xd800 && unit <= 0xdbff && lower.codePointAt(i)! > 0xffff ? 2 : 1;
    while (i < length) {
      const next = lower.charCodeAt(i);
      if (next < 0x80) {
        if ((ASCII_CLASSES[next]! & IN_WORD) === 0) break;
        i++;
      } else if (next === RIGHT_QUOTE) {
        i++;
      } else {
        const code = codePointAt(lower, i);
        if (!isLetter(code)) break;
        i += code > 0xffff ? 2 : 1;
      }
    }
    let end = i;
    const beforeLast = lower.charCodeAt(end - 2);
    if (lower.charCodeAt(end - 1) === LOWER_S && end - start >= 2 && (beforeLast === APOSTROPHE || beforeLast === RIGHT_QUOTE)) end -= 2;
    if (end - start >= 3) visit(lower.slice(start, end));
  }
}

const STARTS_WORD = 1;
const IN_WORD = 2;
/** Per ASCII character: whether it starts a word (a letter) and whether it continues one (a letter, ' or -). */
const ASCII_CLASSES = new Uint8Array(0x80);
for (let c = 0; c < 0x80; c++) {
  const letter = (c >= 97 && c <= 122) || (c >= 65 && c <= 90);
  ASCII_CLASSES[c] = (letter ? STARTS_WORD | IN_WORD : 0) | (c === APOSTROPHE || c === HYPHEN ? IN_WORD : 0);
}

/** The code point at `i`; most text is outside the surrogate range, where it is the code unit. */
function codePointAt(text: string, i: number): number {
  const unit = text.charCodeAt(i);
  return unit < 0xd800 || unit > 0xdbff ? unit : text.codePointAt(i)!;
}

interface Subject {
  /** Single-word keywords, singular. */
  keywords: string[];
  /** Multi-word keywords, lower-case, matched as phrases. */
  phrases: string[];
  statementWords: string[];
}

/** The words of a fact's keywords and statement. */
function readSubject(fact: FactEntry): Subject {
  const keywords: string[] = [];
  const phrases: string[] = [];
  for (const keyword of fact.fact.keywords ?? []) {
    const k = keyword.toLowerCase().trim();
    if (k.includes(' ')) phrases.push(k);
    else if (k) keywords.push(singular(k));
  }
  return { keywords, phrases, statementWords: [...contentWords(fact.fact.statement)] };
}

// Facts are compared with many sentences; their words are worked out once per fact.
const subjects = new WeakMap<FactEntry, Subject>();

function subjectOf(fact: FactEntry): Subject {
  let subject = subjects.get(fact);
  if (!subject) subjects.set(fact, (subject = readSubject(fact)));
  return subject;
}

/** How many of the fact's keywords and statement words the sentence shares (0: another subject). */
export function subjectOverlap(fact: FactEntry, sentenceWords: Set<string>, sentenceText: string): number {
  const subject = subjectOf(fact);
  let score = 0;
  for (const k of subject.keywords) if (sentenceWords.has(k)) score += 2;
  if (subject.phrases.length > 0) {
    const lower = sentenceText.toLowerCase();
    for (const p of subject.phrases) if (lower.includes(p)) score += 2;
  }
  for (const w of subject.statementWords) if (sentenceWords.has(w)) score += 1;
  return score;
}

const NOT_A_WORD = -1;
const PHRASE = -2;

/**
 * The words of the facts' subjects met so far, numbered. Comparing a fact's words with a
 * text's is the inner loop of matching (a hedged figure is scored against dozens of
 * facts); with numbers, it reads a typed array instead of hashing strings. The words of
 * the text being compared are marked in `marks` with the number `mark`.
 */
class Vocabulary {
  private readonly ids = new Map<string, number>();
  private readonly words: string[] = [];
  marks = new Int32Array(1024);
  mark = 0;
  /** The text whose words carry `mark`. */
  private marked: SubjectText | undefined;

  /** Per word as forEachWord gives it, the number of its singular, or NOT_A_WORD for a stop word. */
  private readonly rawIds = new Map<string, number>();
  /** Per keyword as written, the number of its singular, or PHRASE, or NOT_A_WORD for a blank. */
  private readonly keywordIds = new Map<string, number>();

  /** contentWords' number for a word forEachWord gives (facts' statements repeat their words: each is read once). */
  wordId(word: string): number {
    let id = this.rawIds.get(word);
    if (id === undefined) this.rawIds.set(word, (id = STOP.has(word) ? NOT_A_WORD : this.id(singular(word))));
    return id;
  }

  /** What readSubject makes of a keyword, by number. */
  keywordId(keyword: string): number {
    let id = this.keywordIds.get(keyword);
    if (id === undefined) {
      const k = keyword.toLowerCase().trim();
      this.keywordIds.set(keyword, (id = k.includes(' ') ? PHRASE : k ? this.id(singular(k)) : NOT_A_WORD));
    }
    return id;
  }

  /** The number of a word, given it on first sight. */
  id(word: string): number {
    let id = this.ids.get(word);
    if (id === undefined) {
      id = this.words.length;
      this.ids.set(word, id);
      this.words.push(word);
      if (id >= this.marks.length) {
        const grown = new Int32Array(this.marks.length * 2);
        grown.set(this.marks);
        this.marks = grown;
      }
    }
    return id;
  }

  /**
   * `marks`, with the text's words (those in the vocabulary) marked `mark`. The text keeps
   * its word numbers and how many words the vocabulary had then, so marking it again after
   * another text, or after facts added words, costs little.
   */
  marksOf(text: SubjectText): Int32Array {
    if (this.marked === text && text.numberedUpTo === this.words.length) return this.marks;
    const words = text.words();
    let ids = text.wordIds;
    if (!ids || this.words.length - text.numberedUpTo > words.size) {
      ids = text.wordIds = [];
      for (const w of words) {
        const id = this.ids.get(w);
        if (id !== undefined) ids.push(id);
      }
    } else {
      for (let id = text.numberedUpTo; id < this.words.length; id++) if (words.has(this.words[id]!)) ids.push(id);
    }
    text.numberedUpTo = this.words.length;
    if (this.mark === 0x7fffffff) {
      this.marks.fill(0);
      this.mark = 0;
    }
    this.mark++;
    for (const id of ids) this.marks[id] = this.mark;
    this.marked = text;
    return this.marks;
  }
}

/**
 * The text a statistic is about (`source` from `start` to `end`), compared with facts'
 * subjects. Its words and lower-case form are worked out on first use, once for all the
 * statistics that share it; many statistics are matched without them.
 */
export class SubjectText {
  private wordSet: Set<string> | undefined;
  private lower: string | undefined;
  private text: string | undefined;
  /** Its words' numbers in the vocabulary of the one fact index it is compared with, and how many words that had then. */
  wordIds: number[] | undefined;
  numberedUpTo = 0;

  constructor(
    private readonly source: string,
    private readonly start: number,
    private readonly end: number,
  ) {}

  private sliced(): string {
    return (this.text ??= this.source.slice(this.start, this.end));
  }

  /** The text itself. */
  content(): string {
    return this.sliced();
  }

  words(): Set<string> {
    return (this.wordSet ??= contentWords(this.sliced()));
  }

  lowerCase(): string {
    return (this.lower ??= this.sliced().toLowerCase());
  }
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
