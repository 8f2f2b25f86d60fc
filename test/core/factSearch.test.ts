// Tests of the fact search (FactSearch, through FactIndex.search): its ranking against a
// plain reference implementation of the documented rules, on random facts and queries
// with mixed case, Unicode white space and punctuation, and a few cases by hand.
import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import fc from 'fast-check';
import { FactIndex } from '../../src/core/facts/factIndex';
import { parseFactFile } from '../../src/core/facts/parseFactFile';
import type { Fact, Source } from '../../src/core/facts/schema';

/**
 * The ranking as FactIndex.search documents it, one fact at a time: a word scores the
 * weight of the first field group it is in (id 4; statement and keywords 3; value,
 * unit, source id, title and publisher 1), doubled when it starts a word there; a fact
 * scores the sum, plus 100 when the query is its id, 20 when its id starts with it.
 */
function reference(facts: readonly Fact[], sources: Record<string, Source>, query: string, limit: number): string[] {
  const words = [
    ...new Set(
      lower(query)
        .split(/\s+/)
        .map((w) => w.replace(/^[^\p{L}\p{N}]+|[^\p{L}\p{N}]+$/gu, ''))
        .filter((w) => w !== ''),
    ),
  ];
  if (words.length === 0) return facts.slice(0, limit).map((f) => f.id);
  const phrase = words.join(' ');
  const scored: Array<{ id: string; score: number }> = [];
  for (const fact of facts) {
    const source = sources[fact.source];
    const groups: Array<[number, string]> = [
      [4, lower(fact.id)],
      [3, lower(`${fact.statement}\n${(fact.keywords ?? []).join(' ')}`)],
      [1, lower(`${fact.value}\n${fact.unit}\n${fact.source}\n${source?.title ?? ''}\n${source?.publisher ?? ''}`)],
    ];
    let total = 0;
    for (const word of words) {
      const group = groups.find(([, text]) => text.includes(word));
      if (!group) {
        total = 0;
        break;
      }
      total += startsAWord(group[1], word) ? 2 * group[0] : group[0];
    }
    if (total === 0) continue;
    const id = lower(fact.id);
    if (id.startsWith(phrase)) total += phrase.length === id.length ? 100 : 20;
    scored.push({ id: fact.id, score: total });
  }
  // Array.prototype.sort is stable: equal scores keep file order.
  return scored
    .sort((a, b) => b.score - a.score)
    .slice(0, limit)
    .map((s) => s.id);
}

function lower(text: string): string {
  return text.replaceAll('\u0130', 'I').toLowerCase();
}

function startsAWord(text: string, word: string): boolean {
  for (let at = text.indexOf(word); at !== -1; at = text.indexOf(word, at + 1)) {
    const before = at === 0 ? 0x20 : text.charCodeAt(at - 1);
    const isWordCharacter =
      before < 0x80 ? /[0-9a-z]/.test(String.fromCharCode(before)) : /[\p{L}\p{N}]/u.test(String.fromCharCode(before));
    if (!isWordCharacter) return true;
  }
  return false;
}

function indexOf(facts: readonly Fact[], sources: Record<string, Source>): FactIndex {
  return FactIndex.from([parseFactFile(JSON.stringify({ sources, facts }), 'x.facts.json')]);
}

