// The fast paths of statistics matching (src/core/stats/factsByUnit.ts, subjectWords.ts,
// words.ts) against plain reference
// versions of the same rules, on random facts, figures and texts: the word scanner
// against the Unicode regex it replaces, numbered subject overlaps against string sets,
// and the closest supporting facts found from value-sorted runs against a filter and a
// stable sort over all facts.
import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import type { FactEntry } from '../../src/core/facts/factIndex';
import type { Statistic, StatUnit } from '../../src/core/model';
import { claimAdmits } from '../../src/core/stats/claim';
import { FactsByUnit, type Closest } from '../../src/core/stats/factsByUnit';
import { SubjectText } from '../../src/core/stats/subjectWords';
import { unitKeyOfFact, unitKeysOfStatistic } from '../../src/core/stats/unitKeys';
import { contentWords } from '../../src/core/stats/words';
import { isPlural, singular } from '../../src/core/stats/vocabulary';
import { random } from './briefingFixtures';

const pick = <T>(r: () => number, list: readonly T[]): T => list[Math.floor(r() * list.length)]!;

const STOP = new Set(
  `the and for with from that this these those into over under about than year years per cent percent total share
  number of in on at to by a an its their his her was were is are be been has have had which who what when where`.split(/\s+/),
);

/** contentWords as first written, with a regular expression. */
function referenceWords(text: string): Set<string> {
  const words = new Set<string>();
  for (const m of text.toLowerCase().matchAll(/[\p{L}][\p{L}'’-]*/gu)) {
    const w = m[0].replace(/[’']s$/, '');
    if (w.length < 3 || STOP.has(w)) continue;
    words.add(singular(w));
  }
  return words;
}

/** singular as first written, with regular expressions (but a Map for irregulars). */
function referenceSingular(word: string): string {
  const w = word.toLowerCase();
  const irregular = new Map([
    ['people', 'person'],
    ['persons', 'person'],
    ['children', 'child'],
    ['men', 'man'],
    ['women', 'woman'],
    ['feet', 'foot'],
    ['mice', 'mouse'],
    ['geese', 'goose'],
    ['teeth', 'tooth'],
    ['staff', 'staff'],
    ['series', 'series'],
    ['species', 'species'],
    ['data', 'data'],
  ]).get(w);
  if (irregular) return irregular;
  if (w.length <= 3) return w;
  if (w.endsWith('ies') && w.length > 4) return w.slice(0, -3) + 'y';
  if (/(?:ches|shes|sses|xes|zes)$/.test(w)) return w.slice(0, -2);
  if (w.endsWith('ss') || w.endsWith('us') || w.endsWith('is')) return w;
  if (w.endsWith('s')) return w.slice(0, -1);
  return w;
}

const PIECES = [
  'coal',
  'Coal',
  'EXPORTS',
  'exports',
  "China's",
  'China’s',
  'trade',
  'buses',
  'boxes',
  'wishes',
  'classes',
  'ties',
  'cities',
  'status',
  'analysis',
  'people',
  'Children',
  'data',
  'constructor',
  'the',
  'of',
  'a',
  'per',
  'cent',
  'ab',
  'abc',
  "o'clock",
  'well-known',
  '--',
  "'s",
  '’s',
  's',
  'ß',
  'Straße',
  'İstanbul',
  'ÉCOLE',
  'naïve',
  'Ωmega',
  '北京',
  '𝒜lpha',
  '𝒜',
  '\u{1F600}',
  '\ud800',
  '\udc00',
  'x\ud835',
  ' ',
  ' ',
  '  ',
  '\n',
  '\t',
  ',',
  '.',
  '1',
  '46.3%',
  '-',
  "'",
  '’',
  '_',
  '|',
  '*',
];

function randomText(r: () => number, parts: number): string {
  let text = '';
  for (let i = 0; i < parts; i++) text += pick(r, PIECES) + (r() < 0.6 ? ' ' : '');
  return text;
}

describe('contentWords', () => {
  test('equals the regular expression it replaces, on random texts', () => {
    const r = random(1);
    for (let i = 0; i < 3000; i++) {
      const text = randomText(r, 1 + Math.floor(r() * 12));
      assert.deepEqual([...contentWords(text)], [...referenceWords(text)], JSON.stringify(text));
    }
  });
});

describe('singular', () => {
  test('equals the regular expressions it replaces', () => {
    const r = random(2);
    const letters = 'abcehiosuxyzSEI';
    for (let i = 0; i < 5000; i++) {
      let word = '';
      for (let n = 1 + Math.floor(r() * 7); n > 0; n--) word += pick(r, [...letters]);
      assert.equal(singular(word), referenceSingular(word), word);
    }
    for (const word of PIECES) assert.equal(singular(word), referenceSingular(word), word);
  });

  test('"constructor" is a word like any other', () => {
    assert.equal(singular('constructor'), 'constructor');
    assert.equal(singular('constructors'), 'constructor');
    assert.equal(isPlural('constructor'), false);
    assert.equal(unitKeyOfFact('constructor'), 'count:constructor');
  });
});

const UNITS = ['percent', 'USD', 'AUD', 'troops', 'tonnes', 'tonnes oil', 'oil'];

function randomFacts(r: () => number, count: number): FactEntry[] {
  const values = [0, -0, 5, 10, 10, 10.5, 46.3, 46.3, 47, 100, 250e6, 1e-7, -5, -46.3, -10];
  const facts: FactEntry[] = [];
  for (let i = 0; i < count; i++) {
    const value = r() < 0.3 ? pick(r, values) : Math.round((r() - 0.15) * 2000) / 10;
    const keywords =
      r() < 0.8
        ? Array.from({ length: Math.floor(r() * 4) }, () =>
            pick(r, ['coal', 'Coal', 'exports', 'trade with', ' China ', '', 'Exports', 'fuel']),
          )
        : undefined;
    facts.push({
      fact: {
        id: `f${i}`,
        statement: randomText(r, 2 + Math.floor(r() * 6)),
        value,
        unit: pick(r, UNITS),
        source: `s${Math.floor(r() * 4)}`,
        quote: 'q',
        keywords,
      },
      file: 'random.facts.json',
      span: { start: 0, end: 0 },
      line: 0,
      index: i,
    });
  }
  return facts;
}

function randomStatistic(r: () => number): Statistic {
  const value = r() < 0.2 ? pick(r, [10, 46.3, 5, 0, -5, 1e-7, 250e6]) : Math.round((r() - 0.15) * 2000) / 10;
  const [low, high, lowInclusive, highInclusive] = pick(r, [
    () => [value - 0.05, value + 0.05, true, true],
    () => [value * 0.95, value, true, true],
    () => [value, value * 1.05, false, true],
    () => [value * 0.95, value * 1.05, true, true],
    () => [value - 30, value + 30, true, true],
    () => [value - 0.5, value + 0.5, r() < 0.5, r() < 0.5],
  ])() as [number, number, boolean, boolean];
  const unit: StatUnit = pick(r, [
    { kind: 'percent' },
    { kind: 'currency', codes: ['USD', 'AUD', 'USD'] },
    { kind: 'count', nouns: ['tonne', 'oil'] },
    { kind: 'count', nouns: ['troop', 'troop'] },
  ] as StatUnit[]);
  const ordered =
    low <= high
      ? { low, high, lowInclusive, highInclusive }
      : { low: high, high: low, lowInclusive: highInclusive, highInclusive: lowInclusive };
  return {
    value,
    ...ordered,
    scale: 1,
    decimals: 1,
    hedgeKind: undefined,
    span: { start: 0, end: 1 },
    numberSpan: { start: 0, end: 1 },
    numberSpan2: undefined,
    hedge: undefined,
    hedgeSpan: undefined,
    unit,
    sentence: 0,
  };
}

/** The supporting facts and the MAX_SCORED closest of them as the rule first found them: filter, stable sort, slice. */
function referenceClosest(facts: FactEntry[], stat: Statistic, excluded: string[], limit: number): { count: number; chosen: FactEntry[] } {
  const byKey = new Map<string, FactEntry[]>();
  for (const f of facts) {
    const key = unitKeyOfFact(f.fact.unit);
    byKey.set(key, [...(byKey.get(key) ?? []), f]);
  }
  for (const list of byKey.values()) list.sort((a, b) => a.fact.value - b.fact.value);
  const slack = (v: number) => Math.max(Math.abs(v), 1) * 1e-9;
  const supports = (v: number) => claimAdmits(stat, v) || (stat.value > 0 && v < 0 && claimAdmits(stat, -v));
  const found = new Set<FactEntry>();
  for (const key of unitKeysOfStatistic(stat.unit)) {
    const ranges: [number, number][] = [[stat.low, stat.high]];
    if (stat.value > 0) ranges.push([-stat.high, -stat.low]);
    for (const [lo, hi] of ranges)
      for (const f of byKey.get(key) ?? [])
        if (f.fact.value >= lo - slack(lo) && f.fact.value <= hi + slack(hi) && supports(f.fact.value)) found.add(f);
  }
  const supporting = [...found].filter((f) => !excluded.includes(f.fact.source));
  if (supporting.length <= limit) return { count: supporting.length, chosen: supporting };
  const distance = (f: FactEntry) => Math.abs(Math.abs(f.fact.value) - Math.abs(stat.value));
  return { count: supporting.length, chosen: [...supporting].sort((a, b) => distance(a) - distance(b)).slice(0, limit) };
}

/**
 * How many of the fact's keywords (2 each; multi-word ones as phrases of the text) and
 * statement words (1 each) the text shares, on sets of strings, as the rule first counted.
 */
function referenceOverlap(fact: FactEntry, sentenceWords: Set<string>, sentenceText: string): number {
  let score = 0;
  const lower = sentenceText.toLowerCase();
  for (const keyword of fact.fact.keywords ?? []) {
    const k = keyword.toLowerCase().trim();
    if (k.includes(' ')) score += lower.includes(k) ? 2 : 0;
    else if (k && sentenceWords.has(singular(k))) score += 2;
  }
  for (const w of contentWords(fact.fact.statement)) if (sentenceWords.has(w)) score += 1;
  return score;
}

describe('FactsByUnit', () => {
  test('closestSupporting finds what a filter and a stable sort find', () => {
    const r = random(3);
    for (let round = 0; round < 40; round++) {
      const facts = randomFacts(r, 20 + Math.floor(r() * 400));
      const index = new FactsByUnit(facts);
      for (let i = 0; i < 60; i++) {
        const stat = randomStatistic(r);
        const excluded = r() < 0.2 ? ['s1'] : [];
        const limit = pick(r, [1, 3, 8, 48]);
        const closest: Closest = { facts: [], distances: [], length: 0 };
        const count = index.closestSupporting(stat, excluded, limit, closest);
        const expected = referenceClosest(facts, stat, excluded, limit);
        const where = `round ${round}, statistic ${JSON.stringify(stat)}, limit ${limit}`;
        assert.equal(count, expected.count, where);
        const chosen = closest.facts.slice(0, closest.length).map((n) => index.entry(n));
        // The same facts, listed in supporting order rather than by distance.
        assert.deepEqual(new Set(chosen), new Set(expected.chosen), where);
        assert.equal(chosen.length, expected.chosen.length, where);
        if (count <= limit) assert.deepEqual(chosen, expected.chosen, where);
        else {
          const distance = (f: FactEntry) => Math.abs(Math.abs(f.fact.value) - Math.abs(stat.value));
          assert.deepEqual(closest.distances.slice(0, closest.length), chosen.map(distance), where);
        }
        assert.deepEqual(
          index.supportingFacts(stat, [], []).map((n) => index.entry(n)),
          referenceClosest(facts, stat, [], Infinity).chosen,
          where,
        );
      }
    }
  });

  test('overlaps count what string sets of subject words count', () => {
    const r = random(4);
    const facts = randomFacts(r, 300);
    const index = new FactsByUnit(facts);
    for (let i = 0; i < 600; i++) {
      const text = randomText(r, 2 + Math.floor(r() * 15));
      const source = `..${text}..`;
      const start = Math.floor(r() * 3);
      const end = source.length - Math.floor(r() * 3);
      const subject = new SubjectText(source, start, end);
      const sliced = source.slice(start, end);
      const expected = (n: number) => referenceOverlap(facts[n]!, contentWords(sliced), sliced);
      // Facts in an order that makes words join the vocabulary between two texts' turns.
      for (let k = 0; k < 12; k++) {
        const n = Math.floor(r() * facts.length);
        assert.equal(index.overlaps([n], 1, subject, [])[0], expected(n), `${JSON.stringify(sliced)} / ${JSON.stringify(facts[n]!.fact)}`);
      }
      const batch = Array.from({ length: 12 }, () => Math.floor(r() * facts.length));
      assert.deepEqual(index.overlaps(batch, 10, subject, []), batch.slice(0, 10).map(expected), JSON.stringify(sliced));
    }
  });
});
