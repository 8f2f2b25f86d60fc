// The documentation's relative links lead somewhere: every linked file exists, and every
// `#anchor` into a Markdown file names one of its headings (as GitHub makes anchors). The
// same holds for the docs pages that code comments under src/ point to.
import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { dirname, join, normalize } from 'node:path';

function sourceFiles(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((e) =>
    e.isDirectory() ? sourceFiles(join(dir, e.name)) : e.name.endsWith('.ts') ? [join(dir, e.name)] : [],
  );
}

/** Whether `path#anchor` (relative to the repository) is a file with that heading. */
function brokenTarget(path: string, anchor: string | undefined): string | undefined {
  if (!existsSync(path)) return `no ${path}`;
  if (anchor !== undefined && path.endsWith('.md') && !anchorsIn(path).has(anchor)) return `no heading #${anchor}`;
  return undefined;
}

function markdownFiles(): string[] {
  const docs = (dir: string): string[] =>
    readdirSync(dir, { withFileTypes: true }).flatMap((e) =>
      e.isDirectory() ? docs(join(dir, e.name)) : e.name.endsWith('.md') ? [join(dir, e.name)] : [],
    );
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
        const why = brokenTarget(path, anchor);
        if (why) broken.push(`${link} (${why})`);
      }
      assert.deepEqual(broken, []);
    });
  }

  test('the docs pages that comments in src/ point to exist, with their headings', () => {
    const broken: string[] = [];
    for (const file of sourceFiles('src')) {
      for (const m of readFileSync(file, 'utf8').matchAll(/\b((?:docs\/[\w./-]+|ARCHITECTURE)\.md)(?:#([\w-]+))?/g)) {
        const why = brokenTarget(m[1]!, m[2]);
        if (why) broken.push(`${file}: ${m[0]} (${why})`);
      }
    }
    assert.deepEqual(broken, []);
  });
});
