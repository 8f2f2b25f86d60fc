// A re-read of a .bib with a BibtexCache gives exactly what a fresh read gives, and
// reuses the parse of every entry whose text and macros are unchanged.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { BibtexCache, parseBibliography } from '../../src/core/bibliography/parseBibliography';

const entry = (key: string, title: string) =>
  `@article{${key},\n  author = {M{\\"u}ller, Hans},\n  title = {${title}},\n  journal = jks,\n  year = {2020},\n}\n`;
const MACROS = '@string{jks = {Journal of Korean Studies}}\n\n';
const file = (titles: string[], macros = MACROS) => macros + titles.map((t, i) => entry(`k${i}`, t)).join('\n');

test('a cached re-read equals a fresh read, through edits, a broken entry and a macro change', () => {
  const cache = new BibtexCache();
  const versions = [
    file(['Coal', 'Trade', 'Fish']),
    file(['Coal', 'Trade (revised)', 'Fish']),
    file(['Coal', 'Trade (revised)', 'Fish']).replace('  year = {2020},\n}\n\n@article{k2', '  year = {2020}\n\n@article{k2'),
    file(['Coal', 'Trade', 'Fish', 'Oil']),
    file(['Coal', 'Trade', 'Fish', 'Oil'], '@string{jks = {Korea Journal}}\n\n'),
  ];
  for (const text of versions) {
    assert.deepEqual(parseBibliography(text, 'bibtex', 'refs.bib', cache), parseBibliography(text, 'bibtex', 'refs.bib'), text);
  }
  assert.equal(parseBibliography(versions[4]!, 'bibtex', 'refs.bib', cache).entries[0]!.containerTitle, 'Korea Journal');
});

test('only the entries that changed are parsed again', () => {
  const cache = new BibtexCache();
  parseBibliography(file(['Coal', 'Trade', 'Fish']), 'bibtex', 'refs.bib', cache);
  const before = new Map(cache.entries);
  assert.equal(before.size, 3);
  parseBibliography(file(['Coal', 'Trade (revised)', 'Fish']), 'bibtex', 'refs.bib', cache);
  const reused = [...cache.entries].filter(([text, parsed]) => before.get(text) === parsed);
  assert.deepEqual(
    reused.map(([, parsed]) => parsed.key),
    ['k0', 'k2'],
  );
  // Another @string: nothing is reused.
  parseBibliography(file(['Coal', 'Trade', 'Fish'], '@string{jks = {Korea Journal}}\n\n'), 'bibtex', 'refs.bib', cache);
  assert.ok([...cache.entries].every(([text, parsed]) => before.get(text) !== parsed));
});
