/** The editor configurations the README shows are the ones that are tested. */
import { readFileSync } from 'node:fs';
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';

const README = readFileSync('README.md', 'utf8');

describe('README editor configurations', () => {
  it('shows docs/editors/neovim.lua (the file test/neovim drives Neovim with) verbatim', () => {
    const snippet = readFileSync('docs/editors/neovim.lua', 'utf8');
    assert.ok(README.includes('```lua\n' + snippet + '```\n'), 'README does not show docs/editors/neovim.lua as it is');
    assert.match(snippet, /pattern = \{ 'markdown', 'json' \}/);
  });

  it('names both filetypes, markdown and json, for every client', () => {
    const section = README.slice(README.indexOf('## Other editors'), README.indexOf('## Command line'));
    assert.match(section, /filetypes = \{ 'markdown', 'json' \}/); // Neovim 0.11+
    assert.match(section, /name = "markdown"[\s\S]*name = "json"/); // Helix
    assert.match(section, /\(markdown-mode gfm-mode json-mode json-ts-mode\)/); // eglot
    assert.match(section, /"Markdown": \{[\s\S]*"JSON": \{/); // Zed
  });
});
