#!/usr/bin/env node
// Briefing Check's benchmark (`npm run bench`). In one run it measures, each figure the
// median of several runs:
//   1. the whole CLI process on a 1 MB briefing (1,000 notes, 10,000 facts) against a
//      Node process that only parses the file with unified + remark-parse + remark-gfm;
//   2. the cold CLI on 10 KB / 100 KB / 1 MB against markdownlint-cli2 and remark-cli
//      (with remark-gfm and remark-lint-no-undefined-references);
//   3. the language server's latency from a one-character didChange to the diagnostics
//      of that version (push, as the brief's editors see it, and pull, as VS Code asks),
//      against a full re-check (the engine in-process, and a whole-text didChange), and
//      against a protocol floor: bench/null-server.mjs, which checks nothing and publishes
//      the diagnostics the server published for the 1 MB briefing; the 1 MB edits also
//      with every problem published (`briefing.maxProblems` 0), and their floor;
//   4. the server's memory with 100,000 facts loaded, and `briefing.server.searchFacts`;
//   5. the CLI's time per KB at the three sizes;
//   6. the server opening a briefing that uses a 5,000-entry .bib (bench/bibliography-load.mjs).
// It writes docs/benchmarks.md (figures, goals met or not, machine, versions, date).
// Everything it generates lives in a temp dir, removed at the end; every process it
// starts is stopped. Not part of `npm test`.
//
// Options: --runs N (CLI and full-check runs, default 7), --edits N (measured edits per
//   size, default 10), --quick (3 runs, 4 edits), --no-build (use dist/ as it is),
//   --profile (also CPU-profile the server during 1 MB edits), --keep (keep the temp
//   dir), --out FILE (default docs/benchmarks.md), --against REF (also time edits on a
//   server built from git REF, in sessions interleaved with this build's: a ratio that
//   holds on a busy machine, where absolute times do not).
import { spawn, execFileSync } from 'node:child_process';
import {
  copyFileSync,
  existsSync,
  mkdirSync,
  mkdtempSync,
  readdirSync,
  readFileSync,
  rmSync,
  statSync,
  symlinkSync,
  writeFileSync,
} from 'node:fs';
import { cpus, loadavg, tmpdir, totalmem } from 'node:os';
import { join, relative, resolve } from 'node:path';
import { performance } from 'node:perf_hooks';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { bibliographyReport, measureBibliographyLoad } from './bibliography-load.mjs';
import { writeCorpus } from './generate.mjs';
import { jsonRpc, LspSession, SERVER_NODE_ARGS } from './lsp-client.mjs';
import { summarizeProfile } from './profile.mjs';

const ROOT = fileURLToPath(new URL('..', import.meta.url));
const { values: opts } = parseArgs({
  options: {
    runs: { type: 'string' },
    edits: { type: 'string' },
    quick: { type: 'boolean', default: false },
    'no-build': { type: 'boolean', default: false },
    profile: { type: 'boolean', default: false },
    keep: { type: 'boolean', default: false },
    out: { type: 'string' },
    against: { type: 'string' },
    help: { type: 'boolean', short: 'h', default: false },
  },
});
if (opts.help) {
  console.log('Usage: node bench/run.mjs [--runs N] [--edits N] [--quick] [--no-build] [--profile] [--keep] [--out FILE] [--against REF]');
  process.exit(0);
}
const RUNS = Math.max(1, Number(opts.runs ?? (opts.quick ? 3 : 7)));
const EDITS = Math.max(2, Number(opts.edits ?? (opts.quick ? 4 : 10)));
const OUT = resolve(ROOT, opts.out ?? 'docs/benchmarks.md');
const CLI_TIMEOUT_MS = 180_000;
const LSP_TIMEOUT_MS = 120_000;
const SIZES = ['10kb', '100kb', '1mb'];
const SIZE_LABEL = { tiny: 'tiny', '10kb': '10 KB', '100kb': '100 KB', '1mb': '1 MB' };

// ---------------------------------------------------------------- housekeeping
const t0 = performance.now();
const log = (msg) => {
  const s = Math.round((performance.now() - t0) / 1000);
  process.stderr.write(`[bench ${String(Math.floor(s / 60)).padStart(2, '0')}:${String(s % 60).padStart(2, '0')}] ${msg}\n`);
};
const TMP = mkdtempSync(join(tmpdir(), 'briefing-bench-'));
const children = new Set();
let cleaned = false;
function cleanup() {
  if (cleaned) return;
  cleaned = true;
  for (const child of children) {
    try {
      child.kill('SIGKILL');
    } catch {
      // already gone
    }
  }
  children.clear();
  if (opts.keep) log(`kept ${TMP}`);
  else rmSync(TMP, { recursive: true, force: true });
}
process.on('exit', cleanup);
for (const signal of ['SIGINT', 'SIGTERM', 'SIGHUP']) {
  process.on(signal, () => {
    log(`${signal}: stopping`);
    cleanup();
    process.exit(130);
  });
}

const sleep = (ms) => new Promise((r) => setTimeout(r, ms));
const sorted = (xs) => [...xs].sort((a, b) => a - b);
function median(xs) {
  const s = sorted(xs.filter(Number.isFinite));
  if (s.length === 0) return NaN;
  const m = s.length >> 1;
  return s.length % 2 ? s[m] : (s[m - 1] + s[m]) / 2;
}
const min = (xs) => Math.min(...xs);
const max = (xs) => Math.max(...xs);
const fmt = (ms) => (!Number.isFinite(ms) ? 'n/a' : ms >= 100 ? `${Math.round(ms)}` : ms >= 10 ? ms.toFixed(1) : ms.toFixed(2));
const fmtMs = (ms) => (Number.isFinite(ms) ? `${fmt(ms)} ms` : 'n/a');
const fmtX = (x) => (Number.isFinite(x) ? `${x >= 10 ? x.toFixed(1) : x.toFixed(2)}×` : 'n/a');
const spread = (xs) => (xs.length ? `${fmt(min(xs))}–${fmt(max(xs))} ms (n=${xs.length})` : 'n/a');
const spreadX = (xs) => (xs.length ? `median ${fmtX(median(xs))}, ${fmtX(min(xs))}–${fmtX(max(xs))} (n=${xs.length})` : 'n/a');

/** Runs a process to completion; wall time from spawn to exit. Never rejects. */
function runProcess(args, { cwd, timeoutMs = CLI_TIMEOUT_MS, keepStdout = false } = {}) {
  return new Promise((resolve) => {
    const started = performance.now();
    let child;
    try {
      child = spawn(process.execPath, args, { cwd, stdio: ['ignore', 'pipe', 'pipe'] });
    } catch (error) {
      resolve({ ms: NaN, code: null, error: String(error), stdout: '', stderr: '' });
      return;
    }
    children.add(child);
    const out = [];
    let err = '';
    let timedOut = false;
    child.stdout.on('data', (d) => keepStdout && out.push(d));
    child.stderr.on('data', (d) => {
      err = (err + d).slice(-20000);
    });
    const timer = setTimeout(() => {
      timedOut = true;
      child.kill('SIGKILL');
    }, timeoutMs);
    child.on('error', (error) => {
      err += String(error);
    });
    child.on('close', (code, signal) => {
      const ms = performance.now() - started;
      clearTimeout(timer);
      children.delete(child);
      resolve({ ms, code, signal, timedOut, stdout: Buffer.concat(out).toString('utf8'), stderr: err });
    });
  });
}

function versionOf(pkg) {
  try {
    return JSON.parse(readFileSync(join(ROOT, 'node_modules', pkg, 'package.json'), 'utf8')).version;
  } catch {
    return undefined;
  }
}

function machine() {
  const cpuinfo = existsSync('/proc/cpuinfo') ? readFileSync('/proc/cpuinfo', 'utf8') : '';
  const model = /^model name\s*:\s*(.+)$/m.exec(cpuinfo)?.[1]?.trim() ?? cpus()[0]?.model ?? 'unknown';
  const meminfo = existsSync('/proc/meminfo') ? readFileSync('/proc/meminfo', 'utf8') : '';
  const memKb = Number(/^MemTotal:\s+(\d+) kB/m.exec(meminfo)?.[1] ?? totalmem() / 1024);
  let git = 'unknown';
  try {
    const head = execFileSync('git', ['rev-parse', '--short', 'HEAD'], {
      cwd: ROOT,
      encoding: 'utf8',
      stdio: ['ignore', 'pipe', 'ignore'],
    }).trim();
    const dirty = execFileSync('git', ['status', '--porcelain', '--', 'src', 'esbuild.mjs', 'package.json'], {
      cwd: ROOT,
      encoding: 'utf8',
      stdio: ['ignore', 'pipe', 'ignore'],
    })
      .split('\n')
      .filter(Boolean)
      .map((l) => l.slice(3));
    git = `${head}${dirty.length ? ` + uncommitted changes in ${dirty.join(', ')}` : ''}`;
  } catch {
    // not a git checkout
  }
  return { model, cores: cpus().length, memGiB: memKb / 1024 / 1024, node: process.version, git };
}

