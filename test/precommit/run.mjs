#!/usr/bin/env node
// The pre-commit hook (.pre-commit-hooks.yaml) run by the real pre-commit: `try-repo`
// installs this repository as a `language: node` hook (npm install, npm pack, npm install
// -g, as for any user) and runs it on a throwaway git repository. It must check the
// briefing, fail on its problem, leave other Markdown alone, and pass once it is fixed.
// Run by .ci/run (not by npm test: the first install takes about a minute). Skips, saying
// so, where pre-commit is not installed.
import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

const repo = resolve(dirname(fileURLToPath(import.meta.url)), '../..');
const version = spawnSync('pre-commit', ['--version'], { encoding: 'utf8' });
if (version.error || version.status !== 0) {
  console.log('pre-commit test SKIPPED: pre-commit is not installed (apt-get install pre-commit)');
  process.exit(0);
}
console.log(`pre-commit test with ${version.stdout.trim()}`);

const tmp = mkdtempSync(join(tmpdir(), 'briefing-pre-commit-'));
const work = join(tmp, 'work');
const env = { ...process.env, PRE_COMMIT_HOME: join(tmp, 'home'), npm_config_update_notifier: 'false' };
const git = (...args) =>
  spawnSync('git', ['-c', 'user.email=t@example.org', '-c', 'user.name=t', ...args], { cwd: work, encoding: 'utf8' });
const tryRepo = () =>
  spawnSync('pre-commit', ['try-repo', repo, 'briefing-check', '--all-files'], { cwd: work, env, encoding: 'utf8', timeout: 600_000 });

let failures = 0;
const check = (name, ok, detail) => {
  console.log(`${ok ? 'ok    ' : 'FAILED'} ${name}${ok ? '' : `\n${detail}`}`);
  if (!ok) failures++;
};
try {
  spawnSync('git', ['init', '-q', work]);
  writeFileSync(join(work, 'a.brief.md'), '# A\n\nSee the note.[^1]\n');
  writeFileSync(join(work, 'README.md'), '# Not a briefing\n\nSee.[^1]\n');
  git('add', '.');
  const broken = tryRepo();
  const out = broken.stdout + broken.stderr;
  check(
    'the hook fails on a briefing with a problem',
    broken.status === 1 && /a\.brief\.md\s+3:\d+\s+error\s+Note \[\^1\] has no definition/.test(out),
    out,
  );
  check('the hook leaves other Markdown alone', !/README\.md/.test(out.slice(out.indexOf('- hook id'))), out);
  writeFileSync(join(work, 'a.brief.md'), '# A\n\nSee the note.[^1]\n\n[^1]: A note.\n');
  git('add', '.');
  const fixed = tryRepo();
  check(
    'the hook passes once the briefing is fixed',
    fixed.status === 0 && /Briefing Check\.+Passed/.test(fixed.stdout),
    fixed.stdout + fixed.stderr,
  );
} finally {
  rmSync(tmp, { recursive: true, force: true });
}
process.exit(failures > 0 ? 1 : 0);
