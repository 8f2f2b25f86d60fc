/**
 * The `$briefing-check` problem matcher (package.json contributes.problemMatchers) read
 * the way VS Code reads a multi-line matcher: a line matching the first pattern sets the
 * file, then every following line matching the looping pattern is one problem, until a
 * line does not match. Applied to the CLI's real stylish output, it must find exactly
 * the findings `--format json` reports.
 */
import { spawnSync } from 'node:child_process';
import { mkdtempSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { formatStylish } from '../../src/cli/format/stylish';

interface Pattern {
  regexp: string;
  file?: number;
  line?: number;
  column?: number;
  severity?: number;
  message?: number;
  code?: number;
  loop?: boolean;
}
interface Matcher {
  name: string;
  owner: string;
  fileLocation: string[];
  pattern: Pattern[];
}
interface Problem {
  file: string;
  line: number;
  column: number;
  severity: string;
  message: string;
  code: string;
}

const manifest = JSON.parse(readFileSync('package.json', 'utf8')) as { contributes: { problemMatchers: Matcher[] } };
const matcher = manifest.contributes.problemMatchers.find((m) => m.name === 'briefing-check')!;
// VS Code strips ANSI escapes from task output before matching (a terminal shows colours).
const ANSI = /\x1b\[[0-9;]*m/g;

function applyMatcher(output: string): Problem[] {
  const [filePattern, problemPattern] = matcher.pattern.map((p) => ({ ...p, re: new RegExp(p.regexp) }));
  const problems: Problem[] = [];
  let file: string | undefined;
  for (const raw of output.split(/\r?\n/)) {
    const line = raw.replace(ANSI, '');
    const problem = file !== undefined ? problemPattern!.re.exec(line) : null;
    if (problem) {
      problems.push({
        file,
        line: Number(problem[problemPattern!.line!]),
        column: Number(problem[problemPattern!.column!]),
        severity: problem[problemPattern!.severity!]!,
        message: problem[problemPattern!.message!]!,
        code: problem[problemPattern!.code!]!,
      } as Problem);
      continue;
    }
    const start = filePattern!.re.exec(line);
    file = start ? start[filePattern!.file!] : undefined;
  }
  return problems;
}

describe('$briefing-check problem matcher', () => {
  const dir = mkdtempSync(join(tmpdir(), 'briefing-matcher-'));
  mkdirSync(join(dir, 'docs'));
  // Two files, every severity, a message with a colon, a comma and two spaces in a row.
  writeFileSync(
    join(dir, 'docs/a.brief.md'),
    ['# A', '', 'Exports rose 12 per cent.', '', 'See note.[^2]', '', '[^1]: Unused: a, b.', ''].join('\n'),
  );
  writeFileSync(
    join(dir, 'docs/b b.brief.md'),
    ['# B', '', 'Imports fell 3 per cent in  May.[^1] Exports, too.[^2]', '', '[^1]: The ministry: a report.', '[^2]: @nowhere.', ''].join(
      '\n',
    ),
  );
  writeFileSync(join(dir, 'docs/x.facts.json'), JSON.stringify({ sources: { known: { title: 'Known' } }, facts: [] }));
  const cli = (format: string) =>
    spawnSync(process.execPath, [resolve('dist/cli.js'), '--format', format, 'docs'], { cwd: dir, encoding: 'utf8' });
  const expected = (JSON.parse(cli('json').stdout) as Problem[]).map(({ file, line, column, severity, message, code }) => ({
    file,
    line,
    column,
    severity,
    message,
    code,
  }));

  it('is declared as a VS Code multi-line matcher with a looping problem pattern', () => {
    assert.equal(matcher.owner, 'briefing-check');
    assert.equal(matcher.pattern.length, 2);
    assert.equal(matcher.pattern[1]!.loop, true);
  });

  it('finds every finding of the stylish output, with file, position, severity, message and code', () => {
    assert.ok(
      expected.length >= 5 && new Set(expected.map((p) => p.file)).size === 2 && new Set(expected.map((p) => p.severity)).size === 3,
    );
    assert.deepEqual(applyMatcher(cli('stylish').stdout), expected);
  });

  it('reads the coloured output of a terminal the same', () => {
    const coloured = formatStylish(
      expected.map((p) => ({ ...p, endLine: p.line, endColumn: p.column, severity: p.severity as 'error' })),
      true,
    );
    assert.match(coloured, ANSI);
    assert.deepEqual(applyMatcher(coloured), expected);
  });

  it('takes no summary or blank line for a file', () => {
    assert.deepEqual(applyMatcher('a.brief.md\n  1:1       error    x  note.gap\n\n✖ 1 problem (1 error, 0 warnings)\n'), [
      { file: 'a.brief.md', line: 1, column: 1, severity: 'error', message: 'x', code: 'note.gap' },
    ]);
  });
});