/** The push-mode debounce constants, read from the server's source so the report cannot go stale. */
function debounceConstants() {
  try {
    const src = readFileSync(join(ROOT, 'src/server/features/diagnostics.ts'), 'utf8');
    const num = (name) => Number(new RegExp(`const ${name} = (\\d+)`).exec(src)?.[1]);
    const factor = Number(/last \* (\d+(?:\.\d+)?)/.exec(src)?.[1]);
    const c = { fast: num('FAST_MS'), minDelay: num('MIN_DELAY_MS'), maxDelay: num('MAX_DELAY_MS'), factor };
    if (!Object.values(c).every(Number.isFinite)) return undefined;
    const analysis = readFileSync(join(ROOT, 'src/server/analysis.ts'), 'utf8');
    return { ...c, incremental: /IncrementalChecker/.test(analysis) };
  } catch {
    return undefined;
  }
}

// ---------------------------------------------------------------- build
const esbuildCommon = {
  bundle: true,
  platform: 'node',
  target: 'node20',
  format: 'cjs',
  logLevel: 'warning',
  define: { 'import.meta.url': 'importMetaUrl' },
  banner: { js: "const importMetaUrl = require('url').pathToFileURL(__filename).href;" },
};

async function build() {
  const dir = join(TMP, 'build');
  mkdirSync(join(dir, 'dist'), { recursive: true });
  if (opts['no-build']) {
    log('using dist/ as it is (--no-build)');
    for (const f of ['cli.js', 'analysis-worker.js', 'server.js']) {
      if (!existsSync(join(ROOT, 'dist', f)))
        throw new Error(`dist/${f} is missing: run node esbuild.mjs --production, or drop --no-build`);
      copyFileSync(join(ROOT, 'dist', f), join(dir, 'dist', f));
    }
  } else {
    // The project's own build script, run in a private directory that links to the
    // sources: the benchmark measures what `node esbuild.mjs --production` produces,
    // without rewriting the dist/ other people are using (or being rewritten mid-run).
    log('building with esbuild.mjs --production into the temp dir');
    for (const name of ['src', 'node_modules', 'package.json', 'tsconfig.json']) {
      if (existsSync(join(ROOT, name))) symlinkSync(join(ROOT, name), join(dir, name));
    }
    const r = await runProcess([join(ROOT, 'esbuild.mjs'), '--production'], { cwd: dir, timeoutMs: 300_000 });
    if (r.code !== 0) throw new Error(`build failed (exit ${r.code}): ${r.stderr.trim().slice(-2000)}`);
  }
  const esbuild = await import('esbuild');
  // The engine alone, for the in-process full check.
  await esbuild.build({
    ...esbuildCommon,
    minify: true,
    stdin: {
      contents: [
        "export { checkBriefing } from './src/core/check';",
        "export { FactIndex } from './src/core/facts/factIndex';",
        "export { parseFactFile } from './src/core/facts/parseFactFile';",
      ].join('\n'),
      resolveDir: ROOT,
      loader: 'ts',
      sourcefile: 'bench-engine.ts',
    },
    outfile: join(dir, 'engine.cjs'),
  });
  if (opts.profile) {
    // Unminified, so the profile reads (no keepNames: its __name wrappers would show up in the profile).
    await esbuild.build({
      ...esbuildCommon,
      minify: false,
      entryPoints: [join(ROOT, 'src/server/main.ts')],
      outfile: join(dir, 'server-prof.js'),
    });
  }
  return {
    cli: join(dir, 'dist', 'cli.js'),
    server: join(dir, 'dist', 'server.js'),
    engine: join(dir, 'engine.cjs'),
    serverProf: join(dir, 'server-prof.js'),
  };
}

/** The server as git `ref` builds it (its own esbuild.mjs --production), for --against. */
async function buildRef(ref) {
  const dir = join(TMP, 'against');
  mkdirSync(dir, { recursive: true });
  log(`building the server of ${ref} into the temp dir`);
  const archive = execFileSync('git', ['archive', '--format=tar', ref, 'src', 'esbuild.mjs', 'package.json', 'tsconfig.json'], {
    cwd: ROOT,
    maxBuffer: 1 << 28,
  });
  execFileSync('tar', ['-x', '-C', dir], { input: archive });
  symlinkSync(join(ROOT, 'node_modules'), join(dir, 'node_modules'));
  const r = await runProcess([join(dir, 'esbuild.mjs'), '--production'], { cwd: dir, timeoutMs: 300_000 });
  if (r.code !== 0) throw new Error(`build of ${ref} failed (exit ${r.code}): ${r.stderr.trim().slice(-2000)}`);
  const commit = execFileSync('git', ['rev-parse', '--short', ref], { cwd: ROOT, encoding: 'utf8' }).trim();
  return { ref, commit, server: join(dir, 'dist', 'server.js') };
}

// ---------------------------------------------------------------- corpus
function setUpCorpus() {
  log('generating briefings and fact files');
  const dir = join(TMP, 'corpus');
  const paths = writeCorpus(dir);
  const size = (p) => statSync(p).size;
  const briefs = {};
  for (const s of ['tiny', ...SIZES, '100kb-100k']) briefs[s] = { path: paths[`brief${s}`], bytes: size(paths[`brief${s}`]) };
  const place = (sub, files) => {
    const d = join(TMP, sub);
    mkdirSync(d, { recursive: true });
    for (const f of files) copyFileSync(f, join(d, relative(dir, f)));
    return d;
  };
  const briefFiles = SIZES.map((s) => briefs[s].path);
  const dirs = {
    corpus: dir,
    markdownlint: place('markdownlint', briefFiles),
    remark: place('remark', briefFiles),
    ws10k: place('ws-10k-facts', [paths.facts10k, ...briefFiles]),
    ws100k: place('ws-100k-facts', [paths.facts100k, briefs['100kb-100k'].path]),
  };
  // remark-cli reads .remarkrc.json next to the files; plugins by absolute path, as the temp dir has no node_modules.
  const plugins = ['remark-gfm/index.js', 'remark-lint-no-undefined-references/index.js'].map((p) => join(ROOT, 'node_modules', p));
  writeFileSync(join(dirs.remark, '.remarkrc.json'), JSON.stringify({ plugins: plugins.filter(existsSync) }, null, 2));
  return { paths, briefs, dirs, factsBytes: { '10k': size(paths.facts10k), '100k': size(paths.facts100k) } };
}

