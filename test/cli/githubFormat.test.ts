import { spawnSync } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { escapeData, escapeProperty, formatGithub } from '../../src/cli/format/github';

// The built CLI, as users run it (npm test builds dist/ first).
const CLI = resolve('dist/cli.js');

/**
 * GitHub's documented workflow-command grammar ("Workflow commands for GitHub Actions",
 * setting an error/warning/notice message): `::<command> <key>=<value>,...::<message>`,
 * with the properties file, line, col, endLine, endColumn and title. The escapes are the
 * runner's: %25 %0D %0A in the message, and also %3A %2C in property values.
 */
const COMMAND_LINE = /^::(error|warning|notice) ([^:]*)::(.*)$/;
const PROPERTIES = new Set(['file', 'line', 'col', 'endLine', 'endColumn', 'title']);

function unescape(s: string): string {
  return s.replace(/%0D/g, '\r').replace(/%0A/g, '\n').replace(/%3A/g, ':').replace(/%2C/g, ',').replace(/%25/g, '%');
}

function parseCommand(line: string): { command: string; properties: Record<string, string>; message: string } {
  const match = COMMAND_LINE.exec(line);
  assert.ok(match, `not a workflow command: ${line}`);
  const properties: Record<string, string> = {};
  for (const pair of match[2]!.split(',')) {
    const eq = pair.indexOf('=');
    const key = pair.slice(0, eq);
    assert.ok(PROPERTIES.has(key), `unknown property ${key} in ${line}`);
    // An unescaped separator inside a value would have split it: each value must be clean.
    assert.doesNotMatch(pair.slice(eq + 1), /[\r\n:,]/);
    properties[key] = unescape(pair.slice(eq + 1));
  }
  assert.doesNotMatch(match[3]!, /[\r\n]/);
  return { command: match[1]!, properties, message: unescape(match[3]!) };
}

describe('--format github', () => {
  it('escapes data and properties as the Actions toolkit does', () => {
    assert.equal(escapeData('50% up\r\nnext: a, b'), '50%25 up%0D%0Anext: a, b');
    assert.equal(escapeProperty('50% up\r\nnext: a, b'), '50%25 up%0D%0Anext%3A a%2C b');
    // % first, so an escape already in the text is not decoded by the runner.
    assert.equal(escapeData('%0A'), '%250A');
  });

  it('maps severities to error, warning and notice, with every position property', () => {
    const base = { file: 'docs\\a, b.brief.md', line: 3, column: 5, endLine: 3, endColumn: 9, code: 'stat.mismatch' };
    const out = formatGithub([
      { ...base, severity: 'error', message: 'Text says 64%; source says 46%' },
      { ...base, severity: 'warning', message: 'two\nlines' },
      { ...base, severity: 'info', message: 'x' },
    ]);
    const lines = out.split('\n');
    assert.equal(lines.pop(), '');
    assert.equal(
      lines[0],
      '::error file=docs/a%2C b.brief.md,line=3,col=5,endLine=3,endColumn=9,title=stat.mismatch::Text says 64%25; source says 46%25',
    );
    const parsed = lines.map(parseCommand);
    assert.deepEqual(
      parsed.map((p) => p.command),
      ['error', 'warning', 'notice'],
    );
    assert.equal(parsed[1]!.message, 'two\nlines');
    assert.equal(parsed[0]!.properties.file, 'docs/a, b.brief.md');
    assert.equal(formatGithub([]), '');
  });

  it('from the CLI, annotates exactly the findings --format json reports', () => {
    const dir = mkdtempSync(join(tmpdir(), 'briefing-github-'));
    writeFileSync(
      join(dir, 'a.brief.md'),
      ['# A', '', 'Exports rose 12 per cent.', '', 'See note.[^2]', '', '[^1]: Unused: a, b.', ''].join('\n'),
    );
    const run = (format: string) => spawnSync(process.execPath, [CLI, '--format', format, 'a.brief.md'], { cwd: dir, encoding: 'utf8' });
    const github = run('github');
    const json = run('json');
    assert.equal(github.stderr, '');
    assert.equal(github.status, json.status);
    const expected = JSON.parse(json.stdout) as {
      file: string;
      line: number;
      column: number;
      endLine: number;
      endColumn: number;
      severity: string;
      code: string;
      message: string;
    }[];
    assert.ok(expected.length >= 3, 'the briefing has findings of more than one kind');
    const annotations = github.stdout.trimEnd().split('\n').map(parseCommand);
    assert.deepEqual(
      annotations.map((a) => ({ ...a.properties, command: a.command, message: a.message })),
      expected.map((r) => ({
        file: r.file,
        line: String(r.line),
        col: String(r.column),
        endLine: String(r.endLine),
        endColumn: String(r.endColumn),
        title: r.code,
        command: r.severity === 'info' ? 'notice' : r.severity,
        message: r.message,
      })),
    );
  });
});
