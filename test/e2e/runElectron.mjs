#!/usr/bin/env node
// The same in-host suite (test/e2e/suite/) in VS Code desktop through
// @vscode/test-electron, against the oldest VS Code that `engines.vscode` allows
// (1.91.0) and the newest stable. test-electron downloads VS Code, so this needs a
// machine that reaches update.code.visualstudio.com; the offline machines of this
// project run test/e2e/run.mjs (code-server) instead.
//
//   node test/e2e/runElectron.mjs [version...]     (default: 1.91.0 stable)
//
// On Linux without a display it re-runs itself under `xvfb-run -a` when that exists
// (Debian package xvfb), since VS Code desktop needs an X server.
// Closes with `N passed, N failed` summed over the versions; exits 1 on any failure.
import { spawnSync } from 'node:child_process';
import { cpSync, existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const here = dirname(fileURLToPath(import.meta.url));
const repoRoot = join(here, '..', '..');
const require = createRequire(join(repoRoot, 'package.json'));
const versions = process.argv.slice(2).length ? process.argv.slice(2) : ['1.91.0', 'stable'];

if (process.platform === 'linux' && !process.env.DISPLAY && !process.env.BRIEFING_E2E_UNDER_XVFB) {
  const xvfb = spawnSync('sh', ['-c', 'command -v xvfb-run'], { encoding: 'utf8' }).stdout.trim();
  if (xvfb) {
    const result = spawnSync(xvfb, ['-a', process.execPath, fileURLToPath(import.meta.url), ...process.argv.slice(2)], {
      stdio: 'inherit',
      env: { ...process.env, BRIEFING_E2E_UNDER_XVFB: '1' },
    });
    process.exit(result.status ?? 1);
  }
  console.warn('[vscode] no DISPLAY and no xvfb-run: VS Code desktop will probably fail to start (apt-get install xvfb)');
}

function run(command, args) {
  const result = spawnSync(command, args, { cwd: repoRoot, stdio: 'inherit' });
  if (result.status !== 0) throw new Error(`${command} ${args.join(' ')} failed`);
}

/** The suite as one CommonJS module with `run()`, as test-electron wants it. */
async function bundleSuite() {
  const esbuild = require('esbuild');
  const outfile = join(repoRoot, 'out', 'e2e', 'suite.js');
  await esbuild.build({
    entryPoints: [join(here, 'suite', 'index.ts')],
    outfile,
    bundle: true,
    platform: 'node',
    format: 'cjs',
    target: 'node20',
    external: ['vscode'],
    sourcemap: 'inline',
    logLevel: 'warning',
  });
  return outfile;
}

async function main() {
  const { runTests } = require('@vscode/test-electron');
  // The extension loads from the repository (extensionDevelopmentPath), built first.
  run('npm', ['run', '--silent', 'build']);
  const extensionTestsPath = await bundleSuite();
  const totals = { passed: 0, failed: 0 };
  for (const version of versions) {
    // A fresh copy per version: the suite edits and creates files in its workspace.
    const tmp = mkdtempSync(join(tmpdir(), `briefing-vscode-${version}-`));
    const workspace = join(tmp, 'workspace');
    const control = join(tmp, 'control');
    cpSync(join(here, 'workspace'), workspace, { recursive: true });
    // The project's example, as run.mjs copies it: the suite opens it and takes its pictures of it.
    cpSync(join(repoRoot, 'examples'), workspace, { recursive: true });
    mkdirSync(control);
    console.log(`[vscode] VS Code ${version}`);
    try {
      await runTests({
        version,
        extensionDevelopmentPath: repoRoot,
        extensionTestsPath,
        // --disable-extensions: only the extension under test (and VS Code's built-in
        // ones) load, never whatever the machine has installed.
        launchArgs: [
          workspace,
          '--disable-extensions',
          '--disable-workspace-trust',
          '--skip-welcome',
          '--skip-release-notes',
          '--user-data-dir',
          join(tmp, 'user-data'),
        ],
        extensionTestsEnv: {
          BRIEFING_E2E_OUT: control,
          BRIEFING_E2E_NO_SCREENSHOTS: '1',
          ...(process.env.BRIEFING_E2E_GREP ? { BRIEFING_E2E_GREP: process.env.BRIEFING_E2E_GREP } : {}),
        },
      });
    } catch (error) {
      // test-electron throws when run() rejected, i.e. when a test failed; the counts
      // below come from the results file and say how many.
      console.error(`[vscode] ${version}: ${error.message ?? error}`);
    }
    const resultsFile = join(control, 'results.json');
    if (existsSync(resultsFile)) {
      const results = JSON.parse(readFileSync(resultsFile, 'utf8'));
      totals.passed += results.passed;
      totals.failed += results.failed;
      // The README pictures are skipped here (no browser takes them): say so, with the reason.
      for (const test of results.tests) if (test.state === 'skipped') console.log(`[vscode] skipped: ${test.title} (${test.error})`);
      console.log(
        `[vscode] ${version} (${results.vscodeVersion}): ${results.passed} passed, ${results.failed} failed, ${results.skipped ?? 0} skipped`,
      );
      rmSync(tmp, { recursive: true, force: true });
    } else {
      totals.failed += 1;
      console.error(`[vscode] ${version}: the suite wrote no results (VS Code did not start, or crashed); kept ${tmp}`);
    }
  }
  console.log(`${totals.passed} passed, ${totals.failed} failed`);
  return totals.failed === 0 ? 0 : 1;
}

main().then(
  (code) => process.exit(code),
  (error) => {
    console.error(`[vscode] ${error.message ?? error}`);
    console.log('0 passed, 1 failed');
    process.exit(1);
  },
);