// ---------------------------------------------------------------- 1, 2, 5: cold processes
async function benchProcesses(bin, corpus) {
  const { dirs, briefs } = corpus;
  const mdlBin = join(ROOT, 'node_modules/markdownlint-cli2/markdownlint-cli2-bin.mjs');
  const remarkBin = join(ROOT, 'node_modules/remark-cli/cli.js');
  const name = (s) => `bench-${s}.brief.md`;
  const commands = [
    { id: 'cli-tiny', args: [bin.cli, '--format', 'json', '--facts', 'facts-10k.facts.json', name('tiny')], cwd: dirs.corpus, ok: [0, 1] },
  ];
  for (const s of SIZES) {
    commands.push({
      id: `cli-${s}`,
      args: [bin.cli, '--format', 'json', '--facts', 'facts-10k.facts.json', name(s)],
      cwd: dirs.corpus,
      ok: [0, 1],
    });
    // The same with one thread: what the CLI costs where it cannot use a second core.
    if (s === '1mb')
      commands.push({
        id: `cli1-${s}`,
        args: [bin.cli, '--format', 'json', '--concurrency', '1', '--facts', 'facts-10k.facts.json', name(s)],
        cwd: dirs.corpus,
        ok: [0, 1],
      });
    commands.push({ id: `baseline-${s}`, args: [join(ROOT, 'bench/baseline-parse.mjs'), briefs[s].path], cwd: dirs.corpus, ok: [0] });
    if (existsSync(mdlBin)) commands.push({ id: `markdownlint-${s}`, args: [mdlBin, name(s)], cwd: dirs.markdownlint, ok: [0, 1] });
    if (existsSync(remarkBin))
      commands.push({ id: `remark-${s}`, args: [remarkBin, '--no-stdout', name(s)], cwd: dirs.remark, ok: [0, 1] });
  }
  const times = Object.fromEntries(commands.map((c) => [c.id, []]));
  const rounds = [];
  const info = {};
  const failed = {};
  for (let round = 0; round <= RUNS; round++) {
    log(
      round === 0 ? `cold processes: warm-up round (${commands.length} commands, not counted)` : `cold processes: round ${round}/${RUNS}`,
    );
    const perRound = {};
    // Rotate the order each round, so slow drift in machine load spreads over all commands.
    const order = commands.map((_, i) => commands[(i + round) % commands.length]);
    for (const c of order) {
      if (failed[c.id]) continue;
      const r = await runProcess(c.args, { cwd: c.cwd, keepStdout: round === 0 && c.id.startsWith('cli-') });
      if (r.timedOut || !c.ok.includes(r.code)) {
        failed[c.id] = r.timedOut
          ? `timed out after ${CLI_TIMEOUT_MS} ms`
          : `exit ${r.code ?? r.signal}: ${r.stderr.trim().split('\n').slice(-3).join(' | ')}`;
        log(`  ${c.id} FAILED: ${failed[c.id]}`);
        continue;
      }
      if (round === 0) {
        if (c.id.startsWith('cli-')) {
          try {
            const findings = JSON.parse(r.stdout);
            const codes = {};
            for (const f of findings) codes[f.code] = (codes[f.code] ?? 0) + 1;
            info[c.id] = { findings: findings.length, codes };
          } catch {
            failed[c.id] = 'output is not JSON';
          }
        } else if (c.id.startsWith('markdownlint-')) {
          info[c.id] = { findings: r.stderr.split('\n').filter((l) => /^\S+\.md:\d+/.test(l)).length };
        } else if (c.id.startsWith('remark-')) {
          info[c.id] = { findings: (r.stderr.match(/\bwarning\b/g) ?? []).length };
        }
        continue;
      }
      times[c.id].push(r.ms);
      perRound[c.id] = r.ms;
    }
    if (round > 0) rounds.push(perRound);
  }
  return { times, rounds, info, failed };
}

// ---------------------------------------------------------------- 3: full check in-process
/** Engine warm-up and measuring, per size, in milliseconds of checks (see the engine script). */
const WARM_MS = 3000;
const MEASURE_MS = 2000;

async function benchEngine(bin, corpus) {
  log(
    `engine in-process: checkBriefing per size, 1 cold run, ${WARM_MS} ms of warm-up, then at least ${RUNS} runs and ${MEASURE_MS} ms measured; each size in its own process, then all sizes interleaved in one`,
  );
  const script = join(TMP, 'build', 'engine-bench.cjs');
  writeFileSync(
    script,
    `const { readFileSync } = require('node:fs');
const { checkBriefing, FactIndex, parseFactFile } = require(${JSON.stringify(bin.engine)});
const [factsPath, runs, ...briefs] = process.argv.slice(2);
let t = performance.now();
const facts = FactIndex.from([parseFactFile(readFileSync(factsPath, 'utf8'), factsPath)]);
const out = { loadFactsMs: performance.now() - t, sizes: {} };
const docs = briefs.map((b) => {
  const [label, path] = b.split('=');
  return { label, text: readFileSync(path, 'utf8') };
});
for (const { label } of docs) out.sizes[label] = { first: 0, warm: [], findings: 0 };
const check = (text) => {
  const started = performance.now();
  const findings = checkBriefing(text, facts, { rules: {}, citationScope: 'sentence' }).findings.length;
  return { ms: performance.now() - started, findings };
};
// The first round of every size is the cold one. "Warm" means the JIT has had as long with
// every size (${WARM_MS} ms of checks, however many that takes), not as many checks: one
// check of 1 MB optimises the code, a 10 KB one does not. Then the measured rounds go
// through the sizes in turn, at least ${RUNS} and ${MEASURE_MS} ms of checks each.
for (const { label, text } of docs) Object.assign(out.sizes[label], (({ ms, findings }) => ({ first: ms, findings }))(check(text)));
for (const { label, text } of docs) {
  const until = performance.now() + ${WARM_MS};
  do check(text); while (performance.now() < until);
}
const spent = Object.fromEntries(docs.map((d) => [d.label, 0]));
for (let i = 0; docs.some((d) => out.sizes[d.label].warm.length < Number(runs) || spent[d.label] < ${MEASURE_MS}); i++) {
  for (const { label, text } of docs) {
    if (out.sizes[label].warm.length >= Number(runs) && spent[label] >= ${MEASURE_MS}) continue;
    const { ms } = check(text);
    out.sizes[label].warm.push(ms);
    spent[label] += ms;
  }
}
process.stdout.write(JSON.stringify(out));
`,
  );
  const run = async (sizes) => {
    const r = await runProcess([script, corpus.paths.facts10k, String(RUNS), ...sizes.map((s) => `${s}=${corpus.briefs[s].path}`)], {
      keepStdout: true,
      timeoutMs: 600_000,
    });
    if (r.code !== 0) throw new Error(`engine benchmark failed: ${r.stderr.slice(-2000)}`);
    return JSON.parse(r.stdout);
  };
  // Each size in a process of its own, as an editor checks one briefing again and again:
  // the figures the goals use. A small briefing checked right after a 1 MB one pays for
  // the large one's garbage and its JIT state, so the interleaved run (all sizes in one
  // process, in turn) is kept only for reference.
  const own = { sizes: {} };
  for (const s of SIZES) {
    const r = await run([s]);
    own.sizes[s] = r.sizes[s];
    own.loadFactsMs = r.loadFactsMs;
  }
  own.interleaved = (await run(SIZES)).sizes;
  return own;
}

// ---------------------------------------------------------------- 3, 4: language server
/** A position in the middle of a prose paragraph near the middle of the document, inside a word. */
function editPoint(text) {
  const lines = text.split('\n');
  for (let i = lines.length >> 1; i < lines.length; i++) {
    const line = lines[i];
    if (line.length < 150 || !/^[A-Z*]/.test(line)) continue;
    const at = line.indexOf(' the ', line.length >> 1);
    if (at !== -1) return { line: i, character: at + 2 };
  }
  throw new Error('no prose paragraph found to edit');
}

/** Alternating one-character insert and delete at `pos`, as incremental content changes. */
function oneCharEdit(k, pos) {
  const insert = k % 2 === 0;
  const end = insert ? pos : { line: pos.line, character: pos.character + 1 };
  return [{ range: { start: pos, end }, text: insert ? 'x' : '' }];
}

async function editSeries(session, uri, pos, edits, afterEach = () => undefined) {
  for (let k = 0; k < 2; k++) await session.change(uri, oneCharEdit(k, pos)); // warm-up, not counted
  const ms = [];
  for (let k = 0; k < edits; k++) {
    await sleep(50);
    ms.push((await session.change(uri, oneCharEdit(k, pos))).ms);
    afterEach();
  }
  return ms;
}

async function benchServerLatency(bin, corpus, mode) {
  const session = new LspSession({ server: bin.server, root: corpus.dirs.ws10k, mode, children, timeoutMs: LSP_TIMEOUT_MS });
  const result = { sizes: {} };
  try {
    result.initMs = await session.start();
    log(`server (${mode}): started, pid ${session.pid}`);
    for (const s of SIZES) {
      const path = join(corpus.dirs.ws10k, `bench-${s}.brief.md`);
      const text = readFileSync(path, 'utf8');
      const open = await session.open(path, text);
      const pos = editPoint(text);
      log(
        `server (${mode}): ${SIZE_LABEL[s]} opened in ${fmtMs(open.ms)} (${open.count} diagnostics); ${EDITS} one-character edits at ${pos.line + 1}:${pos.character + 1}`,
      );
      const edits = await editSeries(session, open.uri, pos, EDITS);
      const entry = { openMs: open.ms, diagnostics: open.count, edits, at: pos };
      if (mode === 'push' && s === '1mb') {
        // What the protocol floor's server will publish (benchProtocolFloor).
        result.floorDiagnostics = join(TMP, 'diagnostics-1mb.json');
        writeFileSync(result.floorDiagnostics, JSON.stringify(open.diagnostics));
      }
      if (mode === 'push') {
        // A full re-check through the server: didChange replacing the whole text.
        log(`server (${mode}): ${SIZE_LABEL[s]} ${RUNS} whole-text didChange`);
        const lines = text.split('\n');
        const changed = [
          ...lines.slice(0, pos.line),
          lines[pos.line].slice(0, pos.character) + 'x' + lines[pos.line].slice(pos.character),
          ...lines.slice(pos.line + 1),
        ].join('\n');
        entry.full = [];
        for (let k = 0; k < RUNS; k++) {
          await sleep(50);
          entry.full.push((await session.change(open.uri, [{ text: k % 2 === 0 ? changed : text }])).ms);
        }
      }
      entry.memory = session.memory();
      session.close(open.uri);
      result.sizes[s] = entry;
      await sleep(200);
    }
  } finally {
    await session.stop();
  }
  return result;
}

