#!/usr/bin/env node
// End-to-end tests in a real VS Code, offline: code-server (VS Code server + web
// workbench, from npm) opened in Debian's headless Chromium through playwright-core.
// The suite runs inside the extension host, in a small test-harness extension, next to
// the real extension installed from its packaged .vsix (what users get). See
// shared/E2E.md for why this and not @vscode/test-electron (which downloads VS Code).
//
//   node test/e2e/run.mjs [options]
//     --extension <dir>    extension to test (default: the repository)
//     --tests <file>       test module to run instead of test/e2e/suite/briefing.test.ts
//     --workspace <dir>    fixture workspace, copied per run (default: test/e2e/workspace)
//     --screenshots <dir>  where the suite's pictures go (default: out/e2e-screenshots,
//                          git-ignored; `npm run docs:images` passes docs/images)
//     --timeout <seconds>  for the whole in-host suite (default: 300)
//     --grep <text>        run only the tests whose title contains <text>
//     --no-grammar         skip the grammar tests (test/e2e/grammar.mjs)
//     --keep               keep the temporary folder (logs, workspace) even on success
//
// Prints one line per test (skipped ones with their reason) and closes with exactly
// `N passed, N failed`; exits 1 on any failure or timeout, 2 on bad usage. Every process it starts is ended by its pid
// (code-server by its process group) on success, failure, SIGINT and SIGTERM.
import { spawn } from 'node:child_process';
import {
  closeSync,
  copyFileSync,
  cpSync,
  existsSync,
  mkdirSync,
  mkdtempSync,
  openSync,
  readdirSync,
  readFileSync,
  renameSync,
  rmSync,
  statSync,
  writeFileSync,
} from 'node:fs';
import { createRequire } from 'node:module';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { basename, dirname, join, relative, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { runGrammarTests } from './grammar.mjs';
import { provision, repoRoot } from './provision.mjs';

const require = createRequire(join(repoRoot, 'package.json'));
const here = dirname(fileURLToPath(import.meta.url));

// ---------------------------------------------------------------- options

let options;
try {
  ({ values: options } = parseArgs({
    options: {
      extension: { type: 'string', default: repoRoot },
      tests: { type: 'string' },
      workspace: { type: 'string', default: join(here, 'workspace') },
      // Not docs/images: an ordinary run must not rewrite the tracked README pictures.
      screenshots: { type: 'string', default: join(repoRoot, 'out', 'e2e-screenshots') },
      timeout: { type: 'string', default: '300' },
      grep: { type: 'string' },
      'no-grammar': { type: 'boolean', default: false },
      keep: { type: 'boolean', default: false },
    },
  }));
} catch (error) {
  console.error(`run.mjs: ${error.message}`);
  process.exit(2);
}
const extensionDir = resolve(options.extension);
const timeoutMs = Number(options.timeout) * 1000;
if (!Number.isFinite(timeoutMs) || timeoutMs <= 0) {
  console.error('run.mjs: --timeout wants a number of seconds');
  process.exit(2);
}

// Chromium flags from E2E.md: without the background-networking ones Chromium keeps
// trying to reach Google's hosts, which this machine's closed network refuses.
const CHROMIUM_ARGS = [
  '--no-sandbox',
  '--disable-gpu',
  '--disable-quic',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
];

// A quiet, predictable workbench: no welcome page, tips, chat panel, update checks or
// animations (animations make pictures depend on timing).
const USER_SETTINGS = {
  'workbench.startupEditor': 'none',
  'workbench.tips.enabled': false,
  'workbench.enableExperiments': false,
  'workbench.reduceMotion': 'on',
  'workbench.secondarySideBar.defaultVisibility': 'hidden',
  'workbench.editor.enablePreview': false,
  'chat.disableAIFeatures': true,
  'security.workspace.trust.enabled': false,
  'telemetry.telemetryLevel': 'off',
  'update.mode': 'none',
  'extensions.autoCheckUpdates': false,
  'extensions.autoUpdate': false,
  'extensions.ignoreRecommendations': true,
  'git.enabled': false,
  'editor.minimap.enabled': false,
  'editor.cursorBlinking': 'solid', // the same picture on every run
  'files.autoSave': 'off',
};

// ---------------------------------------------------------------- bookkeeping

const timings = [];
const started = new Set(); // child processes still to end: { pid, group, name, exited }
let tmp;
let browserServer;
let browser;
let cleaning;

function log(message) {
  console.log(`[e2e] ${message}`);
}

async function phase(name, fn) {
  const start = performance.now();
  try {
    return await fn();
  } finally {
    const seconds = (performance.now() - start) / 1000;
    timings.push([name, seconds]);
    log(`${name}: ${seconds.toFixed(1)}s`);
  }
}

const sleep = (ms) => new Promise((r) => setTimeout(r, ms));

function isAlive(pid) {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
}

/**
 * Ends one process we started: SIGTERM, then SIGKILL if it is still there after a
 * grace period. code-server runs in a process group of its own (detached), so its
 * extension host and other helpers go with it, and nothing else does.
 */
async function end(proc) {
  const target = proc.group ? -proc.pid : proc.pid;
  const signal = (sig) => {
    try {
      process.kill(target, sig);
    } catch {
      /* already gone */
    }
  };
  signal('SIGTERM');
  for (let i = 0; i < 50 && isAlive(proc.pid); i++) await sleep(100);
  signal('SIGKILL');
  started.delete(proc);
}

/** Idempotent; runs on every way out (success, failure, timeout, signals). */
function cleanup() {
  cleaning ??= (async () => {
    const withTimeout = (promise, ms) => Promise.race([promise.catch(() => undefined), sleep(ms)]);
    if (browser) await withTimeout(browser.close(), 5000);
    if (browserServer) {
      const pid = browserServer.process()?.pid;
      await withTimeout(browserServer.close(), 5000);
      if (pid && isAlive(pid)) await end({ pid, group: false, name: 'chromium' });
    }
    await Promise.all([...started].map(end));
  })();
  return cleaning;
}

for (const [sig, code] of [
  ['SIGINT', 130],
  ['SIGTERM', 143],
  ['SIGHUP', 129],
]) {
  process.once(sig, () => {
    console.error(`\n[e2e] ${sig}: stopping what this run started`);
    cleanup().finally(() => process.exit(code));
  });
}

/** Spawns a tracked child with output to a log file; resolves with its exit code. */
function start(name, command, args, { env, cwd, group = false, logFile }) {
  const fd = openSync(logFile, 'a');
  const child = spawn(command, args, { env, cwd, detached: group, stdio: ['ignore', fd, fd] });
  closeSync(fd); // the child has its own copy
  const proc = { pid: child.pid, group, name, child, exitCode: undefined };
  started.add(proc);
  proc.exited = new Promise((resolveExit) => {
    child.on('error', (error) => {
      proc.exitCode = -1;
      writeFileSync(logFile, `\nspawn error: ${error.message}\n`, { flag: 'a' });
      resolveExit(-1);
    });
    child.on('exit', (code, sig) => {
      proc.exitCode = code ?? sig;
      // A group stays listed: its leader may be gone while helpers it started live on.
      if (!group) started.delete(proc);
      resolveExit(code ?? sig);
    });
  });
  return proc;
}

async function runToEnd(name, command, args, opts) {
  const proc = start(name, command, args, opts);
  const code = await proc.exited;
  if (code !== 0) {
    const tail = readFileSync(opts.logFile, 'utf8').split('\n').slice(-30).join('\n');
    throw new Error(`${name} failed (${code}); ${opts.logFile}:\n${tail}`);
  }
}

function freePort() {
  return new Promise((resolvePort, reject) => {
    const server = createServer();
    server.unref();
    server.on('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address();
      server.close(() => resolvePort(port));
    });
  });
}

