import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import Ajv from 'ajv-draft-04';
import addFormats from 'ajv-formats';
import { RULE_CODES, ruleDocUrl } from '../../src/core/codes';
// @ts-expect-error: a JavaScript module without types
import { briefing, factFile } from '../../bench/generate.mjs';

// The built CLI, exactly as users run it (npm test builds dist/ first).
const CLI = resolve('dist/cli.js');
const REPO = resolve('.');

function run(args: string[], cwd: string) {
  const result = spawnSync(process.execPath, [CLI, ...args], { cwd, encoding: 'utf8' });
  return { code: result.status, stdout: result.stdout, stderr: result.stderr };
}

function workspace(files: Record<string, string>): string {
  const dir = mkdtempSync(join(tmpdir(), 'briefing-cli-'));
  for (const [name, text] of Object.entries(files)) {
    mkdirSync(join(dir, name, '..'), { recursive: true });
    writeFileSync(join(dir, name), text);
  }
  return dir;
}

const FACTS = JSON.stringify(
  {
    sources: {
      'cn-customs-2017q1': { title: 'China trade statistics, first quarter 2017', url: 'https://example.org/customs/2017q1' },
    },
    facts: [
      {
        id: 'trade-growth',
        statement: "China's trade with North Korea, growth in Q1 2017 year on year",
        value: 37.4,
        unit: 'percent',
        source: 'cn-customs-2017q1',
        quote: 'Trade with the DPRK rose 37.4 percent in the first quarter.',
        keywords: ['trade', 'quarter'],
      },
    ],
  },
  null,
  2,
);

const BRIEF = [
  '# Trade',
  '',
  'Trade with the North grew 73.4 per cent in the first quarter.[^1]',
  '',
  'Exports rose 12 per cent.',
  '',
  '[^1]: @cn-customs-2017q1, table 4.',
  '',
].join('\n');

interface JsonReport {
  file: string;
  line: number;
  column: number;
  endLine: number;
  endColumn: number;
  severity: string;
  code: string;
  message: string;
  factId?: string;
}