/**
 * The protocol floor: the same one-character edits of the 1 MB briefing against
 * bench/null-server.mjs, which checks nothing and publishes the diagnostics the real server
 * published for that briefing. What is left of the real server's latency is the checking.
 */
async function benchProtocolFloor(corpus, diagnosticsPath) {
  if (!diagnosticsPath) return undefined;
  const session = new LspSession({
    server: join(ROOT, 'bench', 'null-server.mjs'),
    serverArgs: ['--diagnostics', diagnosticsPath],
    root: corpus.dirs.ws10k,
    mode: 'push',
    children,
    timeoutMs: LSP_TIMEOUT_MS,
  });
  try {
    await session.start();
    const path = join(corpus.dirs.ws10k, 'bench-1mb.brief.md');
    const text = readFileSync(path, 'utf8');
    const open = await session.open(path, text);
    log(`protocol floor: a server that checks nothing publishes ${open.count} diagnostics; ${EDITS} one-character edits`);
    return { count: open.count, edits: await editSeries(session, open.uri, editPoint(text), EDITS) };
  } finally {
    await session.stop();
  }
}

/**
 * 1 MB edits with every problem published (`briefing.maxProblems` 0): the server's default
 * lists at most 1000 per file, as VS Code does, and this is what a client that wants them
 * all waits for. Also saves what it published, for that list's protocol floor.
 */
async function benchEveryProblem(bin, corpus) {
  const session = everyProblemSession(bin.server, corpus);
  try {
    await session.start();
    const path = join(corpus.dirs.ws10k, 'bench-1mb.brief.md');
    const text = readFileSync(path, 'utf8');
    const open = await session.open(path, text);
    log(`server (push, every problem): 1 MB opened, ${open.count} diagnostics; ${EDITS} one-character edits`);
    const floorDiagnostics = join(TMP, 'diagnostics-1mb-all.json');
    writeFileSync(floorDiagnostics, JSON.stringify(open.diagnostics));
    return { count: open.count, edits: await editSeries(session, open.uri, editPoint(text), EDITS), floorDiagnostics };
  } finally {
    await session.stop();
  }
}

/** A push session of `server` told to publish every problem (`briefing.maxProblems` 0; older builds ignore it and publish them all anyway). */
function everyProblemSession(server, corpus) {
  return new LspSession({
    server,
    root: corpus.dirs.ws10k,
    mode: 'push',
    children,
    timeoutMs: LSP_TIMEOUT_MS,
    settings: { maxProblems: 0 },
  });
}

/** Sizes the --against comparison edits, and its rounds (each a session of each build, in alternating order). */
const AGAINST_SIZES = ['100kb', '1mb'];
const AGAINST_ROUNDS = opts.quick ? 2 : 4;

/**
 * Edit latency of this build and of `other` (push), in sessions that take turns: each round
 * starts a server of each build (first one, then the other, alternating), opens the 100 KB
 * and 1 MB briefings and times EDITS one-character edits on each, as benchServerLatency.
 */
async function benchAgainst(bin, other, corpus) {
  const builds = { this: bin.server, other: other.server };
  const result = Object.fromEntries(Object.keys(builds).map((b) => [b, Object.fromEntries(AGAINST_SIZES.map((s) => [s, []]))]));
  const rounds = [];
  for (let round = 0; round < AGAINST_ROUNDS; round++) {
    const order = round % 2 === 0 ? ['this', 'other'] : ['other', 'this'];
    const perRound = {};
    for (const which of order) {
      log(`against ${other.ref}: round ${round + 1}/${AGAINST_ROUNDS}, ${which === 'this' ? 'this build' : other.ref}`);
      // Like for like: both publish every problem (a build before briefing.maxProblems always did).
      const session = everyProblemSession(builds[which], corpus);
      try {
        await session.start();
        for (const s of AGAINST_SIZES) {
          const path = join(corpus.dirs.ws10k, `bench-${s}.brief.md`);
          const text = readFileSync(path, 'utf8');
          const open = await session.open(path, text);
          const edits = await editSeries(session, open.uri, editPoint(text), EDITS);
          result[which][s].push(...edits);
          perRound[`${which}-${s}`] = median(edits);
          session.close(open.uri);
          await sleep(200);
        }
      } finally {
        await session.stop();
      }
    }
    rounds.push(perRound);
  }
  return { ref: other.ref, commit: other.commit, samples: result, rounds };
}

const QUERIES = ['coal', 'trade with China', 'fuel imports Seoul', 'fact-77777', 'Statistical bulletin 1234', 'percent Vladivostok'];

async function benchServerMemory(bin, corpus) {
  const session = new LspSession({ server: bin.server, root: corpus.dirs.ws100k, mode: 'push', children, timeoutMs: LSP_TIMEOUT_MS });
  const result = { queries: [] };
  try {
    await session.start();
    await sleep(500);
    result.idle = session.memory();
    log(`server (100,000 facts): idle RSS ${result.idle.rssMiB.toFixed(1)} MiB; opening the 100 KB briefing`);
    const path = join(corpus.dirs.ws100k, 'bench-100kb-100k.brief.md');
    const text = readFileSync(path, 'utf8');
    const open = await session.open(path, text);
    result.openMs = open.ms;
    result.diagnostics = open.count;
    await sleep(500);
    result.loaded = session.memory();
    log(`server (100,000 facts): opened in ${fmtMs(open.ms)}, RSS ${result.loaded.rssMiB.toFixed(1)} MiB; ${EDITS} edits`);
    result.editRss = [];
    result.edits = await editSeries(session, open.uri, editPoint(text), EDITS, () => result.editRss.push(session.memory().rssMiB));
    await sleep(500);
    result.edited = session.memory();
    log(`server (100,000 facts): searchFacts, ${QUERIES.length} queries, first call + ${RUNS} warm`);
    for (const query of QUERIES) {
      const args = [{ uri: open.uri, query, limit: 200 }];
      const first = await session.command('briefing.server.searchFacts', args);
      const warm = [];
      for (let k = 0; k < RUNS; k++) warm.push((await session.command('briefing.server.searchFacts', args)).ms);
      result.queries.push({ query, results: Array.isArray(first.result) ? first.result.length : NaN, first: first.ms, warm });
    }
    await sleep(500);
    result.after = session.memory();
  } finally {
    await session.stop();
  }
  return result;
}

/** Functions of the engine and server whose time the profile section reports (those that do not occur are left out). */
const STAGE_NOTES = {
  checkBriefing: 'the whole engine on the whole text (non-incremental path)',
  analyzeBriefing: 'parse + model of the whole text (non-incremental path)',
  check: 'IncrementalChecker.check and any other function named check',
  fromMarkdown: 'mdast from micromark: the Markdown parse, whole text or changed runs',
  analyzeSegment: 'model of a parsed run',
  assembleModel: 'model of the document from its runs',
  splitSentences: 'sentence splitting',
  extractStatistics: 'statistic extraction',
  checkModel: 'all rules',
  checkStatistics: 'statistics rules (matching against facts)',
  resolveNotes: 'note resolution',
  toDiagnostic: 'findings → LSP diagnostics',
  '(garbage collector)': 'GC, all of the process',
};
/** The profile session pauses this long after opening, so the summary covers the edits only. */
const PROFILE_PAUSE_MS = 2500;

