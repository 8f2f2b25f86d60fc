/**
 * Entry point of the in-host suite, used two ways:
 * - by the test-harness extension (test/e2e/harness/extension.ts) under code-server,
 *   which calls `runSuite()` and hands the results to the outer runner;
 * - as `extensionTestsPath` for @vscode/test-electron, which calls `run()` and wants it
 *   to reject when a test failed.
 * The test files register their tests when imported, so importing them here is all the
 * wiring there is.
 */
import * as vscode from 'vscode';
import { appendEvent, writeResults, type SuiteResults } from './control';
import { runRegisteredTests } from './runner';
import './briefing.test';
import './trust.test';
import './capture.test';
import './bibliography.test';
import './problemLimit.test';

export const GREP_ENV = 'BRIEFING_E2E_GREP';

export async function runSuite(): Promise<SuiteResults> {
  const startedAt = new Date().toISOString();
  appendEvent({ event: 'start', vscodeVersion: vscode.version, at: startedAt });
  const tests = await runRegisteredTests({
    grep: process.env[GREP_ENV] || undefined,
    onResult: (result) => {
      console.log(`${{ passed: 'ok  ', failed: 'FAIL', skipped: 'SKIP' }[result.state]} ${result.title} (${result.durationMs} ms)`);
      if (result.error) console.log(`     ${result.error.replace(/\n/g, '\n     ')}`);
      appendEvent({ event: 'test', ...result });
    },
  });
  const results: SuiteResults = {
    vscodeVersion: vscode.version,
    startedAt,
    finishedAt: new Date().toISOString(),
    passed: tests.filter((t) => t.state === 'passed').length,
    failed: tests.filter((t) => t.state === 'failed').length,
    skipped: tests.filter((t) => t.state === 'skipped').length,
    tests,
  };
  console.log(
    `VS Code ${results.vscodeVersion}: ${results.passed} passed, ${results.failed} failed${results.skipped ? `, ${results.skipped} skipped` : ''}`,
  );
  writeResults(results);
  return results;
}

/** The @vscode/test-electron entry point. */
export async function run(): Promise<void> {
  const results = await runSuite();
  if (results.failed > 0) throw new Error(`${results.failed} of ${results.tests.length} end-to-end tests failed`);
  if (results.tests.length === 0) throw new Error('no end-to-end test ran (check BRIEFING_E2E_GREP)');
}
