/**
 * A minimal mocha-like runner for tests inside the VS Code extension host.
 *
 * Why not mocha: the suite is bundled into the test-harness extension and into the
 * `extensionTestsPath` module for @vscode/test-electron, and mocha is not a dependency
 * of this project. The subset needed here is small: `describe` / `it` with async bodies,
 * `before` / `after` hooks per `describe`, and a per-test timeout, since a feature that
 * never answers must fail its test rather than hang the whole run.
 */

export type TestFn = () => unknown | Promise<unknown>;

export interface TestResult {
  /** The describe titles and the test title, joined with ' › '. */
  title: string;
  state: 'passed' | 'failed' | 'skipped';
  durationMs: number;
  /** Why it failed, or why it was skipped. */
  error?: string;
}

/**
 * Thrown by a test that cannot run here for a reason the run chose (e.g. pictures in a
 * run that takes none). It is reported as skipped with its reason, never as passed.
 */
export class Skip extends Error {
  override name = 'Skip';
}

interface TestCase {
  title: string;
  fn: TestFn;
  timeoutMs: number;
}

interface Block {
  title: string;
  tests: TestCase[];
  children: Block[];
  before: TestFn[];
  after: TestFn[];
}

/** Long enough for a language server to start cold in CI, short enough to fail fast. */
export const DEFAULT_TIMEOUT_MS = 30_000;

const root: Block = { title: '', tests: [], children: [], before: [], after: [] };
let current = root;

export function describe(title: string, body: () => void): void {
  const block: Block = { title, tests: [], children: [], before: [], after: [] };
  current.children.push(block);
  const parent = current;
  current = block;
  try {
    body();
  } finally {
    current = parent;
  }
}

export function it(title: string, fn: TestFn, timeoutMs = DEFAULT_TIMEOUT_MS): void {
  current.tests.push({ title, fn, timeoutMs });
}

/** Runs once before the first test of the enclosing `describe`. */
export function before(fn: TestFn): void {
  current.before.push(fn);
}

/** Runs once after the last test of the enclosing `describe`, even when tests failed. */
export function after(fn: TestFn): void {
  current.after.push(fn);
}

function describeError(error: unknown): string {
  if (error instanceof Error) return error.stack ?? `${error.name}: ${error.message}`;
  return String(error);
}

/** Rejects after `ms`; the timer is cleared when `promise` settles first. */
async function withTimeout<T>(promise: Promise<T>, ms: number, what: string): Promise<T> {
  let timer: ReturnType<typeof setTimeout> | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error(`${what} timed out after ${ms} ms`)), ms);
  });
  try {
    return await Promise.race([promise, timeout]);
  } finally {
    clearTimeout(timer);
  }
}

export interface RunOptions {
  /** Called as soon as each test ends (the harness streams progress through it). */
  onResult?: (result: TestResult) => void;
  /** Runs only the tests whose full title contains this text (case-insensitive). */
  grep?: string;
}

/** Runs every registered test in order and returns one result per test. */
export async function runRegisteredTests(options: RunOptions = {}): Promise<TestResult[]> {
  const results: TestResult[] = [];
  const grep = options.grep?.toLowerCase();
  const selected = (path: string[], test: TestCase) => !grep || [...path, test.title].join(' › ').toLowerCase().includes(grep);
  const hasSelected = (block: Block, path: string[]): boolean =>
    block.tests.some((t) => selected(path, t)) || block.children.some((child) => hasSelected(child, [...path, child.title]));

  const record = (result: TestResult) => {
    results.push(result);
    options.onResult?.(result);
  };

  async function runBlock(block: Block, path: string[]): Promise<void> {
    if (!hasSelected(block, path)) return;
    const prefix = path.join(' › ');
    // A failing `before` fails every test of its block: they would only fail later
    // with a less useful message.
    let setupError: string | undefined;
    for (const hook of block.before) {
      try {
        await withTimeout(Promise.resolve().then(hook), DEFAULT_TIMEOUT_MS, `"before" hook of ${prefix}`);
      } catch (error) {
        setupError = describeError(error);
        break;
      }
    }
    for (const test of block.tests) {
      if (!selected(path, test)) continue;
      const title = [...path, test.title].join(' › ');
      if (setupError) {
        record({ title, state: 'failed', durationMs: 0, error: `"before" hook failed: ${setupError}` });
        continue;
      }
      const start = Date.now();
      try {
        await withTimeout(Promise.resolve().then(test.fn), test.timeoutMs, `test "${test.title}"`);
        record({ title, state: 'passed', durationMs: Date.now() - start });
      } catch (error) {
        if (error instanceof Skip) record({ title, state: 'skipped', durationMs: Date.now() - start, error: error.message });
        else record({ title, state: 'failed', durationMs: Date.now() - start, error: describeError(error) });
      }
    }
    if (!setupError) for (const child of block.children) await runBlock(child, [...path, child.title]);
    else for (const child of block.children) failAll(child, [...path, child.title], setupError);
    for (const hook of block.after) {
      try {
        await withTimeout(Promise.resolve().then(hook), DEFAULT_TIMEOUT_MS, `"after" hook of ${prefix}`);
      } catch (error) {
        record({ title: `${prefix} › "after" hook`, state: 'failed', durationMs: 0, error: describeError(error) });
      }
    }
  }

  function failAll(block: Block, path: string[], reason: string) {
    for (const test of block.tests) {
      if (selected(path, test)) {
        record({ title: [...path, test.title].join(' › '), state: 'failed', durationMs: 0, error: `"before" hook failed: ${reason}` });
      }
    }
    for (const child of block.children) failAll(child, [...path, child.title], reason);
  }

  await runBlock(root, []);
  return results;
}