async function profileServer(bin, corpus) {
  const dir = join(TMP, 'profile');
  mkdirSync(dir, { recursive: true });
  log('profile: unminified server with --cpu-prof, 1 MB briefing, edits');
  const session = new LspSession({
    server: bin.serverProf,
    root: corpus.dirs.ws10k,
    mode: 'push',
    nodeArgs: ['--cpu-prof', `--cpu-prof-dir=${dir}`],
    children,
    timeoutMs: LSP_TIMEOUT_MS,
  });
  let edits;
  try {
    await session.start();
    const path = join(corpus.dirs.ws10k, 'bench-1mb.brief.md');
    const text = readFileSync(path, 'utf8');
    const open = await session.open(path, text);
    await sleep(PROFILE_PAUSE_MS);
    edits = await editSeries(session, open.uri, editPoint(text), EDITS);
  } finally {
    await session.stop();
  }
  const file = readdirSync(dir).find((f) => f.endsWith('.cpuprofile'));
  if (!file) return { error: 'no .cpuprofile written' };
  return { edits, checks: EDITS + 2, ...summarizeProfile(join(dir, file), 12, Object.keys(STAGE_NOTES), PROFILE_PAUSE_MS - 500) };
}

// ---------------------------------------------------------------- report
function report(r) {
  const { env, corpus, proc, engine, push, pull, mem, prof, dc, bib, against, floor, every, everyFloor } = r;
  const T = proc.times;
  const med = (id) => median(T[id] ?? []);
  const bytes = (s) => corpus.briefs[s].bytes;
  const kb = (s) => bytes(s) / 1024;
  const paired = (a, b) => proc.rounds.filter((x) => x[a] !== undefined && x[b] !== undefined).map((x) => x[a] / x[b]);
  const lines = [];
  const row = (...cells) => lines.push(`| ${cells.join(' | ')} |`);
  const met = (ok) => (ok === undefined ? 'n/a' : ok ? '**met**' : '**not met**');

  // Derived figures.
  const gate = med('cli-1mb') / med('baseline-1mb');
  const vsMdl = med('cli-1mb') / med('markdownlint-1mb');
  const perKb = SIZES.map((s) => med(`cli-${s}`) / kb(s));
  const flatRaw = max(perKb) / min(perKb);
  const fixed = med('cli-tiny');
  const perKbNet = SIZES.map((s) => (med(`cli-${s}`) - fixed) / (kb(s) - kb('tiny')));
  const flatNet = max(perKbNet) / min(perKbNet);
  const enginePerKb = SIZES.map((s) => median(engine.sizes[s].warm) / kb(s));
  const flatEngine = max(enginePerKb) / min(enginePerKb);
  const interleavedPerKb = SIZES.map((s) => median(engine.interleaved[s].warm) / kb(s));
  const flatInterleaved = max(interleavedPerKb) / min(interleavedPerKb);
  const mdlPerKb = SIZES.map((s) => med(`markdownlint-${s}`) / kb(s));
  const mdlFlat = max(mdlPerKb) / min(mdlPerKb);
  const gate1 = med('cli1-1mb') / med('baseline-1mb');
  const edit = (m, s) => median(m?.sizes[s]?.edits ?? []);
  const fullEngine = median(engine.sizes['1mb'].warm);
  const speedup = fullEngine / edit(push, '1mb');
  const speedupLsp = median(push?.sizes['1mb']?.full ?? []) / edit(push, '1mb');
  const mb = (mib) => (mib * 1024 * 1024) / 1e6;
  const rss100k = mb(mem.loaded.rssMiB);
  const searchWarm = mem.queries.map((q) => median(q.warm));
  const searchWorst = max(searchWarm);
  const searchFirst = mem.queries[0]?.first;

  lines.push('# Benchmarks', '');
  lines.push(
    `Generated by \`npm run bench\` (bench/run.mjs) on ${env.date}; do not edit by hand, run it again. It builds with \`node esbuild.mjs --production\` into a temp dir, generates the briefings and fact files there (bench/generate.mjs, seeded); this run took ${Math.round(env.totalS / 60)} minutes. Options: \`npm run bench -- --quick\` (fewer runs), \`--runs N\`, \`--edits N\`, \`--profile\` (adds the CPU profile section), \`--no-build\` (benchmark dist/ as it is), \`--keep\` (keep the temp dir), \`--out FILE\`, \`--against REF\` (also times edits on the server of git REF, interleaved with this build's).`,
    '',
  );
  if (env.loadStart[0] > env.machine.cores * 0.5 || env.loadEnd[0] > env.machine.cores * 0.5) {
    lines.push(
      `> **Caveat: the machine was busy during this run** (load average ${env.loadStart.map((x) => x.toFixed(1)).join(' / ')} at the start, ${env.loadEnd.map((x) => x.toFixed(1)).join(' / ')} at the end, on ${env.machine.cores} cores). Absolute times are inflated and noisy; ratios of commands run interleaved are more trustworthy than absolute figures.`,
      '',
    );
  }
  lines.push('## Goals', '');
  row('Goal', 'Measured (median)', 'Spread (min–max)', 'Target', 'Status');
  row('---', '---', '---', '---', '---');
  row(
    'CLI vs parse-only baseline, 1 MB, 1,000 notes, 10,000 facts (issue 2 gate)',
    `${fmtX(gate)} (${fmtMs(med('cli-1mb'))} vs ${fmtMs(med('baseline-1mb'))})`,
    `per round ${spreadX(paired('cli-1mb', 'baseline-1mb'))}`,
    '≤ 1.3×',
    met(gate <= 1.3),
  );
  const pullNote = (s) => (pull ? `; pull (VS Code): median ${fmtMs(edit(pull, s))}` : '');
  row(
    'One-character edit → fresh diagnostics, 100 KB (push)',
    fmtMs(edit(push, '100kb')),
    spread(push.sizes['100kb'].edits) + pullNote('100kb'),
    '≤ 15 ms',
    met(edit(push, '100kb') <= 15),
  );
  row(
    'One-character edit → fresh diagnostics, 1 MB (push)',
    fmtMs(edit(push, '1mb')),
    spread(push.sizes['1mb'].edits) + pullNote('1mb'),
    '≤ 40 ms',
    met(edit(push, '1mb') <= 40),
  );
  if (floor) {
    row(
      `… the protocol floor, 1 MB: a server that checks nothing and publishes the same ${floor.count.toLocaleString('en-US')} diagnostics (push; for reference)`,
      `${fmtMs(median(floor.edits))}; Briefing Check ${fmtX(edit(push, '1mb') / median(floor.edits))} that`,
      spread(floor.edits),
      '',
      '',
    );
  }
  if (every) {
    row(
      `… 1 MB with every problem published (\`briefing.maxProblems\` 0: ${every.count.toLocaleString('en-US')} diagnostics; for reference)`,
      fmtMs(median(every.edits)),
      spread(every.edits) +
        (everyFloor
          ? `; protocol floor for these ${everyFloor.count.toLocaleString('en-US')}: ${fmtMs(median(everyFloor.edits))}, Briefing Check ${fmtX(median(every.edits) / median(everyFloor.edits))} that`
          : ''),
      '',
      '',
    );
  }
  if (against) {
    for (const s of [...AGAINST_SIZES].reverse()) {
      const ratio = median(against.samples.this[s]) / median(against.samples.other[s]);
      const perRound = against.rounds.map((x) => x[`this-${s}`] / x[`other-${s}`]);
      row(
        `One-character edit → diagnostics, ${SIZE_LABEL[s]}: this build ÷ \`${against.ref}\` (${against.commit}), sessions interleaved`,
        `${fmtX(ratio)} (${fmtMs(median(against.samples.this[s]))} vs ${fmtMs(median(against.samples.other[s]))})`,
        `per round ${spreadX(perRound)}`,
        '',
        '',
      );
    }
  }
  row(
    'Edit vs full re-check, 1 MB (full = engine `checkBriefing` in-process, warm)',
    `${fmtX(speedup)} (full ${fmtMs(fullEngine)} ÷ edit ${fmtMs(edit(push, '1mb'))})`,
    `full ${spread(engine.sizes['1mb'].warm)}`,
    '≥ 20×',
    met(speedup >= 20),
  );
  row(
    'Cold CLI vs markdownlint-cli2, 1 MB',
    `${fmtX(vsMdl)} (${fmtMs(med('cli-1mb'))} vs ${fmtMs(med('markdownlint-1mb'))})`,
    `per round ${spreadX(paired('cli-1mb', 'markdownlint-1mb'))}`,
    '≤ 1.0×',
    met(vsMdl <= 1.0),
  );
  row(
    'Check time per KB, flatness max/min over 10 KB / 100 KB / 1 MB (engine `checkBriefing` in-process, warm, each size in its own process; no superlinear step)',
    fmtX(flatEngine),
    enginePerKb.map((x) => `${x.toFixed(2)}`).join(' / ') + ' ms/KB',
    '≤ 1.5×',
    met(flatEngine <= 1.5),
  );
  row(
    '… the same, all sizes in one process, in turn (for reference)',
    fmtX(flatInterleaved),
    interleavedPerKb.map((x) => `${x.toFixed(2)}`).join(' / ') + ' ms/KB',
    '',
    '',
  );
  row(
    '… the whole CLI process, for reference (start-up and the fact file are a fixed cost)',
    fmtX(flatRaw),
    perKb.map((x) => `${x.toFixed(2)}`).join(' / ') + ` ms/KB; markdownlint-cli2 ${fmtX(mdlFlat)}`,
    '≤ 1.5×',
    met(flatRaw <= 1.5),
  );
  row(
    '… the CLI net of its fixed cost (time of a ~1 KB briefing subtracted)',
    fmtX(flatNet),
    perKbNet.map((x) => `${x.toFixed(2)}`).join(' / ') + ' ms/KB',
    '≤ 1.5×',
    met(flatNet <= 1.5),
  );
  row(
    'CLI with one thread (`--concurrency 1`) vs parse-only baseline, 1 MB (for reference)',
    `${fmtX(gate1)} (${fmtMs(med('cli1-1mb'))} vs ${fmtMs(med('baseline-1mb'))})`,
    `per round ${spreadX(paired('cli1-1mb', 'baseline-1mb'))}`,
    '',
    '',
  );
  row(
    `Server RSS with 100,000 facts loaded (${(corpus.factsBytes['100k'] / 1e6).toFixed(0)} MB fact file), 100 KB briefing open and checked`,
    `${rss100k.toFixed(0)} MB`,
    `idle server ${mb(mem.idle.rssMiB).toFixed(0)} MB; while editing ${mb(min(mem.editRss)).toFixed(0)}–${mb(max(mem.editRss)).toFixed(0)} MB; peak (VmHWM) ${mb(mem.after.hwmMiB).toFixed(0)} MB`,
    '< 150 MB',
    met(rss100k < 150),
  );
  row(
    'Fact filtering (`searchFacts`, 100,000 facts, slowest query, warm)',
    fmtMs(searchWorst),
    `first call ${fmtMs(searchFirst)} (builds the search)`,
    '< 20 ms',
    met(searchWorst < 20),
  );
  row(
    '5,000-entry .bib: open the briefing → diagnostics (fresh server)',
    fmtMs(bib.firstMs),
    `server CPU ${fmtMs(bib.firstCpuMs)}; runs ${bib.firstMsAll.map(fmt).join(', ')} ms`,
    '< 1 s',
    met(bib.firstMs < 1000),
  );
  row(
    '5,000-entry .bib: server RSS it adds',
    `${mb(bib.addedRssMiB).toFixed(0)} MB`,
    `peak ${mb(bib.peakRssMiB).toFixed(0)} MB`,
    '< 50 MB',
    met(mb(bib.addedRssMiB) < 50),
  );
  lines.push('');
  lines.push(
    'MB here is 10⁶ bytes (VmRSS is reported in KiB and converted). "Push" is `textDocument/publishDiagnostics` for the edited version, as any LSP editor receives it; see the latency section for pull (what VS Code uses).',
    '',
  );

  // ---- cold CLI
  lines.push('## Cold CLI and other tools', '');
  lines.push(
    `Whole processes, spawn to exit, file cache warm; ${RUNS} interleaved rounds after one warm-up round. Briefing Check: \`node dist/cli.js --format json --facts facts-10k.facts.json <file>\` (10,000 facts, ${(corpus.factsBytes['10k'] / 1e6).toFixed(1)} MB), with its default \`--concurrency auto\` (from 128,000 characters on, the briefing is parsed in chunks by worker threads, one per core: ${cpus().length} here); the "one thread" row adds \`--concurrency 1\`. Baseline: \`node bench/baseline-parse.mjs <file>\` (unified + remark-parse + remark-gfm, parse only). markdownlint-cli2: default config (all default rules). remark-cli: \`remark --no-stdout <file>\` with a \`.remarkrc.json\` using remark-gfm and remark-lint-no-undefined-references.`,
    '',
  );
  row(
    'Briefing',
    'Bytes',
    'Briefing Check',
    'Parse-only baseline',
    'markdownlint-cli2',
    'remark-cli',
    'BC ÷ baseline',
    'BC ÷ markdownlint',
    'BC ÷ remark',
    'BC ms/KB',
  );
  row('---', '---:', '---:', '---:', '---:', '---:', '---:', '---:', '---:', '---:');
  const cell = (id) => (T[id]?.length ? `${fmtMs(med(id))}<br>${spread(T[id])}` : proc.failed[id] ? `failed: ${proc.failed[id]}` : 'n/a');
  row('~1 KB (fixed cost)', bytes('tiny'), cell('cli-tiny'), '', '', '', '', '', '', '');
  row(
    '1 MB, one thread',
    bytes('1mb'),
    cell('cli1-1mb'),
    cell('baseline-1mb'),
    cell('markdownlint-1mb'),
    cell('remark-1mb'),
    fmtX(gate1),
    fmtX(med('cli1-1mb') / med('markdownlint-1mb')),
    fmtX(med('cli1-1mb') / med('remark-1mb')),
    (med('cli1-1mb') / kb('1mb')).toFixed(2),
  );
  for (const s of SIZES) {
    row(
      SIZE_LABEL[s],
      bytes(s),
      cell(`cli-${s}`),
      cell(`baseline-${s}`),
      cell(`markdownlint-${s}`),
      cell(`remark-${s}`),
      fmtX(med(`cli-${s}`) / med(`baseline-${s}`)),
      fmtX(med(`cli-${s}`) / med(`markdownlint-${s}`)),
      fmtX(med(`cli-${s}`) / med(`remark-${s}`)),
      (med(`cli-${s}`) / kb(s)).toFixed(2),
    );
  }
  lines.push('');
  lines.push(
    'Findings in the first run: ' +
      SIZES.map(
        (s) =>
          `${SIZE_LABEL[s]}: Briefing Check ${proc.info[`cli-${s}`]?.findings ?? '?'} (${Object.entries(proc.info[`cli-${s}`]?.codes ?? {})
            .map(([c, n]) => `${c} ${n}`)
            .join(
              ', ',
            )}), markdownlint-cli2 ${proc.info[`markdownlint-${s}`]?.findings ?? '?'}, remark-cli ${proc.info[`remark-${s}`]?.findings ?? '?'}`,
      ).join('; ') +
      '.',
    '',
  );

  // ---- per KB
  lines.push('## Time per KB', '');
  row(
    'Briefing',
    'CLI, whole process',
    'CLI, net of fixed cost',
    'Engine in-process (`checkBriefing`, warm)',
    'Engine, sizes interleaved in one process',
  );
  row('---', '---:', '---:', '---:', '---:');
  SIZES.forEach((s, i) =>
    row(
      SIZE_LABEL[s],
      `${perKb[i].toFixed(2)} ms/KB`,
      `${perKbNet[i].toFixed(2)} ms/KB`,
      `${enginePerKb[i].toFixed(3)} ms/KB`,
      `${interleavedPerKb[i].toFixed(3)} ms/KB`,
    ),
  );
  row('max ÷ min', fmtX(flatRaw), fmtX(flatNet), fmtX(flatEngine), fmtX(flatInterleaved));
  lines.push('');
  lines.push(
    `The whole-process figure is dominated at 10 KB by Node's start-up, loading the bundle and parsing the 10,000-fact file (${fmtMs(fixed)} for a ~1 KB briefing; the engine loads and indexes the facts in ${fmtMs(engine.loadFactsMs)} in-process), so it cannot be flat for any tool; the net and engine columns show how the checking itself scales. The engine column checks each size in a process of its own, as an editor checks one briefing again and again: after a cold check, ${WARM_MS / 1000} s of checks warm the JIT up (a single check of 1 MB optimises the code; seven of 10 KB do not), then at least ${RUNS} checks and ${MEASURE_MS / 1000} s are measured. Interleaving the sizes in one process makes the small ones pay for the large ones' garbage and JIT state: that column is for reference.`,
    '',
  );

  // ---- server latency
  lines.push('## Language server: one-character edit → diagnostics', '');
  lines.push(
    `\`node ${SERVER_NODE_ARGS.join(' ')} dist/server.js --stdio\` (the flags VS Code starts it with) spoken to over JSON-RPC (vscode-jsonrpc ${jsonRpc.version}). A temp workspace holds the three briefings and the 10,000-fact file (found by the default \`briefing.factFiles\`). Each briefing is opened, then ${EDITS} measured edits (after 2 warm-up edits) alternately insert and delete one character in the middle of a paragraph halfway down the document, as incremental \`didChange\`s; latency is from sending the change to receiving the diagnostics of that version (\`publishDiagnostics.version\`), debounce included. Pull: the client declares \`textDocument.diagnostic\`, so the server answers \`textDocument/diagnostic\` requests (sent right after each change, as vscode-languageclient does) instead of pushing.`,
    '',
  );
  row(
    'Briefing',
    'Open → diagnostics',
    'Edit → diagnostics, push',
    'Edit → diagnostics, pull',
    'Whole-text didChange → diagnostics (push)¹',
    'Engine full check in-process: first / warm',
    'Full ÷ edit (push)',
  );
  row('---', '---:', '---:', '---:', '---:', '---:', '---:');
  for (const s of SIZES) {
    const p = push.sizes[s];
    const q = pull?.sizes[s];
    const e = engine.sizes[s];
    row(
      `${SIZE_LABEL[s]} (${p.diagnostics} diagnostics)`,
      fmtMs(p.openMs),
      `${fmtMs(median(p.edits))}<br>${spread(p.edits)}`,
      q ? `${fmtMs(median(q.edits))}<br>${spread(q.edits)}` : 'n/a',
      `${fmtMs(median(p.full))}<br>${spread(p.full)}`,
      `${fmtMs(e.first)} / ${fmtMs(median(e.warm))}`,
      fmtX(median(e.warm) / median(p.edits)),
    );
  }
  lines.push('');
  lines.push(
    `Full re-check ÷ edit latency on 1 MB: ${fmtX(speedup)} against the in-process engine (\`checkBriefing\` on the whole text, warm: the goal's reference), ${fmtX(speedupLsp)} against a whole-text \`didChange\` through the server.`,
    ...(floor
      ? [
          '',
          `**Protocol floor** (bench/null-server.mjs): the same ${EDITS} edits of the 1 MB briefing against a server that keeps the document in sync as this one does but checks nothing, and after each change publishes the ${floor.count.toLocaleString('en-US')} diagnostics this server published for it (the same JSON, stamped with the version): ${fmtMs(median(floor.edits))}, ${spread(floor.edits)}. That is what applying the edit, serializing the diagnostics, the pipe and the client's parse cost on this machine; Briefing Check's ${fmtMs(edit(push, '1mb'))} is ${fmtX(edit(push, '1mb') / median(floor.edits))} of it, and the difference, ${fmtMs(edit(push, '1mb') - median(floor.edits))}, is the checking.`,
        ]
      : []),
    ...(every
      ? [
          '',
          `**Every problem published**: the server lists at most \`briefing.maxProblems\` problems per file (default 1000, as many as VS Code lists; src/server/features/problemLimit.ts), so by default the 1 MB briefing's edits publish ${push.sizes['1mb'].diagnostics.toLocaleString('en-US')} diagnostics. With the setting at 0, a session of its own publishes all ${every.count.toLocaleString('en-US')}: ${fmtMs(median(every.edits))}, ${spread(every.edits)}${everyFloor ? `, against a protocol floor of ${fmtMs(median(everyFloor.edits))} for the same ${everyFloor.count.toLocaleString('en-US')} diagnostics` : ''}.`,
        ]
      : []),
    '',
    '¹ A whole-text `didChange` (the text with or without the inserted character) goes through the server as an editor would send it; a server that diffs successive texts can still reuse its previous analysis, so this is not necessarily a full re-check. The engine column is.',
    '',
  );
  if (dc) {
    lines.push(
      `**What the debounce does** (src/server/features/diagnostics.ts, push mode only): after each change the server cancels any pending check of the document and schedules a new one after a delay that depends on how long the *previous* check of that document took: no delay if it took under ${dc.fast} ms, otherwise ${dc.factor}× that time, clamped to ${dc.minDelay}–${dc.maxDelay} ms. The check itself (\`Analyzer.analyze\`, ${dc.incremental ? "an `IncrementalChecker` per document that reuses the previous version's analysis of unchanged parts" : '`checkBriefing` on the whole text'}) then runs on the main thread, and diagnostics are published only if the document has not changed meanwhile. So whenever the previous check took ${dc.fast} ms or more, an edit's diagnostics wait at least ${dc.minDelay} ms before the check even starts. In pull mode (VS Code) there is no server-side debounce: each \`textDocument/diagnostic\` request runs the check at once.`,
      '',
    );
  }
  if (against) {
    lines.push(
      `**Against \`${against.ref}\`** (\`--against ${against.ref}\`, git ${against.commit}): the server of that commit, built by its own \`esbuild.mjs --production\`, and this build's take turns, ${AGAINST_ROUNDS} rounds of one session each (the first build alternating), both told \`briefing.maxProblems\` 0 so that both publish every problem (a build without the setting ignores it), each session opening the ${AGAINST_SIZES.map((s) => SIZE_LABEL[s]).join(' and ')} briefings and timing ${EDITS} one-character edits on each as above. Both builds see the same machine load, so their ratio holds where absolute times do not.`,
      '',
    );
    row('Briefing', 'This build, edit → diagnostics', `\`${against.ref}\`, edit → diagnostics`, 'Ratio of medians', 'Per-round ratios');
    row('---', '---:', '---:', '---:', '---:');
    for (const s of AGAINST_SIZES) {
      const a = against.samples.this[s];
      const b = against.samples.other[s];
      row(
        SIZE_LABEL[s],
        `${fmtMs(median(a))}<br>${spread(a)}`,
        `${fmtMs(median(b))}<br>${spread(b)}`,
        fmtX(median(a) / median(b)),
        spreadX(against.rounds.map((x) => x[`this-${s}`] / x[`other-${s}`])),
      );
    }
    lines.push('');
  }
  lines.push(
    `Server RSS after each briefing (push session): ${SIZES.map((s) => `${SIZE_LABEL[s]} ${mb(push.sizes[s].memory.rssMiB).toFixed(0)} MB`).join(', ')}.`,
    '',
  );

  // ---- memory and search
  lines.push('## Language server: 100,000 facts', '');
  lines.push(
    `A workspace with a ${(corpus.factsBytes['100k'] / 1e6).toFixed(1)} MB fact file (100,000 facts, 2,000 sources) and a 100 KB briefing citing it. RSS of the server process (VmRSS from /proc/<pid>/status).`,
    '',
  );
  row('Moment', 'RSS', 'Peak (VmHWM)');
  row('---', '---:', '---:');
  row('Initialized, nothing open', `${mb(mem.idle.rssMiB).toFixed(0)} MB`, `${mb(mem.idle.hwmMiB).toFixed(0)} MB`);
  row(
    `Briefing open, facts loaded and indexed (open → diagnostics ${fmtMs(mem.openMs)})`,
    `${mb(mem.loaded.rssMiB).toFixed(0)} MB`,
    `${mb(mem.loaded.hwmMiB).toFixed(0)} MB`,
  );
  row(
    `After each of ${EDITS} one-character edits (min–max)`,
    `${mb(min(mem.editRss)).toFixed(0)}–${mb(max(mem.editRss)).toFixed(0)} MB`,
    '',
  );
  row(`After ${EDITS + 2} one-character edits`, `${mb(mem.edited.rssMiB).toFixed(0)} MB`, `${mb(mem.edited.hwmMiB).toFixed(0)} MB`);
  row(
    `After the searches below (${QUERIES.length * (RUNS + 1)} calls)`,
    `${mb(mem.after.rssMiB).toFixed(0)} MB`,
    `${mb(mem.after.hwmMiB).toFixed(0)} MB`,
  );
  lines.push('');
  lines.push(
    'RSS between garbage collections rises and falls (V8 collects the old generation lazily), so the single readings depend on timing; the peak is what the machine must have.',
    '',
  );
  lines.push(
    `One-character edit → diagnostics on that 100 KB briefing with 100,000 facts loaded (push): ${fmtMs(median(mem.edits))}, ${spread(mem.edits)}.`,
    '',
  );
  lines.push(
    `\`workspace/executeCommand briefing.server.searchFacts\` with \`{ uri, query, limit: 200 }\` (what the Find Fact picker sends), round trip: the first call of the first query also builds the search index.`,
    '',
  );
  row('Query', 'Results', 'First call', `Warm median (${RUNS} calls)`);
  row('---', '---:', '---:', '---:');
  for (const q of mem.queries) row(`\`${q.query}\``, q.results, fmtMs(q.first), `${fmtMs(median(q.warm))}<br>${spread(q.warm)}`);
  lines.push('');

  if (prof) {
    lines.push('## Where the server spends an edit (CPU profile, 1 MB)', '');
    if (prof.error) lines.push(prof.error, '');
    else {
      const checks = prof.checks;
      lines.push(
        `Unminified server (same sources) under \`node --cpu-prof\`, 1 MB briefing. Only the ${checks} one-character edits are summarised (median latency ${fmtMs(median(prof.edits))} with the profiler on); the open before them (${fmtMs(prof.skippedMs)} of profile, fact file included) is left out. Busy (non-idle) time ${fmtMs(prof.busyMs)} of ${fmtMs(prof.totalMs)}, of which garbage collection ${fmtMs(prof.gcMs)}; the rest is idle, mostly the debounce. Shares are of busy time; "per edit" divides by ${checks}.`,
        '',
      );
      row('Stage (function, callees included)', 'ms', 'per edit', 'share');
      row('---', '---:', '---:', '---:');
      for (const x of prof.stages.filter((x) => x.ms > 0))
        row(
          `\`${x.name}\`${STAGE_NOTES[x.name] ? ` — ${STAGE_NOTES[x.name]}` : ''}`,
          fmt(x.ms),
          fmt(x.ms / checks),
          `${(x.share * 100).toFixed(1)}%`,
        );
      lines.push('');
      row('Function (total, callees included)', 'ms', 'share');
      row('---', '---:', '---:');
      for (const x of prof.total) row(`\`${x.name}\``, fmt(x.ms), `${(x.share * 100).toFixed(1)}%`);
      lines.push('');
      row('Function (self time)', 'ms', 'share');
      row('---', '---:', '---:');
      for (const x of prof.self) row(`\`${x.name}\``, fmt(x.ms), `${(x.share * 100).toFixed(1)}%`);
      lines.push('');
    }
  }

  lines.push(...bibliographyReport(bib));

  // ---- environment
  lines.push('## Environment', '');
  row('Item', 'Value');
  row('---', '---');
  row('Date', env.date);
  row('CPU', `${env.machine.model}, ${env.machine.cores} cores`);
  row('Memory', `${env.machine.memGiB.toFixed(1)} GiB`);
  row(
    'Load average (1/5/15 min) at start / end',
    `${env.loadStart.map((x) => x.toFixed(2)).join(' ')} / ${env.loadEnd.map((x) => x.toFixed(2)).join(' ')}`,
  );
  row('Node', env.machine.node);
  row(
    'briefing-check',
    `${env.version} (git ${env.machine.git}, as of the start of the run), built with ${opts['no-build'] ? 'dist/ as found (--no-build)' : '`node esbuild.mjs --production`'}`,
  );
  row(
    'Packages',
    Object.entries(env.packages)
      .map(([k, v]) => `${k} ${v ?? 'not installed'}`)
      .join(', '),
  );
  row(
    'Runs',
    `${RUNS} per cold-process figure (+1 warm-up), ${EDITS} edits per size (+2 warm-up), ${RUNS} warm calls per query; total ${Math.round(env.totalS)} s`,
  );
  lines.push('');

  // ---- raw
  lines.push('<details><summary>Raw samples (ms)</summary>', '', '```json');
  const round = (xs) => xs.map((x) => Math.round(x * 100) / 100);
  const raw = {
    processes: Object.fromEntries(Object.entries(T).map(([k, v]) => [k, round(v)])),
    engine: Object.fromEntries(Object.entries(engine.sizes).map(([k, v]) => [k, { first: round([v.first])[0], warm: round(v.warm) }])),
    editPush: Object.fromEntries(SIZES.map((s) => [s, round(push.sizes[s].edits)])),
    editPull: pull ? Object.fromEntries(SIZES.map((s) => [s, round(pull.sizes[s].edits)])) : undefined,
    fullDidChange: Object.fromEntries(SIZES.map((s) => [s, round(push.sizes[s].full)])),
    edit100kFacts: round(mem.edits),
    against: against
      ? {
          ref: against.ref,
          commit: against.commit,
          this: Object.fromEntries(AGAINST_SIZES.map((s) => [s, round(against.samples.this[s])])),
          other: Object.fromEntries(AGAINST_SIZES.map((s) => [s, round(against.samples.other[s])])),
        }
      : undefined,
    search: Object.fromEntries(mem.queries.map((q) => [q.query, { first: round([q.first])[0], warm: round(q.warm) }])),
  };
  lines.push(
    JSON.stringify(raw, null, 1).replace(/\[\s+([^\]]*?)\s+\]/g, (_, inner) => `[${inner.replace(/\s+/g, ' ')}]`),
    '```',
    '',
    '</details>',
    '',
  );

  const goals = {
    gate: gate <= 1.3,
    edit100kb: edit(push, '100kb') <= 15,
    edit1mb: edit(push, '1mb') <= 40,
    speedup: speedup >= 20,
    vsMarkdownlint: vsMdl <= 1.0,
    flatPerKb: flatRaw <= 1.5,
    flatPerKbNet: flatNet <= 1.5,
    rss100k: rss100k < 150,
    search: searchWorst < 20,
    bibliographyLoad: bib.firstMs < 1000,
    bibliographyMemory: mb(bib.addedRssMiB) < 50,
  };
  return { markdown: lines.join('\n'), goals };
}

