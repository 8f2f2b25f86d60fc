import type { FactEntry, FactIndex } from '../facts/factIndex';
import type { Statistic, StatUnit } from '../model';
import { claimAdmits } from './claim';
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

/** Whether the fact's value lies in what the text claims; a written figure without a sign may report a fall. */
export function supports(stat: Statistic, fact: FactEntry): boolean {
  const v = fact.fact.value;
  return claimAdmits(stat, v) || (stat.value > 0 && v < 0 && claimAdmits(stat, -v));
}

/** Facts grouped by unit and sorted by value, for range look-ups over every source. */
export class FactsByUnit {
  private readonly byUnit = new Map<string, FactEntry[]>();
  private readonly bySourceUnit = new Map<string, FactEntry[]>();

  constructor(facts: readonly FactEntry[]) {
    for (const entry of facts) {
      const key = unitKeyOfFact(entry.fact.unit);
      push(this.byUnit, key, entry);
      push(this.bySourceUnit, `${entry.fact.source}\u0000${key}`, entry);
    }
    for (const list of this.byUnit.values()) list.sort((a, b) => a.fact.value - b.fact.value);
  }

  /** The facts of `source` in any of the statistic's units. */
  candidates(stat: Statistic, source: string): FactEntry[] {
    return unitKeysOfStatistic(stat.unit).flatMap((key) => this.bySourceUnit.get(`${source}\u0000${key}`) ?? []);
  }

  /** Every fact, of any source, that supports the statistic. */
  supporting(stat: Statistic): FactEntry[] {
    const found = new Set<FactEntry>();
    for (const key of unitKeysOfStatistic(stat.unit)) {
      const list = this.byUnit.get(key);
      if (!list) continue;
      const ranges: [number, number][] = [[stat.low, stat.high]];
      if (stat.value > 0) ranges.push([-stat.high, -stat.low]);
      for (const [lo, hi] of ranges) {
        for (let i = lowerBound(list, lo - slack(lo)); i < list.length && list[i]!.fact.value <= hi + slack(hi); i++) {
          if (supports(stat, list[i]!)) found.add(list[i]!);
        }
      }
    }
    return [...found];
  }
}

function slack(value: number): number {
  return Math.max(Math.abs(value), 1) * 1e-9;
}

function push<K, V>(map: Map<K, V[]>, key: K, value: V): void {
  const list = map.get(key);
  if (list) list.push(value);
  else map.set(key, [value]);
}

function lowerBound(list: FactEntry[], value: number): number {
  let lo = 0;
  let hi = list.length;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (list[mid]!.fact.value < value) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

const STOP = new Set(
  `the and for with from that this these those into over under about than year years per cent percent total share
  number of in on at to by a an its their his her was were is are be been has have had which who what when where`.split(/\s+/),
);

/** Content words of a text, lower-case and singular, for "same subject" tests. */
export function contentWords(text: string): Set<string> {
  const words = new Set<string>();
  for (const m of text.toLowerCase().matchAll(/[\p{L}][\p{L}'’-]*/gu)) {
    const w = m[0].replace(/[’']s$/, '');
    if (w.length < 3 || STOP.has(w)) continue;
    words.add(singular(w));
  }
  return words;
}

interface Subject {
  /** Single-word keywords, singular. */
  keywords: string[];
  /** Multi-word keywords, lower-case, matched as phrases. */
  phrases: string[];
  statementWords: string[];
}

// Facts are compared with many sentences; their words are worked out once per fact.
const subjects = new WeakMap<FactEntry, Subject>();

function subjectOf(fact: FactEntry): Subject {
  let subject = subjects.get(fact);
  if (!subject) {
    const keywords: string[] = [];
    const phrases: string[] = [];
    for (const keyword of fact.fact.keywords ?? []) {
      const k = keyword.toLowerCase().trim();
      if (k.includes(' ')) phrases.push(k);
      else if (k) keywords.push(singular(k));
    }
    subject = { keywords, phrases, statementWords: [...contentWords(fact.fact.statement)] };
    subjects.set(fact, subject);
  }
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
