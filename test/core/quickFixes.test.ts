// Quick fixes a writer expects, applied and checked again: the nearest source ids for an
// unknown @id, citing a source a note names in words, a second definition of a label
// given a label of its own.
import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { checkBriefing } from '../../src/core/check';
import { FactIndex } from '../../src/core/facts/factIndex';
import { parseFactFile } from '../../src/core/facts/parseFactFile';
import { applyEdits } from '../../src/core/fixes/applyEdits';

const FACTS = FactIndex.from([
  parseFactFile(
    JSON.stringify({
      sources: {
        'acer-2024': { title: 'European gas market monitoring report 2024', publisher: 'ACER' },
        'sputnik-2017-05': { title: 'Russia-North Korea trade, January-February 2017', publisher: 'Sputnik' },
        'kotra-2016': { title: "North Korea's foreign trade trends, 2016", publisher: 'KOTRA' },
      },
      facts: [],
    }),
    'sources.facts.json',
  ),
]);

function fixesOf(text: string, code: string) {
  const finding = checkBriefing(text, FACTS).findings.find((f) => f.code === code);
  assert.ok(finding, `no ${code} finding`);
  return finding.fixes ?? [];
}

function codesAfter(text: string): string[] {
  return checkBriefing(text, FACTS)
    .findings.map((f) => f.code)
    .sort();
}

describe('source.unknown: change to the nearest ids', () => {
  test('a truncated id and a typo are offered the ids they are close to, nearest first, and the first is preferred', () => {
    const text = 'Trade grew.[^1]\n\n[^1]: @sputnik-2017.\n';
    const fixes = fixesOf(text, 'source.unknown');
    assert.deepEqual(
      fixes.map((f) => f.title),
      ['Change to @sputnik-2017-05'],
    );
    assert.equal(fixes[0]!.preferred, true);
    assert.equal(applyEdits(text, fixes[0]!.edits), 'Trade grew.[^1]\n\n[^1]: @sputnik-2017-05.\n');
    assert.deepEqual(codesAfter(applyEdits(text, fixes[0]!.edits)), []);
    assert.deepEqual(
      fixesOf('A.[^1]\n\n[^1]: @kotra-2061.\n', 'source.unknown').map((f) => f.title),
      ['Change to @kotra-2016'],
    );
  });

  test('an id close to none gets no fix', () => {
    assert.deepEqual(fixesOf('A.[^1]\n\n[^1]: @imf-weo-2023.\n', 'source.unknown'), []);
  });
});

describe('note.noSource: cite the source the note names in words', () => {
  test('a note giving the title and publisher cites that source', () => {
    const text = 'Prices fell.[^1]\n\n[^1]: ACER, European gas market monitoring report 2024, p. 12.\n';
    const fixes = fixesOf(text, 'note.noSource');
    assert.deepEqual(
      fixes.map((f) => f.title),
      ['Cite @acer-2024'],
    );
    const fixed = applyEdits(text, fixes[0]!.edits);
    assert.equal(fixed, 'Prices fell.[^1]\n\n[^1]: @acer-2024, ACER, European gas market monitoring report 2024, p. 12.\n');
    assert.deepEqual(codesAfter(fixed), []);
  });

  test('a note that only shares a word with a title is offered nothing', () => {
    assert.deepEqual(fixesOf('Prices fell.[^1]\n\n[^1]: Market gossip.\n', 'note.noSource'), []);
  });
});

describe('note.duplicate: renumber the second definition', () => {
  test('the second [^2]: becomes the next free number and keeps its text', () => {
    const text = 'A.[^1] B.[^2]\n\n[^1]: @kotra-2016.\n[^2]: @acer-2024.\n[^2]: UN Comtrade, monthly data.\n';
    const fixes = fixesOf(text, 'note.duplicate');
    assert.deepEqual(
      fixes.map((f) => f.title),
      ['Renumber the second definition as [^3]'],
    );
    const fixed = applyEdits(text, fixes[0]!.edits);
    assert.equal(fixed, 'A.[^1] B.[^2]\n\n[^1]: @kotra-2016.\n[^2]: @acer-2024.\n[^3]: UN Comtrade, monthly data.\n');
    // No longer a duplicate: an unused note the writer can now cite.
    assert.deepEqual(codesAfter(fixed), ['note.noSource', 'note.unused']);
  });

  test('a named label gets a suffix', () => {
    const text = 'A.[^coal]\n\n[^coal]: @kotra-2016.\n[^coal]: Other.\n';
    assert.equal(applyEdits(text, fixesOf(text, 'note.duplicate')[0]!.edits), 'A.[^coal]\n\n[^coal]: @kotra-2016.\n[^coal-2]: Other.\n');
  });
});

describe('stat.unsupported: cite the source that has the figure instead', () => {
  const index = FactIndex.from([
    parseFactFile(
      JSON.stringify({
        sources: { 'kotra-2016': { title: 'Trade report' }, 'comtrade-2016': { title: 'UN Comtrade' } },
        facts: [
          {
            id: 'coal-share',
            statement: 'Coal as a share of exports to China in 2016',
            value: 46,
            unit: 'percent',
            source: 'kotra-2016',
            quote: 'Coal was 46 percent.',
          },
          {
            id: 'coal-tonnes',
            statement: 'Coal imports by China in 2016',
            value: 22500000,
            unit: 'tonnes',
            source: 'comtrade-2016',
            quote: 'China imported 22.5 million tonnes of coal.',
          },
        ],
      }),
      'f.facts.json',
    ),
  ]);
  const fixes = (text: string) => checkBriefing(text, index).findings.find((f) => f.code === 'stat.unsupported')?.fixes ?? [];

  test('a note citing only the wrong source is changed to cite the right one, preferred; citing both is offered too', () => {
    const text = 'In 2016 China imported 22.5 million tonnes of coal.[^1]\n\n[^1]: @kotra-2016, p. 9.\n';
    const offered = fixes(text);
    assert.deepEqual(
      offered.map((f) => [f.title, f.preferred]),
      [
        ['Cite comtrade-2016 instead of kotra-2016', true],
        ['Also cite comtrade-2016: “China imported 22.5 million tonnes of coal.”', false],
      ],
    );
    const fixed = applyEdits(text, offered[0]!.edits);
    assert.equal(fixed, 'In 2016 China imported 22.5 million tonnes of coal.[^1]\n\n[^1]: @comtrade-2016, p. 9.\n');
    assert.deepEqual(
      checkBriefing(fixed, index).findings.map((f) => f.code),
      [],
    );
  });

  test('a note that other sentences cite too is not changed: only citing both is offered', () => {
    const text =
      'In 2016 China imported 22.5 million tonnes of coal.[^1] Coal was 46 per cent of exports to China in 2016.[^1]\n\n[^1]: @kotra-2016.\n';
    assert.deepEqual(
      fixes(text).map((f) => f.title),
      ['Cite comtrade-2016 in a new note 2: “China imported 22.5 million tonnes of coal.”'],
    );
  });
});