// ---------------------------------------------------------------- main
async function main() {
  const loadStart = loadavg();
  log(`temp dir ${TMP}; ${RUNS} runs, ${EDITS} edits; load average ${loadStart.map((x) => x.toFixed(2)).join(' ')}`);
  // Read before building: in a shared tree the sources may change during the run.
  const machineInfo = machine();
  const dc = debounceConstants();
  const bin = await build();
  const corpus = setUpCorpus();
  const proc = await benchProcesses(bin, corpus);
  if (!proc.times['cli-1mb']?.length) throw new Error(`the CLI failed: ${proc.failed['cli-1mb'] ?? 'no runs'}`);
  const engine = await benchEngine(bin, corpus);
  const push = await benchServerLatency(bin, corpus, 'push');
  const pull = await benchServerLatency(bin, corpus, 'pull').catch((error) => {
    log(`pull-mode session failed: ${error.message}`);
    return undefined;
  });
  const floor = await benchProtocolFloor(corpus, push.floorDiagnostics).catch((error) => {
    log(`protocol floor failed: ${error.message}`);
    return undefined;
  });
  const every = await benchEveryProblem(bin, corpus).catch((error) => {
    log(`every-problem session failed: ${error.message}`);
    return undefined;
  });
  const everyFloor = await benchProtocolFloor(corpus, every?.floorDiagnostics).catch((error) => {
    log(`protocol floor (every problem) failed: ${error.message}`);
    return undefined;
  });
  const mem = await benchServerMemory(bin, corpus);
  const bib = await measureBibliographyLoad({ server: bin.server, runs: opts.quick ? 1 : 3, children, log });
  const against = opts.against ? await benchAgainst(bin, await buildRef(opts.against), corpus) : undefined;
  const prof = opts.profile
    ? await profileServer(bin, corpus).catch((error) => ({ error: `profile failed: ${error.message}` }))
    : undefined;
  const packages = {};
  for (const p of [
    'unified',
    'remark-parse',
    'remark-gfm',
    'vscode-languageserver',
    'markdownlint-cli2',
    'markdownlint',
    'remark-cli',
    'remark-lint-no-undefined-references',
    'esbuild',
  ])
    packages[p] = versionOf(p);
  const env = {
    date: new Date().toISOString().replace(/\.\d+Z$/, 'Z'),
    machine: machineInfo,
    loadStart,
    loadEnd: loadavg(),
    version: JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8')).version,
    packages,
    totalS: (performance.now() - t0) / 1000,
  };
  const { markdown, goals } = report({ env, corpus, proc, engine, push, pull, mem, prof, dc, bib, against, floor, every, everyFloor });
  mkdirSync(join(OUT, '..'), { recursive: true });
  writeFileSync(OUT, markdown);
  log(`wrote ${relative(ROOT, OUT)}`);
  process.stdout.write(markdown.slice(0, markdown.indexOf('<details>')) + '\n');
  const missed = Object.entries(goals)
    .filter(([, ok]) => !ok)
    .map(([k]) => k);
  log(missed.length ? `goals not met: ${missed.join(', ')}` : 'all goals met');
}

main()
  .catch((error) => {
    log(`FAILED: ${error.stack ?? error}`);
    process.exitCode = 1;
  })
  .finally(cleanup);
