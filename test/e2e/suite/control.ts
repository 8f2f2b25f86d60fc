/**
 * The file-based channel between the suite (inside the extension host) and the outer
 * runner (test/e2e/run.mjs, a separate Node process driving Chromium).
 *
 * Both run on the same machine, so a folder is the simplest channel that needs no
 * port and no dependency. The outer runner passes the folder in the environment
 * variable below; code-server hands its environment to the extension host it spawns.
 * Without it results go to the console only, and a picture test fails (nobody would take
 * its picture); it is skipped, with that reason, only when NO_SCREENSHOTS_ENV says the run
 * takes no pictures (test/e2e/runElectron.mjs: no browser to take them).
 *
 * Files in the folder:
 * - `events.jsonl`                 one JSON line per finished test, for live progress
 * - `results.json`                 written once, atomically (tmp + rename), at the end
 * - `screenshot-request-<name>.json`  written by the suite: please take a picture now
 * - `screenshot-done-<name>.json`     written by the runner: `{ ok, path?, error? }`
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import { Skip, type TestResult } from './runner';

export const CONTROL_DIR_ENV = 'BRIEFING_E2E_OUT';
/** Set (to anything) where a control folder exists but nobody takes pictures (test-electron). */
export const NO_SCREENSHOTS_ENV = 'BRIEFING_E2E_NO_SCREENSHOTS';

export function controlDir(): string | undefined {
  const dir = process.env[CONTROL_DIR_ENV];
  return dir && fs.existsSync(dir) ? dir : undefined;
}

export interface SuiteResults {
  vscodeVersion: string;
  startedAt: string;
  finishedAt: string;
  passed: number;
  failed: number;
  skipped: number;
  tests: TestResult[];
}

export function appendEvent(event: object): void {
  const dir = controlDir();
  if (dir) fs.appendFileSync(path.join(dir, 'events.jsonl'), JSON.stringify(event) + '\n');
}

export function writeResults(results: SuiteResults): void {
  const dir = controlDir();
  if (!dir) return;
  // Atomic: the runner polls for results.json and must never read half a file.
  const tmp = path.join(dir, `results.json.${process.pid}.tmp`);
  fs.writeFileSync(tmp, JSON.stringify(results, null, 2));
  fs.renameSync(tmp, path.join(dir, 'results.json'));
}

export function resultsExist(): boolean {
  const dir = controlDir();
  return !!dir && fs.existsSync(path.join(dir, 'results.json'));
}

export interface ScreenshotRequest {
  /** File name without extension; the picture lands in <the runner's --screenshots folder>/<name>.png. */
  name: string;
  /** Selector (CSS or Playwright's, e.g. `:has-text()`) of an element the runner clicks first. */
  click?: string;
  /** CSS or Playwright selector the runner waits for (visible) before taking the picture. */
  waitFor?: string;
  /** How long to let the window settle after that (default 400 ms); longer for webviews. */
  settleMs?: number;
  /** Press Escape in the page after the picture (closes hovers, menus and pickers). */
  escapeAfter?: boolean;
}

const SCREENSHOT_TIMEOUT_MS = 20_000;

/**
 * Asks the outer runner for a picture of the whole window and waits until it is taken,
 * then checks that the picture is there. Throws when no runner listens, the runner
 * reports a failure or does not answer, or no picture was written, so a picture test
 * never passes without its picture; throws `Skip` when the run takes no pictures
 * (NO_SCREENSHOTS_ENV), so that shows as skipped with its reason.
 */
export async function requestScreenshot(request: ScreenshotRequest): Promise<void> {
  if (process.env[NO_SCREENSHOTS_ENV])
    throw new Skip(`no picture taken: ${NO_SCREENSHOTS_ENV} is set (this runner has no browser to take it)`);
  const dir = controlDir();
  if (!dir)
    throw new Error(
      `no picture taken: no runner listens (${CONTROL_DIR_ENV} is not set or its folder is gone); set ${NO_SCREENSHOTS_ENV}=1 to skip the pictures`,
    );
  const done = path.join(dir, `screenshot-done-${request.name}.json`);
  fs.rmSync(done, { force: true });
  const tmp = path.join(dir, `screenshot-request-${request.name}.json.tmp`);
  fs.writeFileSync(tmp, JSON.stringify(request));
  fs.renameSync(tmp, path.join(dir, `screenshot-request-${request.name}.json`));
  const deadline = Date.now() + SCREENSHOT_TIMEOUT_MS;
  // Polling a file across processes: there is no event to wait on here.
  while (Date.now() < deadline) {
    if (fs.existsSync(done)) {
      const answer = JSON.parse(fs.readFileSync(done, 'utf8')) as { ok: boolean; path?: string; error?: string };
      if (!answer.ok) throw new Error(`screenshot ${request.name} failed: ${answer.error}`);
      assertPicture(request.name, answer.path);
      return;
    }
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  throw new Error(`screenshot ${request.name}: the runner did not answer within ${SCREENSHOT_TIMEOUT_MS} ms`);
}

const PNG_SIGNATURE = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);

/** The runner and the extension host share the machine: the picture it names must be a PNG on disk. */
function assertPicture(name: string, file: string | undefined): void {
  if (!file || !fs.existsSync(file))
    throw new Error(`screenshot ${name}: the runner said it was taken, but there is no file at ${file ?? '(no path given)'}`);
  const head = Buffer.alloc(PNG_SIGNATURE.length);
  const fd = fs.openSync(file, 'r');
  try {
    fs.readSync(fd, head, 0, head.length, 0);
  } finally {
    fs.closeSync(fd);
  }
  if (!head.equals(PNG_SIGNATURE)) throw new Error(`screenshot ${name}: ${file} is not a PNG`);
}
