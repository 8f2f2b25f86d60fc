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
  return checkBriefing(text, FACTS).findings.map((f) => f.code).sort();
}

describe('source.unknown: change to the nearest ids', () => {
  test('a truncated id and a typo are offered the ids they are close to, nearest first, and the first is preferred', () => {
    const text = 'Trade grew.[^1]\n\n[^1]: @sputnik-2017.\n';
    const fixes = fixesOf(text, 'source.unknown');
    assert.deepEqual(fixes.map((f) => f.title), ['Change to @sputnik-2017-05']);
    assert.equal(fixes[0]!.preferred, true);
    assert.equal(applyEdits(text, fixes[0]!.edits), 'Trade grew.[^1]\n\n[^1]: @sputnik-2017-05.\n');
    assert.deepEqual(codesAfter(applyEdits(text, fixes[0]!.edits)), []);
    assert.deepEqual(fixesOf('A.[^1]\n\n[^1]: @kotra-2061.\n', 'source.unknown').map((f) => f.title), ['Change to @kotra-2016']);
  });

  test('an id close to none gets no fix', () => {
    assert.deepEqual(fixesOf('A.[^1]\n\n[^1]: @imf-weo-2023.\n', 'source.unknown'), []);
  });
});

describe('note.noSource: cite the source the note names in words', () => {
  test('a note giving the title and publisher cites that source', () => {
    const text = 'Prices fell.[^1]\n\n[^1]: ACER, European gas market monitoring report 2024, p. 12.\n';
    const fixes = fixesOf(text, 'note.noSource');
    assert.deepEqual(fixes.map((f) => f.title), ['Cite @acer-2024']);
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
    assert.deepEqual(fixes.map((f) => f.title), ['Renumber the second definition as [^3]']);
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
