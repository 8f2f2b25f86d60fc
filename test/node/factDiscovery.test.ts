// Tests of finding and reading fact files on disk, in a temporary folder tree:
//   root/a.facts.json
//   root/node_modules/pkg/n.facts.json
//   root/docs/c.facts.json, root/docs/b.facts.json, root/docs/notes.json, root/docs/folder.facts.json/ (a folder)
//   root/docs/sub/brief.brief.md, root/docs/sub/x.facts.json
//   outside/brief.brief.md, outside/o.facts.json
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, relative } from 'node:path';
import { discoverFactFiles, expandFactGlobs, loadFactFiles } from '../../src/node/factDiscovery';

const VALID = JSON.stringify({
  sources: { s: { title: 'T' } },
  facts: [{ id: 'f', statement: 'S', value: 1, unit: 'percent', source: 's', quote: 'Q' }],
});

let temp: string;
let root: string;
/** Paths relative to the temporary folder, with "/" on every platform. */
const rel = (paths: string[]) => paths.map((p) => relative(temp, p).split('\\').join('/'));

before(() => {
  temp = mkdtempSync(join(tmpdir(), 'fact-discovery-'));
  root = join(temp, 'root');
  const files: Record<string, string> = {
    'root/a.facts.json': VALID,
    'root/node_modules/pkg/n.facts.json': VALID,
    'root/docs/c.facts.json': VALID,
    'root/docs/b.facts.json': VALID,
    'root/docs/notes.json': '{}',
    'root/docs/sub/brief.brief.md': '# Brief\n',
    'root/docs/sub/x.facts.json': VALID,
    'outside/brief.brief.md': '# Brief\n',
    'outside/o.facts.json': VALID,
  };
  for (const [path, text] of Object.entries(files)) {
    mkdirSync(join(temp, path, '..'), { recursive: true });
    writeFileSync(join(temp, path), text);
  }
  mkdirSync(join(root, 'docs', 'folder.facts.json'));
});

after(() => rmSync(temp, { recursive: true, force: true }));

describe('discoverFactFiles', () => {
  test('without front matter: the briefing folder and its parents up to the root, nearest first, names sorted', () => {
    const found = discoverFactFiles({ briefingPath: join(root, 'docs/sub/brief.brief.md'), root });
    assert.deepEqual(rel(found), ['root/docs/sub/x.facts.json', 'root/docs/b.facts.json', 'root/docs/c.facts.json', 'root/a.facts.json']);
  });

  test('a briefing in the root folder only sees the root', () => {
    assert.deepEqual(rel(discoverFactFiles({ briefingPath: join(root, 'brief.brief.md'), root })), ['root/a.facts.json']);
  });

  test('the search stops at the root, which may be given relative to the current directory', () => {
    const found = discoverFactFiles({
      briefingPath: join(root, 'docs/sub/brief.brief.md'),
      root: relative(process.cwd(), join(root, 'docs')),
    });
    assert.deepEqual(rel(found), ['root/docs/sub/x.facts.json', 'root/docs/b.facts.json', 'root/docs/c.facts.json']);
  });

  test('a briefing outside the root only sees its own folder', () => {
    assert.deepEqual(rel(discoverFactFiles({ briefingPath: join(temp, 'outside/brief.brief.md'), root })), ['outside/o.facts.json']);
  });

  test('front matter facts: paths are resolved against the briefing, kept in order even when missing', () => {
    const found = discoverFactFiles({
      briefingPath: join(root, 'docs/sub/brief.brief.md'),
      root,
      frontMatterFacts: ['../c.facts.json', 'missing.facts.json', '../c.facts.json', join(temp, 'outside/o.facts.json')],
    });
    assert.deepEqual(rel(found), ['root/docs/c.facts.json', 'root/docs/sub/missing.facts.json', 'outside/o.facts.json']);
  });

  test('an empty front matter list falls back to the folder search', () => {
    const found = discoverFactFiles({ briefingPath: join(root, 'brief.brief.md'), root, frontMatterFacts: [] });
    assert.deepEqual(rel(found), ['root/a.facts.json']);
  });
});

describe('expandFactGlobs', () => {
  test('expands globs relative to cwd, sorted, without node_modules or folders', () => {
    assert.deepEqual(rel(expandFactGlobs(['**/*.facts.json'], root)), [
      'root/a.facts.json',
      'root/docs/b.facts.json',
      'root/docs/c.facts.json',
      'root/docs/sub/x.facts.json',
    ]);
  });

  test('keeps pattern order, drops repeats, and keeps plain paths even when missing', () => {
    const found = expandFactGlobs(['docs/sub/*.facts.json', 'missing.facts.json', 'docs/*.facts.json', 'docs/sub/x.facts.json'], root);
    assert.deepEqual(rel(found), [
      'root/docs/sub/x.facts.json',
      'root/missing.facts.json',
      'root/docs/b.facts.json',
      'root/docs/c.facts.json',
    ]);
  });

  test('a glob that matches nothing gives nothing', () => {
    assert.deepEqual(expandFactGlobs(['nothing/**/*.facts.json'], root), []);
  });
});

describe('loadFactFiles', () => {
  test('reads and parses each file once, stripping a BOM, and reports unreadable ones in one line', () => {
    const bom = join(temp, 'bom.facts.json');
    writeFileSync(bom, '\uFEFF' + VALID);
    const missing = join(root, 'missing.facts.json');
    const folder = join(root, 'docs/folder.facts.json');
    const { files, unreadable } = loadFactFiles([bom, missing, join(root, 'a.facts.json'), bom, folder]);
    assert.deepEqual(rel(files.map((f) => f.path)), ['bom.facts.json', 'root/a.facts.json']);
    const [withBom] = files;
    assert.equal(withBom!.text, VALID);
    assert.deepEqual(withBom!.findings, []);
    assert.equal(withBom!.facts.length, 1);
    assert.equal(VALID.slice(withBom!.sources[0]!.span.start, withBom!.sources[0]!.span.end), '"s"');
    assert.deepEqual(unreadable, [
      { path: missing, message: 'file not found' },
      { path: folder, message: 'is a folder, not a file' },
    ]);
  });

  test('a file with problems is loaded with its findings', () => {
    const broken = join(temp, 'broken.facts.json');
    writeFileSync(broken, '{"sources": {}, "facts": [}');
    const { files, unreadable } = loadFactFiles([broken]);
    assert.deepEqual(unreadable, []);
    assert.deepEqual(
      files[0]!.findings.map((f) => [f.code, f.span.start]),
      [['facts.invalid', 26]],
    );
  });
});
