/** Hover Markdown that reads the same whether a client renders it or shows it as typed. */
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { escapeMarkdown, inlineCode } from '../../src/server/features/markdownText';

describe('hover Markdown', () => {
  it('leaves text alone that Markdown would show as written anyway', () => {
    for (const text of [
      'Note [^coal]: see table 4.',
      'Trade fell 51.6 percent (table {4}) | exports',
      'snake_case and 5 * 3',
      'C:\\data\\file',
      'Q1 > Q2 < Q3 and AT&T',
      '-5 percent, #1 exporter',
    ]) {
      assert.equal(escapeMarkdown(text), text);
    }
  });

  it('escapes what would become markup', () => {
    assert.equal(escapeMarkdown('*strong* claim'), '\\*strong\\* claim');
    assert.equal(escapeMarkdown('_a_ b'), '\\_a\\_ b');
    assert.equal(escapeMarkdown('see [KOTRA](https://x.org)'), 'see [KOTRA\\](https://x.org)');
    assert.equal(escapeMarkdown('a <b>bold</b> tag'), 'a \\<b>bold\\</b> tag');
    assert.equal(escapeMarkdown('use `code`'), 'use \\`code\\`');
    assert.equal(escapeMarkdown('an &amp; entity'), 'an \\&amp; entity');
    assert.equal(escapeMarkdown('\\*'), '\\\\*');
    assert.equal(escapeMarkdown('# Title\n> quoted\n- item\n12. item\n---'), '\\# Title\n\\> quoted\n\\- item\n12\\. item\n\\---');
  });

  it('shows a label as inline code, whatever backticks it holds', () => {
    assert.equal(inlineCode('[^coal]'), '`[^coal]`');
    assert.equal(inlineCode('a`b'), '``a`b``');
    assert.equal(inlineCode('`x'), '`` `x ``');
  });
});
