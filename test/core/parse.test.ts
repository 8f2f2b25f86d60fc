// parseMarkdown runs remark-gfm's literal-autolink transform only on the nodes whose text
// could hold a literal URL or e-mail address (src/core/markdown/parse.ts). The tree must
// be exactly the one remark-parse + remark-gfm (+ remark-frontmatter) make.
import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import remarkFrontmatter from 'remark-frontmatter';
import remarkGfm from 'remark-gfm';
import remarkParse from 'remark-parse';
import { unified } from 'unified';
import { parseMarkdown } from '../../src/core/markdown/parse';
import { edit, ENDNOTES, FOOTNOTES, NOTES_LIST, random, WEB } from './briefingFixtures';

const plain = unified().use(remarkParse).use(remarkGfm).use(remarkFrontmatter, ['yaml']).freeze();
const plainWithoutFrontMatter = unified().use(remarkParse).use(remarkGfm).freeze();

const CASES = [
  'See https://example.org/customs/2017q1, www.example.org/a_(b) and http://x.org.',
  'Write to trade.desk@example.org or mailto:desk+news@example.co.uk, or xmpp:desk@example.org/home.',
  'Not links: @customs-2017, a@b, user@localhost, ftp://example.org, wwwexample.org, www.',
  '[the bulletin](https://example.org/b) and [www.example.org](https://example.org) and <https://example.org/c>.',
  '<www.example.org> and ](www.example.org) and (https://example.org/d).',
  '# Heading with www.example.org\n\n> Quote citing https://example.org/q\n\n- item with a@example.org\n',
  '| Country | Source |\n| --- | --- |\n| China | https://example.org/t |\n| Korea | *see www.example.org* |\n',
  'Growth was 37.4 per cent.[^1]\n\n[^1]: @customs, https://example.org/customs, table 4.\n',
  '*emphasis with https://example.org/e* and **strong www.example.org** and ~~gone a@example.org~~\n',
  'See https://example.org/p and *also www.example.org/q and **desk@example.org***, then http://x.org/r.\n',
  '[ref link www.example.org][r]\n\n[r]: https://example.org/r\n',
  '<div>\nhttps://example.org/html\n</div>\n\nText after HTML https://example.org/after\n',
  '`code https://example.org/code` and\n\n    indented https://example.org/indented\n',
  'HTTPS://EXAMPLE.ORG/UPPER and WWW.EXAMPLE.ORG and Desk@Example.Org.\n',
];

describe('parseMarkdown', () => {
  test('gives the tree remark-parse + remark-gfm give, literal autolinks included', () => {
    for (const text of [...CASES, FOOTNOTES, ENDNOTES, WEB, NOTES_LIST]) {
      assert.deepStrictEqual(parseMarkdown(text), plain.parse(text), text.slice(0, 60));
      assert.deepStrictEqual(parseMarkdown(text, false), plainWithoutFrontMatter.parse(text), text.slice(0, 60));
    }
  });

  test('the same on randomly edited briefings', () => {
    const r = random(7);
    let text = WEB + '\n' + CASES.join('\n\n');
    for (let i = 0; i < 200; i++) {
      text = edit(text, r);
      assert.deepStrictEqual(parseMarkdown(text), plain.parse(text));
    }
  });

  test('the transform still runs: literal URLs and addresses become links, pandoc keys do not', () => {
    const links: string[] = [];
    const walk = (node: { type: string; url?: string; children?: unknown[] }) => {
      if (node.type === 'link') links.push(node.url!);
      for (const child of (node.children ?? []) as (typeof node)[]) walk(child);
    };
    walk(parseMarkdown(CASES[0]! + '\n\n' + CASES[1]! + '\n\n' + CASES[2]!));
    for (const url of [
      'https://example.org/customs/2017q1',
      'http://www.example.org/a_(b)',
      'mailto:trade.desk@example.org',
      'mailto:desk+news@example.co.uk',
    ]) {
      assert.ok(links.includes(url), url);
    }
    assert.ok(!links.some((l) => l.includes('customs-2017')));
  });
});
