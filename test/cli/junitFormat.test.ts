import { spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';

const CLI = resolve('dist/cli.js');

interface Element {
  name: string;
  attributes: Record<string, string>;
  children: Element[];
  text: string;
}

const unescape = (s: string) =>
  s
    .replace(/&lt;/g, '<')
    .replace(/&gt;/g, '>')
    .replace(/&quot;/g, '"')
    .replace(/&apos;/g, "'")
    .replace(/&amp;/g, '&');

/** A strict little XML reader: throws on a tag that is not closed in order, or a bare `&` or `<`. */
function parseXml(text: string): Element {
  const body = text.replace(/^<\?xml version="1\.0" encoding="UTF-8"\?>\n/, '');
  const root: Element = { name: '#root', attributes: {}, children: [], text: '' };
  const stack = [root];
  const token = /<(\/?)([A-Za-z][\w-]*)((?:\s+[\w-]+="[^"<]*")*)\s*(\/?)>|([^<]+)/gy;
  let match: RegExpExecArray | null;
  let at = 0;
  while (at < body.length && (match = token.exec(body))) {
    at = token.lastIndex;
    const [, closing, name, attrs, selfClosing, text] = match;
    const top = stack[stack.length - 1]!;
    if (text !== undefined) {
      assert.doesNotMatch(text, /&(?!(lt|gt|quot|apos|amp);)/, 'bare & in text');
      top.text += unescape(text);
    } else if (closing) {
      assert.equal(top.name, name, `</${name}> closes <${top.name}>`);
      stack.pop();
    } else {
      const element: Element = { name: name!, attributes: {}, children: [], text: '' };
      for (const [, key, value] of attrs!.matchAll(/([\w-]+)="([^"]*)"/g)) {
        assert.doesNotMatch(value!, /&(?!(lt|gt|quot|apos|amp);)/, 'bare & in attribute');
        element.attributes[key!] = unescape(value!);
      }
      top.children.push(element);
      if (!selfClosing) stack.push(element);
    }
  }
  assert.equal(at, body.length, `unreadable XML at ${body.slice(at, at + 40)}`);
  assert.equal(stack.length, 1, 'unclosed elements');
  return root.children[0]!;
}

describe('--format junit', () => {
  it('writes well-formed JUnit XML: a suite per checked file, a failure per finding, clean files passing', () => {
    const dir = mkdtempSync(join(tmpdir(), 'briefing-junit-'));
    mkdirSync(join(dir, 'docs'));
    // Messages that quote `&` and `'`, which XML must escape.
    writeFileSync(
      join(dir, 'docs/a.brief.md'),
      '# A\n\nSee the note.[^x&y] And this.[^2]\n\nExports rose 12 per cent.\n\n[^2]: The ministry.\n',
    );
    writeFileSync(join(dir, 'docs/x.facts.json'), JSON.stringify({ sources: { known: { title: 'Known' } }, facts: [] }));
    writeFileSync(join(dir, 'docs/clean.brief.md'), '# Clean\n\nNothing to cite.\n');
    const run = (format: string) => spawnSync(process.execPath, [CLI, '--format', format, 'docs'], { cwd: dir, encoding: 'utf8' });
    const junit = run('junit');
    const json = JSON.parse(run('json').stdout) as {
      file: string;
      line: number;
      column: number;
      severity: string;
      code: string;
      message: string;
    }[];
    assert.equal(junit.status, 1);
    assert.ok(json.length >= 2);
    const root = parseXml(junit.stdout);
    assert.equal(root.name, 'testsuites');
    assert.equal(root.attributes.failures, String(json.length));
    assert.equal(root.attributes.tests, String(json.length + 2));
    assert.deepEqual(
      root.children.map((s) => [s.attributes.name, s.attributes.tests, s.attributes.failures]),
      [
        ['docs/a.brief.md', String(json.length), String(json.length)],
        ['docs/clean.brief.md', '1', '0'],
        ['docs/x.facts.json', '1', '0'],
      ],
    );
    assert.ok(json.some((r) => /&/.test(r.message)) && json.some((r) => /'/.test(r.message)), JSON.stringify(json));
    const failures = root.children[0]!.children.map((testcase) => testcase.children[0]!);
    assert.deepEqual(
      failures.map((f) => ({ type: f.attributes.type, message: f.attributes.message })),
      json.map((r) => ({ type: r.severity, message: r.message })),
    );
    assert.deepEqual(
      root.children[1]!.children.map((t) => t.children.length),
      [0],
    );
    assert.match(junit.stdout, /\[\^x&amp;y\]/);
  });
});
