/**
 * The test-harness extension: runs the end-to-end suite inside the extension host of
 * code-server, where the real Briefing Check extension runs next to it, and leaves the
 * results where test/e2e/run.mjs waits for them.
 *
 * It activates `onStartupFinished` so that it never changes when the extension under
 * test activates: that is one of the things the suite checks. It does nothing unless
 * the runner set BRIEFING_E2E_OUT, so it is inert anywhere else.
 */
import type * as vscode from 'vscode';
import { controlDir, resultsExist, writeResults } from '../suite/control';
import { runSuite } from '../suite/index';

export function activate(_context: vscode.ExtensionContext): void {
  // A reload of the page starts a new extension host: run once per test run only.
  if (!controlDir() || resultsExist()) return;
  // Not awaited: activation should return at once, the suite takes minutes.
  void runSuite().catch((error: unknown) => {
    // The runner only learns of a crash through the results file; without one it would
    // wait for its whole timeout and say nothing useful.
    const message = error instanceof Error ? (error.stack ?? error.message) : String(error);
    writeResults({
      vscodeVersion: 'unknown',
      startedAt: new Date().toISOString(),
      finishedAt: new Date().toISOString(),
      passed: 0,
      failed: 1,
      skipped: 0,
      tests: [{ title: 'the suite itself', state: 'failed', durationMs: 0, error: message }],
    });
  });
}

export function deactivate(): void {}