// ---------------------------------------------------------------- steps

/** Builds (its `build` script, if any) and packages the extension under test. */
async function packageExtension(dir, outDir, logDir) {
  const manifest = JSON.parse(readFileSync(join(dir, 'package.json'), 'utf8'));
  // Without an allow-list vsce packs the whole folder: node_modules and the 800 MB of
  // .cache/e2e/ would go into the .vsix. Better to stop here and say why.
  const hasAllowList = existsSync(join(dir, '.vscodeignore')) || Array.isArray(manifest.files);
  if (!hasAllowList && (existsSync(join(dir, 'node_modules')) || existsSync(join(dir, '.cache')))) {
    throw new Error(`${dir} has no .vscodeignore (nor "files" in package.json): vsce would pack node_modules and .cache too`);
  }
  const env = { ...process.env };
  if (manifest.scripts?.build) {
    await runToEnd('build', 'npm', ['run', '--silent', 'build'], { env, cwd: dir, logFile: join(logDir, 'build.log') });
  }
  return vscePackage(dir, join(outDir, `${manifest.name}.vsix`), join(logDir, 'vsce-extension.log'));
}

/**
 * `vsce package`. --allow-missing-repository and --skip-license only answer vsce's
 * yes/no prompts, which would otherwise wait on a terminal that CI does not have.
 * --no-rewrite-relative-links: without a `repository` vsce cannot make README links
 * absolute and refuses to package; the links do not matter to these tests (they are
 * `npm run package`'s concern). The code that goes into the package is unchanged.
 */
