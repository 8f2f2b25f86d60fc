/**
 * The composite GitHub Action (action.yml) run here by scripts/run-action.mjs, which does
 * what a runner does with its steps. It installs briefing-check from a freshly packed
 * tarball into a temporary global prefix (offline: the package has no dependencies),
 * writes SARIF, prints annotations and fails the job on problems; the SARIF upload
 * (a `uses:` step) is shown with the file it would upload.
 */
import { spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { delimiter, join, resolve } from 'node:path';
import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { parse } from 'yaml';

const REPO = resolve('.');
const NPM = process.platform === 'win32' ? 'npm.cmd' : 'npm';

describe('GitHub Action (action.yml)', () => {
  const tmp = mkdtempSync(join(tmpdir(), 'briefing-action-test-'));
  const prefix = join(tmp, 'prefix');
  let tarball: string;
  before(() => {
    const packed = spawnSync(NPM, ['pack', '--ignore-scripts', '--json', '--pack-destination', tmp], { cwd: REPO, encoding: 'utf8' });
    assert.equal(packed.status, 0, packed.stderr);
    tarball = join(tmp, (JSON.parse(packed.stdout) as { filename: string }[])[0]!.filename);
  });
  after(() => rmSync(tmp, { recursive: true, force: true }));

  function runAction(workspace: string, inputs: Record<string, string>) {
    const args = Object.entries({ package: tarball, ...inputs }).flatMap(([k, v]) => ['--input', `${k}=${v}`]);
    const result = spawnSync(process.execPath, [join(REPO, 'scripts/run-action.mjs'), ...args], {
      cwd: workspace,
      encoding: 'utf8',
      timeout: 120_000,
      env: {
        ...process.env,
        // `npm install --global` into the temporary prefix, not the machine's.
        npm_config_prefix: prefix,
        npm_config_cache: join(tmp, 'cache'),
        npm_config_offline: 'true',
        npm_config_update_notifier: 'false',
        PATH: `${join(prefix, 'bin')}${delimiter}${process.env.PATH}`,
      },
    });
    return { code: result.status, out: result.stdout, err: result.stderr };
  }

  it('is a composite action whose inputs all have defaults', () => {
    const action = parse(readFileSync(join(REPO, 'action.yml'), 'utf8')) as {
      runs: { using: string; steps: { uses?: string }[] };
      inputs: Record<string, { default?: string }>;
    };
    assert.equal(action.runs.using, 'composite');
    assert.ok(Object.values(action.inputs).every((input) => input.default !== undefined));
    assert.ok(action.runs.steps.some((step) => step.uses?.startsWith('github/codeql-action/upload-sarif@')));
  });

  it('on a briefing with problems: SARIF written, annotations printed, upload prepared, job failed', () => {
    const ws = mkdtempSync(join(tmp, 'ws-'));
    mkdirSync(join(ws, 'docs'));
    writeFileSync(join(ws, 'docs/a.brief.md'), '# A\n\nSee the note.[^1]\n');
    const { code, out, err } = runAction(ws, { files: 'docs', 'sarif-file': 'check.sarif' });
    assert.equal(code, 1, out + err);
    assert.match(
      out,
      /^::error file=docs\/a\.brief\.md,line=3,col=\d+,endLine=3,endColumn=\d+,title=note\.undefined::Note \[\^1\] has no definition/m,
    );
    const sarif = JSON.parse(readFileSync(join(ws, 'check.sarif'), 'utf8')) as { runs: { results: { ruleId: string }[] }[] };
    assert.deepEqual(
      sarif.runs[0]!.results.map((r) => r.ruleId),
      ['note.undefined'],
    );
    assert.match(out, /uses github\/codeql-action\/upload-sarif@\S+ with sarif_file=check\.sarif, category=briefing-check/);
    assert.match(out, /action failed; outputs: exit-code=1, sarif-file=check\.sarif/);
  });

  it('on a clean briefing: the job succeeds', () => {
    const ws = mkdtempSync(join(tmp, 'ws-'));
    writeFileSync(join(ws, 'ok.brief.md'), '# Fine\n\nNothing to cite here.\n');
    const { code, out, err } = runAction(ws, { files: '**/*.brief.md', 'upload-sarif': 'false' });
    assert.equal(code, 0, out + err);
    assert.doesNotMatch(out, /^::(error|warning|notice) /m);
    assert.match(out, /Upload SARIF to code scanning: skipped/);
    assert.match(out, /Fail on problems: skipped/);
    assert.match(out, /action succeeded; outputs: exit-code=0/);
  });
});
