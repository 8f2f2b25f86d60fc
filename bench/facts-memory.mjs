// Memory and search time of a large fact file, in two ways:
//   node --expose-gc bench/facts-memory.mjs heap <facts.json> [briefing.md]
//     in-process: bundles the core (parseFactFile, FactIndex) and reports the V8 heap
//     and RSS after each stage, then the time of the benchmark's search queries;
//   node bench/facts-memory.mjs server <workspace-folder> <briefing.md> [runs] [options]
//     the real server over stdio, as bench/run.mjs measures it: RSS after the briefing
//     is open and checked, after the searches, and the peak; search round trips.
//     --spaces            also the server's V8 heap spaces at each of those moments
//     --server=<file>     another build of the server than dist/server.js, to compare
//     --node-arg=<flag>   a flag for the server's node (e.g. --max-semi-space-size=8)
// The workspace folder should hold only the fact file and the briefing (bench/generate.mjs
// writes facts-100k.facts.json and bench-100kb-100k.brief.md).
import * as esbuild from 'esbuild';
import { existsSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { performance } from 'node:perf_hooks';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { LspSession } from './lsp-client.mjs';

const QUERIES = ['coal', 'trade with China', 'fuel imports Seoul', 'fact-77777', 'Statistical bulletin 1234', 'percent Vladivostok'];
const root = fileURLToPath(new URL('..', import.meta.url));
const mib = (bytes) => (bytes / 1048576).toFixed(1);
const median = (xs) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];
const sleep = (ms) => new Promise((r) => setTimeout(r, ms));

async function heap(factsPath, briefingPath) {
  if (typeof globalThis.gc !== 'function') throw new Error('run with node --expose-gc');
  const entry = `export { parseFactFile } from './src/core/facts/parseFactFile';
export { FactIndex } from './src/core/facts/factIndex';
export { checkBriefing } from './src/core/check';`;
  const outfile = join(tmpdir(), 'facts-memory-core.cjs');
  await esbuild.build({
    stdin: { contents: entry, resolveDir: root, loader: 'ts' },
    bundle: true,
    platform: 'node',
    format: 'cjs',
    outfile,
    logLevel: 'warning',
  });
  const core = await import(pathToFileURL(outfile).href);
  const report = (label) => {
    globalThis.gc();
    globalThis.gc();
    const m = process.memoryUsage();
    console.log(
      `${label.padEnd(28)} heapUsed ${mib(m.heapUsed).padStart(6)} MiB   external ${mib(m.external).padStart(6)}   rss ${mib(m.rss).padStart(6)} MiB`,
    );
  };
  report('start');
  // As the server keeps a file: parsed, without its text.
  const load = () => {
    const text = readFileSync(factsPath, 'utf8');
    const started = performance.now();
    const { text: _text, ...parsed } = core.parseFactFile(text, factsPath);
    console.log(
      `parseFactFile ${(performance.now() - started).toFixed(0)} ms, ${parsed.facts.length} facts, ${parsed.findings.length} findings`,
    );
    return parsed;
  };
  const parsed = load();
  report('parsed (text dropped)');
  let t = performance.now();
  const index = core.FactIndex.from([parsed]);
  console.log(`FactIndex.from ${(performance.now() - t).toFixed(0)} ms`);
  report('indexed');
  if (briefingPath) {
    t = performance.now();
    const result = core.checkBriefing(readFileSync(briefingPath, 'utf8'), index);
    console.log(`checkBriefing ${(performance.now() - t).toFixed(0)} ms, ${result.findings.length} findings`);
    report('checked');
  }
  for (const query of QUERIES) {
    t = performance.now();
    const first = index.search(query, 200);
    const firstMs = performance.now() - t;
    const warm = [];
    for (let k = 0; k < 15; k++) {
      t = performance.now();
      index.search(query, 200);
      warm.push(performance.now() - t);
    }
    console.log(
      `search ${JSON.stringify(query).padEnd(28)} ${String(first.length).padStart(4)} hits  first ${firstMs.toFixed(1).padStart(6)} ms  warm median ${median(warm).toFixed(2)} ms  max ${Math.max(...warm).toFixed(2)} ms`,
    );
  }
  report('after searches');
  // Keep everything reachable until the last report.
  if (index.facts.length < 0) console.log(parsed.path);
}