async function vscePackage(dir, out, logFile) {
  const vsce = join(dirname(require.resolve('@vscode/vsce/package.json')), 'vsce');
  await runToEnd(
    'vsce',
    process.execPath,
    [vsce, 'package', '--no-dependencies', '--allow-missing-repository', '--skip-license', '--no-rewrite-relative-links', '-o', out],
    {
      env: process.env,
      cwd: dir,
      logFile,
    },
  );
  // vsce's summary line ("Packaged: x.vsix (12 files, 345.6 KB)") tells what users get.
  const summary = readFileSync(logFile, 'utf8').match(/Packaged: .*/)?.[0];
  if (summary) log(summary.replace(dirname(out) + '/', ''));
  return out;
}

/** Bundles harness + suite (vscode external) and packages it as its own extension. */
async function packageHarness(outDir, logDir) {
  const esbuild = require('esbuild');
  const staging = join(outDir, 'harness');
  mkdirSync(join(staging, 'dist'), { recursive: true });
  for (const file of ['package.json', 'README.md']) copyFileSync(join(here, 'harness', file), join(staging, file));
  writeFileSync(join(staging, 'LICENSE'), 'MIT, test harness, not published.\n');
  const replaceTests = options.tests && {
    // --tests swaps the module that registers the tests; runner and harness stay.
    name: 'replace-tests',
    setup(build) {
      build.onResolve({ filter: /^\.\/briefing\.test$/ }, () => ({ path: resolve(options.tests) }));
    },
  };
  // Node applies source maps only to modules loaded after they were turned on, so a
  // two-line loader turns them on and then loads the bundle: failures of tests then
  // point into the .ts sources instead of the bundle.
  writeFileSync(join(staging, 'dist', 'extension.js'), "process.setSourceMapsEnabled(true);\nmodule.exports = require('./harness.js');\n");
  await esbuild.build({
    entryPoints: [join(here, 'harness', 'extension.ts')],
    outfile: join(staging, 'dist', 'harness.js'),
    bundle: true,
    platform: 'node',
    format: 'cjs',
    target: 'node20',
    external: ['vscode'],
    sourcemap: 'inline',
    logLevel: 'warning',
    // A suite file is imported for its describe() calls alone: were it dropped as free of
    // side effects (package.json "sideEffects"), its tests would silently not run.
    logOverride: { 'ignored-bare-import': 'error' },
    plugins: replaceTests ? [replaceTests] : [],
  });
  return vscePackage(staging, join(outDir, 'harness.vsix'), join(logDir, 'vsce-harness.log'));
}