describe('FactIndex.search agrees with the reference ranking', () => {
  // Short texts from a small vocabulary, so that words recur across facts and fields:
  // case pairs, "İ" and "Σ" (whose lower case depends on what surrounds them), words
  // inside other words, digits and punctuation.
  const word = fc.constantFrom(
    'coal',
    'Coal',
    'COAL',
    'charcoal',
    'trade',
    'Retrade',
    'China',
    'İstanbul',
    'ΟΔΟΣ',
    'x-ray',
    '37.4',
    '37,4%',
    'fact-1',
    'a',
    'ab',
    'ba',
    'Ünité',
    '北京',
    'ion',
    'nation',
    'oil',
  );
  const space = fc.constantFrom(' ', ' ', '\u00a0', '\t', '\u2003', '\n');
  const text = (max: number) =>
    fc
      .array(fc.tuple(space, word), { minLength: 1, maxLength: max })
      .map((parts) => parts.map(([s, w], i) => (i === 0 ? w : s + w)).join(''));
  const keywordLists = [undefined, ['coal'], ['trade', 'China'], ['x-ray İ']];
  const world = fc.record({
    titles: fc.array(fc.tuple(text(2), fc.option(text(1), { nil: undefined })), { minLength: 3, maxLength: 3 }),
    facts: fc.array(
      fc.record({
        id: fc.oneof(
          word.map((w) => w.replace(/\s/g, '')),
          fc.constantFrom('fact-1', 'fact-12', 'coal'),
        ),
        statement: text(3),
        value: fc.constantFrom(1, 37.4, -2.5, 1e21, 0.000001, 1234),
        unit: fc.constantFrom('percent', 'USD', 'tonnes', 'coal units'),
        source: fc.constantFrom('src-0', 'src-1', 'src-2'),
        keywords: fc.constantFrom(...keywordLists),
      }),
      { maxLength: 60 },
    ),
  });
  const query = fc.oneof(
    fc
      .array(
        word.chain((w) => fc.tuple(fc.nat(w.length - 1), fc.integer({ min: 1, max: 5 })).map(([at, n]) => w.slice(at, at + n))),
        { minLength: 1, maxLength: 3 },
      )
      .map((ws) => ws.join(' ')),
    fc.constantFrom('', '  ', '@coal.', '(trade)', 'FACT-1', 'fact-12', 'coal coal', 'i̇stanbul'),
  );

  test('property: the same facts in the same order, for any limit', () => {
    fc.assert(
      fc.property(world, query, fc.integer({ min: 1, max: 50 }), ({ titles, facts }, q, limit) => {
        const sources: Record<string, Source> = {};
        titles.forEach(([title, publisher], i) => (sources[`src-${i}`] = publisher === undefined ? { title } : { title, publisher }));
        // Ids must be unique; the file order is the order given.
        const unique = facts.map((f, i) => ({ ...f, id: `${f.id}${i === 0 ? '' : `-${i}`}`, quote: 'Q' })) as Fact[];
        const index = indexOf(unique, sources);
        assert.deepEqual(
          index.search(q, limit).map((f) => f.fact.id),
          reference(unique, sources, q, limit),
        );
      }),
      { numRuns: 500 },
    );
  });
});

describe('FactIndex.search', () => {
  const sources: Record<string, Source> = { customs: { title: 'Customs statistics', publisher: 'Agency' } };
  const fact = (id: string, statement: string, extra: Partial<Fact> = {}): Fact => ({
    id,
    statement,
    value: 1,
    unit: 'percent',
    source: 'customs',
    quote: 'Q',
    ...extra,
  });

  test('a word starts a word after any white space, and never runs across it', () => {
    const index = indexOf([fact('a', 'coalexports'), fact('b', 'coal\u00a0exports'), fact('c', 'coal\u2003exports')], sources);
    assert.deepEqual(
      index.search('exports').map((f) => f.fact.id),
      ['b', 'c', 'a'],
    );
    assert.deepEqual(
      index.search('coalexports').map((f) => f.fact.id),
      ['a'],
    );
  });

  test('a word inside one token and at the start of another of the same field starts a word there', () => {
    // "charcoal" comes first in the vocabulary, so "b" is first found inside a word.
    const index = indexOf(
      [fact('a', 'Charcoal'), fact('b', 'charcoal coal'), fact('c', 'x coal'), fact('d', 'coal', { keywords: ['charcoal'] })],
      sources,
    );
    assert.deepEqual(
      index.search('coal').map((f) => f.fact.id),
      ['b', 'c', 'd', 'a'],
    );
  });

  test('keywords, units and source titles shared by many facts count for each of them', () => {
    const facts = Array.from({ length: 300 }, (_, i) =>
      fact(`f${i}`, `Measure ${i}`, { keywords: ['shared topic'], unit: i % 2 ? 'tonnes' : 'percent' }),
    );
    const index = indexOf(facts, sources);
    assert.equal(index.search('topic', 1000).length, 300);
    assert.equal(index.search('tonnes topic customs', 1000).length, 150);
    assert.deepEqual(
      index.search('agency measure 299').map((f) => f.fact.id),
      ['f299'],
    );
  });

  test('a word with a character that no fact has finds nothing, quickly', () => {
    const index = indexOf([fact('a', 'Coal')], sources);
    assert.deepEqual(index.search('coal ж'), []);
    assert.deepEqual(index.search('ж'), []);
  });
});