/**
 * With `--spaces`, the server is started with a preload hook that writes its V8 heap
 * spaces to a file on SIGUSR2, to see what the RSS is made of.
 */
const HOOK = join(tmpdir(), 'facts-memory-hook.cjs');
const SPACES = join(tmpdir(), `facts-memory-spaces-${process.pid}.json`);

function writeHook() {
  writeFileSync(
    HOOK,
    `const v8 = require('v8'); const fs = require('fs');
process.on('SIGUSR2', () => {
  const m = process.memoryUsage();
  fs.writeFileSync(process.env.FACTS_MEMORY_SPACES, JSON.stringify({ heapUsed: m.heapUsed, external: m.external, arrayBuffers: m.arrayBuffers,
    spaces: v8.getHeapSpaceStatistics().map((s) => [s.space_name, s.space_size, s.space_used_size]) }));
});`,
  );
}

async function spacesOf(session) {
  rmSync(SPACES, { force: true });
  process.kill(session.pid, 'SIGUSR2');
  for (let k = 0; k < 50 && !existsSync(SPACES); k++) await sleep(20);
  await sleep(20);
  const s = JSON.parse(readFileSync(SPACES, 'utf8'));
  const spaces = s.spaces
    .filter(([, size]) => size > 0)
    .map(([name, size, used]) => `${name.replace('_space', '')} ${mib(size)}/${mib(used)}`);
  return `heapUsed ${mib(s.heapUsed)} external ${mib(s.external)}; committed/used MiB: ${spaces.join(', ')}`;
}

async function server(folder, briefingPath, runs, withSpaces, extraNodeArgs, serverPath) {
  const children = new Set();
  if (withSpaces) {
    writeHook();
    process.env.FACTS_MEMORY_SPACES = SPACES;
  }
  const nodeArgs = [...extraNodeArgs, ...(withSpaces ? ['-r', HOOK] : [])];
  const session = new LspSession({ server: serverPath, root: resolve(folder), mode: 'push', nodeArgs, children, timeoutMs: 120_000 });
  const show = async (label, m) => {
    console.log(`${label.padEnd(22)} VmRSS ${m.rssMiB.toFixed(1).padStart(6)} MiB  VmHWM ${m.hwmMiB.toFixed(1).padStart(6)} MiB`);
    if (withSpaces) console.log(`${''.padEnd(22)} ${await spacesOf(session)}`);
  };
  try {
    await session.start();
    await sleep(500);
    await show('idle', session.memory());
    const open = await session.open(resolve(briefingPath), readFileSync(briefingPath, 'utf8'));
    console.log(`opened and checked in ${open.ms.toFixed(0)} ms, ${open.count} diagnostics`);
    await sleep(500);
    await show('loaded + checked', session.memory());
    for (const query of QUERIES) {
      const args = [{ uri: open.uri, query, limit: 200 }];
      const first = await session.command('briefing.server.searchFacts', args);
      const warm = [];
      for (let k = 0; k < runs; k++) warm.push((await session.command('briefing.server.searchFacts', args)).ms);
      console.log(
        `search ${JSON.stringify(query).padEnd(28)} ${String(first.result.length).padStart(4)} hits  first ${first.ms.toFixed(1).padStart(6)} ms  warm median ${median(warm).toFixed(1)} ms  max ${Math.max(...warm).toFixed(1)} ms`,
      );
    }
    await sleep(500);
    await show('after searches', session.memory());
  } finally {
    await session.stop();
  }
}

const args = process.argv.slice(2);
const withSpaces = args.includes('--spaces');
const nodeArgs = args.filter((arg) => arg.startsWith('--node-arg=')).map((arg) => arg.slice('--node-arg='.length));
const serverPath = args.find((arg) => arg.startsWith('--server='))?.slice('--server='.length) ?? join(root, 'dist/server.js');
const [mode, a, b, c] = args.filter((arg) => !arg.startsWith('--'));
if (mode === 'heap') await heap(a, b);
else if (mode === 'server') await server(a, b, Number(c ?? 7), withSpaces, nodeArgs, resolve(serverPath));
else {
  console.error('usage: node --expose-gc bench/facts-memory.mjs heap <facts.json> [briefing.md]');
  console.error(
    '       node bench/facts-memory.mjs server <folder> <briefing.md> [runs] [--spaces] [--node-arg=<flag>]... [--server=<server.js>]',
  );
}