function codeServerEnv(env, xdgDir, controlDir) {
  const clean = Object.fromEntries(
    // Variables of an outer VS Code (when run from its terminal) would redirect the CLI.
    Object.entries(env).filter(([key]) => !key.startsWith('VSCODE_') && key !== 'ELECTRON_RUN_AS_NODE'),
  );
  return {
    ...clean,
    // code-server writes a config file and logs under XDG folders: keep them in the run.
    XDG_CONFIG_HOME: join(xdgDir, 'config'),
    XDG_DATA_HOME: join(xdgDir, 'data'),
    XDG_CACHE_HOME: join(xdgDir, 'cache'),
    // An empty gallery turns the Marketplace off: no lookups of open-vsx.org, which
    // this network refuses (noise in the logs and a little time on every start).
    EXTENSIONS_GALLERY: '{}',
    BRIEFING_E2E_OUT: controlDir,
    ...(options.grep ? { BRIEFING_E2E_GREP: options.grep } : {}),
  };
}

/**
 * Ready when our code-server has said it listens on `port` (its log) and the port
 * answers: the log line makes sure the answer is not from another program that got
 * the port first.
 */
async function waitForHealthy(port, proc, logFile, ms = 60_000) {
  const deadline = Date.now() + ms;
  const listening = new RegExp(`listening on https?://127\\.0\\.0\\.1:${port}\\b`);
  while (Date.now() < deadline) {
    if (proc.exitCode !== undefined) throw new Error(`code-server exited (${proc.exitCode}) before it was ready (${logFile})`);
    try {
      if (listening.test(readFileSync(logFile, 'utf8'))) {
        const response = await fetch(`http://127.0.0.1:${port}/healthz`);
        if (response.ok) return;
      }
    } catch {
      /* not listening yet */
    }
    await sleep(100);
  }
  throw new Error(`code-server did not answer on port ${port} within ${ms / 1000}s`);
}

/** Takes the pictures the suite asks for (see test/e2e/suite/control.ts). */
async function serviceScreenshots(page, controlDir, screenshotDir, handled) {
  const requests = readdirSync(controlDir).filter((f) => /^screenshot-request-.+\.json$/.test(f) && !handled.has(f));
  for (const file of requests) {
    handled.add(file);
    const request = JSON.parse(readFileSync(join(controlDir, file), 'utf8'));
    const done = join(controlDir, `screenshot-done-${request.name}.json`);
    const answer = (value) => {
      writeFileSync(`${done}.tmp`, JSON.stringify(value));
      renameSync(`${done}.tmp`, done);
    };
    try {
      if (request.click) await page.locator(request.click).first().click({ timeout: 10_000 });
      if (request.waitFor) await page.locator(request.waitFor).first().waitFor({ state: 'visible', timeout: 10_000 });
      // Widgets fade in and lay out over a few frames even with reduced motion.
      await page.waitForTimeout(request.settleMs ?? 400);
      mkdirSync(screenshotDir, { recursive: true });
      const path = join(screenshotDir, `${request.name}.png`);
      await page.screenshot({ path });
      log(`picture ${relative(process.cwd(), path)}`);
      if (request.escapeAfter) await page.keyboard.press('Escape');
      answer({ ok: true, path });
    } catch (error) {
      // A picture of the failure shows what the window looked like instead.
      await page.screenshot({ path: join(tmp, `failed-${request.name}.png`) }).catch(() => undefined);
      if (request.escapeAfter) await page.keyboard.press('Escape').catch(() => undefined);
      answer({ ok: false, error: `${error.message.split('\n')[0]} (see ${join(tmp, `failed-${request.name}.png`)})` });
    }
  }
}

const counted = { passed: 0, failed: 0, skipped: 0 };

function printResult(result) {
  if (result.state === 'skipped') {
    counted.skipped++;
    console.log(`  - ${result.title} (skipped: ${result.error})`);
    return;
  }
  counted[result.state === 'passed' ? 'passed' : 'failed']++;
  console.log(`  ${result.state === 'passed' ? '✓' : '✗'} ${result.title}${result.durationMs ? ` (${result.durationMs} ms)` : ''}`);
  if (result.error) console.log(`      ${result.error.split('\n').slice(0, 12).join('\n      ')}`);
}

