// The documentation's relative links lead somewhere: every linked file exists, and every
// `#anchor` into a Markdown file names one of its headings (as GitHub makes anchors).
import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { dirname, join, normalize } from 'node:path';

function markdownFiles(): string[] {
  const docs = (dir: string): string[] =>
    readdirSync(dir, { withFileTypes: true }).flatMap((e) => (e.isDirectory() ? docs(join(dir, e.name)) : e.name.endsWith('.md') ? [join(dir, e.name)] : []));
  return ['README.md', 'ARCHITECTURE.md', ...docs('docs')];
}

/** GitHub's anchor for a heading: lower case, punctuation dropped, spaces as hyphens. */
function anchorOf(heading: string): string {
  return heading
    .trim()
    .toLowerCase()
    .replace(/[^\p{L}\p{N} _-]/gu, '')
    .replace(/ /g, '-');
}

function anchorsIn(path: string): Set<string> {
  const text = readFileSync(path, 'utf8').replace(/^(`{3,}).*\n[\s\S]*?^\1\s*$/gm, '');
  return new Set([...text.matchAll(/^#{1,6}\s+(.+)$/gm)].map((m) => anchorOf(m[1]!)));
}

/** Inline links `[text](target)` outside code blocks and code spans. */
function linksIn(text: string): string[] {
  const prose = text.replace(/^(`{3,}).*\n[\s\S]*?^\1\s*$/gm, '').replace(/`[^`\n]*`/g, '');
  return [...prose.matchAll(/\]\(([^)\s]+)\)/g)].map((m) => m[1]!);
}

describe('documentation links', () => {
  for (const file of markdownFiles()) {
    test(`${file}: relative links resolve`, () => {
      const broken: string[] = [];
      for (const link of linksIn(readFileSync(file, 'utf8'))) {
        if (/^[a-z]+:/i.test(link)) continue;
        const [target, anchor] = link.split('#') as [string, string | undefined];
        const path = target === '' ? file : normalize(join(dirname(file), target));
        if (!existsSync(path)) broken.push(`${link} (no ${path})`);
        else if (anchor !== undefined && path.endsWith('.md') && !anchorsIn(path).has(anchor)) broken.push(`${link} (no heading #${anchor})`);
      }
      assert.deepEqual(broken, []);
    });
  }
});