describe('briefing-check CLI', () => {
  it('reports findings as the documented JSON (docs/cli.md) with 1-based lines and columns, sorted, and exits 1', () => {
    const dir = workspace({ 'docs/trade.brief.md': BRIEF, 'docs/trade.facts.json': FACTS });
    const { code, stdout, stderr } = run(['--format', 'json', 'docs/trade.brief.md'], dir);
    assert.equal(stderr, '');
    assert.equal(code, 1);
    const reports = JSON.parse(stdout) as JsonReport[];
    assert.deepEqual(reports, [
      {
        file: 'docs/trade.brief.md',
        line: 3,
        column: 27,
        endLine: 3,
        endColumn: 40,
        severity: 'error',
        code: 'stat.mismatch',
        message:
          "Text says 73.4 per cent; cn-customs-2017q1 says 37.4 percent — China's trade with North Korea, growth in Q1 2017 year on year.",
        factId: 'trade-growth',
      },
      {
        file: 'docs/trade.brief.md',
        line: 5,
        column: 14,
        endLine: 5,
        endColumn: 25,
        severity: 'warning',
        code: 'stat.uncited',
        message: reports[1]!.message,
      },
    ]);
    assert.match(reports[1]!.message, /12 per cent/);
  });

  it('exits 0 with no output on a clean briefing', () => {
    const dir = workspace({
      'a.brief.md': 'Trade grew 37.4 per cent in the first quarter.[^1]\n\n[^1]: @cn-customs-2017q1.\n',
      'a.facts.json': FACTS,
    });
    const { code, stdout } = run(['a.brief.md'], dir);
    assert.equal(code, 0);
    assert.equal(stdout, '');
  });

  it('applies --max-warnings and --quiet', () => {
    const dir = workspace({ 'w.brief.md': 'Exports rose 12 per cent.\n' });
    assert.equal(run(['w.brief.md'], dir).code, 0);
    assert.equal(run(['--max-warnings', '0', 'w.brief.md'], dir).code, 1);
    assert.equal(run(['--max-warnings', '1', 'w.brief.md'], dir).code, 0);
    const quiet = run(['--quiet', '--format', 'json', 'w.brief.md'], dir);
    assert.deepEqual(JSON.parse(quiet.stdout), []);
  });

  it('counts columns in UTF-16 code units', () => {
    const dir = workspace({ 'u.brief.md': '😀 Exports rose 12 per cent.\n' });
    const [report] = JSON.parse(run(['--format', 'json', 'u.brief.md'], dir).stdout) as JsonReport[];
    // The emoji is two UTF-16 code units: "12" starts at code unit 17, column 17.
    assert.equal(report!.column, 17);
    assert.equal(report!.endColumn, 28);
  });

  it('gives one line and exit 2 for an unreadable file or bad usage, never a stack trace', () => {
    const dir = workspace({ 'a.brief.md': 'Text.\n' });
    for (const args of [
      ['missing.brief.md'],
      ['--format', 'xml', 'a.brief.md'],
      ['--bogus', 'a.brief.md'],
      [],
      ['--max-warnings', 'many', 'a.brief.md'],
      ['--facts', 'nope.facts.json', 'a.brief.md'],
    ]) {
      const { code, stderr, stdout } = run(args, dir);
      assert.equal(code, 2, `exit status for ${args.join(' ')}`);
      assert.equal(stdout, '');
      assert.equal(stderr.trim().split('\n').length, 1, `one line for ${args.join(' ')}: ${stderr}`);
      assert.match(stderr, /^briefing-check: /);
      assert.doesNotMatch(stderr, /\n\s+at /);
    }
  });

  it('reports a broken fact file at the offending line and exits 2', () => {
    const broken = '{\n  "sources": {},\n  "facts": [\n    { "id": "x" ,, }\n  ]\n}\n';
    const dir = workspace({ 'a.brief.md': 'Text.\n', 'a.facts.json': broken });
    const { code, stdout, stderr } = run(['--format', 'json', 'a.brief.md'], dir);
    assert.equal(code, 2);
    assert.match(stderr, /a\.facts\.json/);
    const reports = JSON.parse(stdout) as JsonReport[];
    const invalid = reports.find((r) => r.code === 'facts.invalid');
    assert.equal(invalid?.file, 'a.facts.json');
    assert.equal(invalid.line, 4);
    // The briefing says so too, at its first line (it has no front matter).
    const told = reports.find((r) => r.code === 'facts.broken');
    assert.equal(told?.file, 'a.brief.md');
    assert.equal(told.line, 1);
    assert.match(told.message, /a\.facts\.json has 1 problem .*not valid JSON/);
  });

  it('reports a front-matter fact file that does not exist on its line, and still checks against the others', () => {
    const facts = JSON.stringify({
      sources: { s: { title: 'S' } },
      facts: [
        { id: 'f', statement: 'Share of exports to China in 2016', value: 46, unit: 'percent', source: 's', quote: 'Coal was 46 percent.' },
      ],
    });
    const brief =
      '---\nfacts:\n  - a.facts.json\n  - typo.facts.json\n---\n\nCoal made up 46 per cent of exports to China in 2016.[^1]\n\n[^1]: @s.\n';
    const dir = workspace({ 'a.brief.md': brief, 'a.facts.json': facts });
    const { code, stdout } = run(['--format', 'json', 'a.brief.md'], dir);
    assert.equal(code, 1);
    const reports = JSON.parse(stdout) as JsonReport[];
    assert.deepEqual(
      reports.map((r) => [r.code, r.line, r.column]),
      [['facts.missing', 4, 5]],
    );
    assert.match(reports[0]!.message, /typo\.facts\.json does not exist/);
  });

  it('reports schema problems in the fact file and exits 1', () => {
    const invalid = JSON.stringify(
      { sources: { s: { title: 'S' } }, facts: [{ id: 'f', statement: 'x', value: '3', unit: 'percent', source: 's', quote: 'q' }] },
      null,
      2,
    );
    const dir = workspace({ 'a.brief.md': 'Text.\n', 'a.facts.json': invalid });
    const { code, stdout } = run(['--format', 'json', 'a.brief.md'], dir);
    assert.equal(code, 1);
    const reports = JSON.parse(stdout) as JsonReport[];
    const finding = reports.find((r) => r.code === 'facts.invalid');
    assert.ok(finding);
    assert.equal(finding.file, 'a.facts.json');
    assert.equal(finding.line, invalid.split('\n').findIndex((l) => l.includes('"value"')) + 1);
  });

  it('writes SARIF 2.1.0 that validates against the schema', () => {
    const dir = workspace({ 'docs/trade.brief.md': BRIEF, 'docs/trade.facts.json': FACTS });
    const { stdout } = run(['--format', 'sarif', 'docs/trade.brief.md'], dir);
    const log = JSON.parse(stdout) as {
      runs: { results: { ruleId: string; level: string; locations: { physicalLocation: { region: unknown } }[] }[] }[];
    };
    const ajv = new Ajv({ allErrors: true, strict: false, unicodeRegExp: false });
    addFormats(ajv);
    const schema = JSON.parse(readFileSync('test/fixtures/sarif-2.1.0-rtm.5.json', 'utf8'));
    const validate = ajv.compile(schema);
    assert.ok(validate(log), JSON.stringify(validate.errors, null, 2));
    const results = log.runs[0]?.results ?? [];
    assert.equal(results.length, 2);
    assert.equal(results[0]?.ruleId, 'stat.mismatch');
    assert.deepEqual(results[0]?.locations[0]?.physicalLocation.region, { startLine: 3, startColumn: 27, endLine: 3, endColumn: 40 });
    assert.equal(results[1]?.level, 'warning');
  });

  it('links each SARIF rule to its page in docs/rules (helpUri)', () => {
    const dir = workspace({ 'docs/trade.brief.md': BRIEF, 'docs/trade.facts.json': FACTS });
    const log = JSON.parse(run(['--format', 'sarif', 'docs/trade.brief.md'], dir).stdout) as {
      runs: { tool: { driver: { rules: { id: string; helpUri: string }[] } } }[];
    };
    const rules = log.runs[0]?.tool.driver.rules ?? [];
    assert.deepEqual(
      rules.map((r) => r.id),
      RULE_CODES,
    );
    for (const rule of rules) {
      assert.match(rule.helpUri, new RegExp(`^https://\\S+/docs/rules/${rule.id.replace('.', '\\.')}\\.md$`), rule.id);
      assert.ok(existsSync(join(REPO, 'docs/rules', `${rule.id}.md`)), `docs/rules/${rule.id}.md is missing`);
    }
  });

  it('--verbose ends stylish output with the page of each code reported, once', () => {
    const dir = workspace({ 'docs/trade.brief.md': BRIEF, 'docs/trade.facts.json': FACTS });
    const plain = run(['docs/trade.brief.md'], dir).stdout;
    assert.doesNotMatch(plain, /docs\/rules/);
    const { code, stdout } = run(['--verbose', 'docs/trade.brief.md'], dir);
    assert.equal(code, 1);
    const links = stdout.split('\n').filter((l) => l.includes('/docs/rules/'));
    assert.deepEqual(
      links.map((l) => l.trim().split(/\s+/)),
      [
        ['stat.mismatch', ruleDocUrl('stat.mismatch')],
        ['stat.uncited', ruleDocUrl('stat.uncited')],
      ],
    );
  });

  it('expands directories to briefings only, but checks a file named explicitly', () => {
    const dir = workspace({ 'docs/a.brief.md': 'Exports rose 12 per cent.\n', 'docs/README.md': 'Exports rose 12 per cent.\n' });
    const viaDir = JSON.parse(run(['--format', 'json', 'docs'], dir).stdout) as JsonReport[];
    assert.deepEqual(
      viaDir.map((r) => r.file),
      ['docs/a.brief.md'],
    );
    const explicit = JSON.parse(run(['--format', 'json', 'docs/README.md'], dir).stdout) as JsonReport[];
    assert.deepEqual(
      explicit.map((r) => r.file),
      ['docs/README.md'],
    );
    const viaGlob = JSON.parse(run(['--format', 'json', 'docs/*.md'], dir).stdout) as JsonReport[];
    assert.deepEqual(
      viaGlob.map((r) => r.file),
      ['docs/a.brief.md'],
    );
  });

  it('--fix converts [n] endnotes and renumbers them in place, keeping every note text', () => {
    const draft = [
      'Coal exports fell to zero.[2] Trade rose.[1]',
      '',
      '## Notes',
      '',
      '1. Customs data, table 4.',
      '2. UN trade data, April.',
      '',
    ].join('\n');
    const dir = workspace({ 'd.brief.md': draft });
    const { code } = run(['--fix', 'd.brief.md'], dir);
    const fixed = readFileSync(join(dir, 'd.brief.md'), 'utf8');
    assert.equal(
      fixed,
      [
        'Coal exports fell to zero.[^1] Trade rose.[^2]',
        '',
        '## Notes',
        '',
        '[^1]: UN trade data, April.',
        '[^2]: Customs data, table 4.',
        '',
      ].join('\n'),
    );
    assert.equal(code, 0);
    const after = JSON.parse(run(['--format', 'json', 'd.brief.md'], dir).stdout) as JsonReport[];
    assert.deepEqual(
      after.filter((r) => r.code === 'note.order' || r.code === 'note.gap'),
      [],
    );
  });

  it('reports stat.arithmetic without any fact file, as a warning on the stated figure', () => {
    const text = [
      '# Trade',
      '',
      'Exports rose from $2.1 billion to $3.4 billion, a 35% rise.[^1]',
      '9 of 12 regions (75%) agreed.[^1]',
      '',
      '[^1]: Customs bulletin.',
      '',
    ].join('\n');
    const dir = workspace({ 'trade.brief.md': text });
    const { code, stdout } = run(['--format', 'json', 'trade.brief.md'], dir);
    const reports = (JSON.parse(stdout) as JsonReport[]).filter((r) => r.code !== 'note.noSource');
    assert.deepEqual(reports, [
      {
        file: 'trade.brief.md',
        line: 3,
        column: 51,
        endLine: 3,
        endColumn: 54,
        severity: 'warning',
        code: 'stat.arithmetic',
        message: 'From $2.1 billion to $3.4 billion is a 62% rise, not 35%.',
      },
    ]);
    assert.equal(code, 0);
  });

  it('shows every diagnostic code on the example draft, and nothing on the fixed example', () => {
    const { stdout } = run(['--format', 'json', 'examples/'], REPO);
    const reports = JSON.parse(stdout) as JsonReport[];
    assert.deepEqual(
      reports.filter((r) => r.file === 'examples/north-korea.brief.md'),
      [],
    );
    // The briefing whose sources are a .bib and whose facts are a CSV is clean too.
    assert.deepEqual(
      reports.filter((r) => r.file.startsWith('examples/fisheries/')),
      [],
    );
    const codes = new Set(reports.map((r) => r.code));
    // fact.stale runs only with --stale-after (briefing.staleAfter); the draft shows it then.
    assert.deepEqual(
      [...RULE_CODES].filter((c) => !codes.has(c)),
      ['fact.stale'],
    );
    const stale = JSON.parse(
      run(['--format', 'json', '--stale-after', '5y', 'examples/north-korea-draft.brief.md'], REPO).stdout,
    ) as JsonReport[];
    assert.ok(stale.some((r) => r.code === 'fact.stale' && r.severity === 'info'));
  });

  it('rejects a --stale-after that is not an age', () => {
    const { code, stderr } = run(['--stale-after', '2 weeks', 'examples/'], REPO);
    assert.equal(code, 2);
    assert.match(stderr, /--stale-after takes a number of years, months or days such as 2y, 18m or 90d, not "2 weeks"/);
  });

  it('checks a long briefing with worker threads exactly as without them', () => {
    const facts = factFile(2_000);
    const dir = workspace({ 'long.brief.md': briefing(300_000, 500, facts), 'long.facts.json': facts });
    const alone = run(['--format', 'json', '--concurrency', '1', 'long.brief.md'], dir);
    const threaded = run(['--format', 'json', '--concurrency', '3', 'long.brief.md'], dir);
    assert.equal(alone.code, 1, alone.stderr);
    assert.ok(JSON.parse(alone.stdout).length > 100);
    assert.equal(threaded.stderr, '');
    assert.equal(threaded.code, alone.code);
    assert.equal(threaded.stdout, alone.stdout);
    assert.match(run(['--concurrency', '0', 'long.brief.md'], dir).stderr, /--concurrency takes auto, off or a whole number/);
  });
});