/** Prints the tests that finished since the last call (events.jsonl, one JSON a line). */
function printProgress(controlDir, seen) {
  const file = join(controlDir, 'events.jsonl');
  if (!existsSync(file)) return;
  // Only whole lines: the suite may be halfway through appending the last one.
  const text = readFileSync(file, 'utf8');
  const lines = text
    .slice(0, text.lastIndexOf('\n') + 1)
    .split('\n')
    .filter(Boolean);
  for (const line of lines.slice(seen.count)) {
    const event = JSON.parse(line);
    if (event.event === 'start') log(`suite started in VS Code ${event.vscodeVersion}`);
    if (event.event === 'test') {
      printResult(event);
      seen.titles.add(event.title);
    }
  }
  seen.count = lines.length;
}

function findFiles(dir, name) {
  if (!existsSync(dir)) return [];
  return readdirSync(dir, { recursive: true })
    .map((f) => join(dir, f))
    .filter((f) => basename(f) === name && statSync(f).isFile());
}

// ---------------------------------------------------------------- main

async function main() {
  tmp = mkdtempSync(join(tmpdir(), 'briefing-e2e-'));
  const dirs = {
    logs: join(tmp, 'logs'),
    packages: join(tmp, 'packages'),
    extensions: join(tmp, 'extensions'),
    userData: join(tmp, 'user-data'),
    xdg: join(tmp, 'xdg'),
    control: join(tmp, 'control'),
    workspace: join(tmp, 'workspace'),
  };
  for (const dir of Object.values(dirs)) mkdirSync(dir, { recursive: true });
  log(`temporary folder ${tmp}`);

  const tools = await phase('provision', provision);
  const env = codeServerEnv(tools.env, dirs.xdg, dirs.control);
  const codeServer = (args) => [tools.codeServerEntry, '--user-data-dir', dirs.userData, '--extensions-dir', dirs.extensions, ...args];

  // Grammar tests need no editor: run them while nothing else is up.
  const grammarResults = options['no-grammar'] ? [] : await phase('grammar tests', () => runGrammarTests(extensionDir));
  grammarResults.forEach(printResult);

  const [extensionVsix, harnessVsix] = await phase('package', () =>
    Promise.all([packageExtension(extensionDir, dirs.packages, dirs.logs), packageHarness(dirs.packages, dirs.logs)]),
  );

  // --install-extension, not a copy: VS Code loads only what extensions.json lists.
  await phase('install', () =>
    runToEnd(
      'code-server --install-extension',
      tools.node,
      codeServer(['--install-extension', extensionVsix, '--install-extension', harnessVsix]),
      {
        env,
        logFile: join(dirs.logs, 'install.log'),
      },
    ),
  );

  cpSync(resolve(options.workspace), dirs.workspace, { recursive: true });
  // The project's own example (the finished briefing, the pasted draft and their fact
  // files) is what the suite opens and what the README's pictures show.
  cpSync(resolve(here, '..', '..', 'examples'), dirs.workspace, { recursive: true });
  mkdirSync(join(dirs.userData, 'User'), { recursive: true });
  writeFileSync(join(dirs.userData, 'User', 'settings.json'), JSON.stringify(USER_SETTINGS, null, 2));

  const { server, port } = await phase('start code-server', async () => {
    // A free port can be taken between asking and binding, e.g. by another run on the
    // same machine: then code-server exits, and the next attempt takes another port.
    for (let attempt = 1; ; attempt++) {
      const port = await freePort();
      const logFile = join(dirs.logs, `code-server${attempt > 1 ? `-${attempt}` : ''}.log`);
      const proc = start(
        'code-server',
        tools.node,
        codeServer([
          '--auth',
          'none',
          '--bind-addr',
          `127.0.0.1:${port}`,
          '--disable-telemetry',
          '--disable-update-check',
          '--disable-workspace-trust',
          '--disable-getting-started-override',
          dirs.workspace,
        ]),
        { env, group: true, logFile },
      );
      try {
        await waitForHealthy(port, proc, logFile);
        return { server: proc, port };
      } catch (error) {
        await end(proc);
        if (attempt >= 3 || !/EADDRINUSE/.test(readFileSync(logFile, 'utf8'))) throw error;
        log(`port ${port} was taken (see ${logFile}); trying another`);
      }
    }
  });

  const { chromium } = require('playwright-core');
  const page = await phase('open Chromium', async () => {
    browserServer = await chromium.launchServer({
      executablePath: tools.chromium,
      headless: true,
      args: CHROMIUM_ARGS,
      // Playwright's own signal handlers exit the process once the browser is closed,
      // before code-server is ended: this runner's handlers close everything instead.
      handleSIGINT: false,
      handleSIGTERM: false,
      handleSIGHUP: false,
      // Chromium keeps crash-report folders under XDG_CONFIG_HOME: not in the user's home.
      env: { ...process.env, XDG_CONFIG_HOME: join(dirs.xdg, 'config'), XDG_CACHE_HOME: join(dirs.xdg, 'cache') },
    });
    browser = await chromium.connect(browserServer.wsEndpoint());
    const context = await browser.newContext({ viewport: { width: 1280, height: 800 } });
    const p = await context.newPage();
    const consoleLog = join(dirs.logs, 'browser-console.log');
    p.on('console', (m) => writeFileSync(consoleLog, `[${m.type()}] ${m.text()}\n`, { flag: 'a' }));
    p.on('pageerror', (e) => writeFileSync(consoleLog, `[pageerror] ${e.message}\n`, { flag: 'a' }));
    // Playwright's default 30 s is too short on a busy machine (a test run beside this one).
    await p.goto(`http://127.0.0.1:${port}/?folder=${encodeURIComponent(dirs.workspace)}`, {
      waitUntil: 'domcontentloaded',
      timeout: 120_000,
    });
    return p;
  });

  const resultsFile = join(dirs.control, 'results.json');
  const seen = { count: 0, titles: new Set() };
  const handled = new Set();
  const screenshotDir = resolve(options.screenshots);
  const results = await phase('suite in the extension host', async () => {
    const deadline = Date.now() + timeoutMs;
    while (!existsSync(resultsFile)) {
      if (server.exitCode !== undefined) throw new Error(`code-server exited (${server.exitCode}) during the suite`);
      if (Date.now() > deadline) {
        await page.screenshot({ path: join(tmp, 'timeout.png') }).catch(() => undefined);
        throw new Error(`no results after ${timeoutMs / 1000}s (window: ${join(tmp, 'timeout.png')})`);
      }
      await serviceScreenshots(page, dirs.control, screenshotDir, handled);
      printProgress(dirs.control, seen);
      await sleep(150);
    }
    printProgress(dirs.control, seen);
    return JSON.parse(readFileSync(resultsFile, 'utf8'));
  });

  // Anything the progress stream missed (it should not).
  for (const result of results.tests) if (!seen.titles.has(result.title)) printResult(result);
  if (counted.passed + counted.failed === 0) throw new Error(`no test ran${counted.skipped ? ` (${counted.skipped} skipped)` : ''}`);
  if (counted.skipped > 0) log(`${counted.skipped} skipped (reasons above)`);
  return { ...counted, vscodeVersion: results.vscodeVersion };
}

let exitCode = 1;
try {
  const { passed, failed, vscodeVersion } = await main();
  log(`VS Code ${vscodeVersion}; phases: ${timings.map(([n, s]) => `${n} ${s.toFixed(1)}s`).join(', ')}`);
  console.log(`${passed} passed, ${failed} failed`);
  exitCode = failed > 0 ? 1 : 0;
} catch (error) {
  console.error(`[e2e] ${error.message}`);
  if (tmp) {
    for (const f of findFiles(join(tmp, 'user-data', 'logs'), 'remoteexthost.log').concat(
      findFiles(join(tmp, 'user-data', 'logs'), 'exthost.log'),
    )) {
      console.error(`[e2e] extension host log ${f} (last lines):\n${readFileSync(f, 'utf8').split('\n').slice(-25).join('\n')}`);
    }
  }
  // The tests that did report still count; the run itself failed once more.
  console.log(`${counted.passed} passed, ${counted.failed + 1} failed`);
} finally {
  const teardown = performance.now();
  await cleanup();
  log(`teardown: ${((performance.now() - teardown) / 1000).toFixed(1)}s`);
  if (tmp && (options.keep || exitCode !== 0)) log(`kept ${tmp} (logs in ${join(tmp, 'logs')})`);
  else if (tmp) rmSync(tmp, { recursive: true, force: true });
}
process.exit(exitCode);
