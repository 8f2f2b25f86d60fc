// Time and output of the statistics rule (checkStatistics), in-process, on the generated
// briefings of bench/generate.mjs (10,000 facts):
//   --cold N      N fresh processes each analyse the 1 MB briefing and time its first
//                 checkStatistics (as the CLI runs it: the fact index's lazy tables are
//                 built then), and a second one; prints medians.
//   --against REV also times the statistics files as committed in REV (a git revision),
//                 with the rest of the tree as it is: interleaved with --cold, before
//                 the edits with --edits.
//   --edits N     one-character edits (alternately inserting and deleting a character) in
//                 a prose paragraph halfway down and in the notes list of the 100 KB and
//                 1 MB briefings; times checkStatistics with a StatisticsMemo after each
//                 (the analysis and note resolution are not timed); prints median / p90.
//   --snapshot F  writes the findings (code, message, span, factId, fixes) and matches of
//                 a from-scratch check of the generated briefings, examples/*.brief.md and
//                 ../shared/corpus/*.md to F (JSON); --compare F checks that they are
//                 still the same, and that checks with a memo over random edits of the
//                 generated and example briefings equal from-scratch checks.
// With no option: --cold 7 --edits 40.
//   node scripts/stats-speed.mjs [--cold N] [--edits N] [--against REV] [--sizes 100kb,1mb] [--snapshot F | --compare F]
import { bundleTs } from './bundleTs.mjs';
import { execFileSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { cpSync, existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createRequire } from 'node:module';
import { fileURLToPath } from 'node:url';
import { isDeepStrictEqual, parseArgs } from 'node:util';
import { briefing, factFile, notesPoint, paragraphPoint, random } from '../bench/generate.mjs';

const { values: opts } = parseArgs({
  options: {
    cold: { type: 'string' },
    edits: { type: 'string' },
    sizes: { type: 'string' },
    snapshot: { type: 'string' },
    compare: { type: 'string' },
    against: { type: 'string' },
    bundle: { type: 'string' },
    child: { type: 'string' },
  },
});
const nothingAsked = !opts.cold && !opts.edits && !opts.snapshot && !opts.compare && !opts.child;
const SIZES = { '10kb': [10_000, 20], '100kb': [100_000, 200], '1mb': [1_000_000, 1000] };

const root = new URL('..', import.meta.url);
const bundle = new URL('out/stats-speed.cjs', root).pathname;
const againstBundle = new URL('out/stats-speed-against.cjs', root).pathname;
/** The files whose committed version --against times (a revision before they were split from rules/statistics.ts and stats/match.ts lacks them). */
const OWN_FILES = [
  'src/core/rules/statistics.ts',
  'src/core/incremental/statisticsMemo.ts',
  ...[
    'citedSources',
    'claim',
    'factsByUnit',
    'matchStatistic',
    'statResults',
    'subjectWords',
    'tableCells',
    'unitKeys',
    'valueWording',
    'vocabulary',
    'words',
  ].map((name) => `src/core/stats/${name}.ts`),
];

async function bundleCore(resolveDir, outfile) {
  await bundleTs(
    `export { analyzeBriefing } from './src/core/analyze/analyzeBriefing';
        export { IncrementalAnalyzer } from './src/core/incremental/incrementalAnalyzer';
        export * from './src/core/rules/statistics';
        export { StatisticsMemo } from './src/core/incremental/statisticsMemo';
        export { prepareStatistics } from './src/core/stats/matchStatistic';
        export { resolveNotes } from './src/core/notes/resolve';
        export { FactIndex } from './src/core/facts/factIndex';
        export { parseFactFile } from './src/core/facts/parseFactFile';`,
    outfile,
    { resolveDir, nodePaths: [new URL('node_modules', root).pathname] },
  );
}

if (!opts.child && !opts.bundle) {
  mkdirSync(new URL('out', root), { recursive: true });
  await bundleCore(root.pathname, bundle);
  if (opts.against) {
    // A copy of src with the committed versions of the statistics files.
    const dir = mkdtempSync(join(tmpdir(), 'stats-speed-against-'));
    cpSync(new URL('src', root).pathname, join(dir, 'src'), { recursive: true });
    for (const file of OWN_FILES)
      writeFileSync(join(dir, file), execFileSync('git', ['show', `${opts.against}:${file}`], { cwd: root.pathname, encoding: 'utf8' }));
    await bundleCore(dir, againstBundle);
    rmSync(dir, { recursive: true });
  }
}
const core = createRequire(import.meta.url)(opts.child || opts.bundle || bundle);
const { analyzeBriefing, IncrementalAnalyzer, checkStatistics, StatisticsMemo, resolveNotes, FactIndex, parseFactFile, prepareStatistics } =
  core;

const factsJson = factFile(10_000);
const loadFacts = () => FactIndex.from([parseFactFile(factsJson, 'bench.facts.json')]);

/** The rule's context for a model, as checkModel builds it. */
function contextOf(model, facts) {
  return { model, notes: resolveNotes(model), facts, matches: [], lineOf: () => 1 };
}

const median = (xs) => [...xs].sort((a, b) => a - b)[xs.length >> 1];
const quantile = (xs, q) => [...xs].sort((a, b) => a - b)[Math.min(xs.length - 1, Math.floor(q * xs.length))];
const ms = (x) => x.toFixed(1).padStart(6);

if (opts.child) {
  // One fresh process: analyse, then time the first check of the statistics and a second.
  const facts = loadFacts();
  const model = analyzeBriefing(briefing(...SIZES['1mb'], factsJson));
  const times = [];
  if (process.env.STATS_SPEED_PREPARE && prepareStatistics) {
    // As the CLI could while worker threads parse: not part of the check's time.
    const started = performance.now();
    prepareStatistics(facts);
    times.push(performance.now() - started);
  }
  for (let k = 0; k < 2; k++) {
    const context = contextOf(model, facts);
    const cpu = process.cpuUsage();
    const started = performance.now();
    checkStatistics(context);
    const { user, system } = process.cpuUsage(cpu);
    times.push(performance.now() - started, (user + system) / 1000);
  }
  process.stdout.write(JSON.stringify(times));
  process.exit(0);
}

const cold = Number(opts.cold ?? (nothingAsked ? 7 : 0));
if (cold > 0) {
  // [name, bundle, prepared]: with prepareStatistics called first, its time apart.
  const variants = [
    ['now', bundle, false],
    ['now, prepared', bundle, true],
  ];
  if (opts.against) variants.push([opts.against, againstBundle, false]);
  const runs = new Map(variants.map(([name]) => [name, []]));
  for (let i = 0; i < cold; i++) {
    for (const [name, path, prepared] of variants) {
      // With the CLI's young generation (src/cli/main.ts).
      const env = { ...process.env, STATS_SPEED_PREPARE: prepared ? '1' : '' };
      const out = execFileSync(process.execPath, ['--max-semi-space-size=64', fileURLToPath(import.meta.url), '--child', path], {
        encoding: 'utf8',
        env,
      });
      runs.get(name).push(JSON.parse(out));
    }
  }
  console.log(`checkStatistics, 1 MB, fresh process (${cold} runs), ms, median (min):`);
  for (const [name, list] of runs) {
    const column = (k) => list.map((r) => r[k]);
    const shown = (k) => `${ms(median(column(k)))} (${ms(Math.min(...column(k)))})`;
    const at = list[0].length === 5 ? 1 : 0;
    if (at) console.log(`  ${name.padEnd(14)} prepareStatistics: wall ${shown(0)}`);
    console.log(`  ${name.padEnd(14)} first check:  wall ${shown(at)}  cpu ${shown(at + 1)}`);
    console.log(`  ${name.padEnd(14)} second check: wall ${shown(at + 2)}  cpu ${shown(at + 3)}`);
  }
}

const edits = Number(opts.edits ?? (nothingAsked ? 40 : 0));
if (edits > 0 && opts.against) {
  // The committed version first, in a process of its own.
  const args = [
    fileURLToPath(import.meta.url),
    '--edits',
    String(edits),
    '--bundle',
    againstBundle,
    ...(opts.sizes ? ['--sizes', opts.sizes] : []),
  ];
  console.log(`${opts.against}:`);
  process.stdout.write(execFileSync(process.execPath, args, { encoding: 'utf8' }));
  console.log('now:');
}
if (edits > 0) {
  const facts = loadFacts();
  console.log(`checkStatistics with a memo after a one-character edit (${edits} edits), ms: median / p90`);
  for (const size of (opts.sizes ?? '100kb,1mb').split(',')) {
    const text = briefing(...SIZES[size], factsJson);
    for (const [place, at] of [
      ['paragraph', paragraphPoint(text)],
      ['notes', notesPoint(text)],
    ]) {
      const edited = text.slice(0, at) + 'x' + text.slice(at);
      const analyzer = new IncrementalAnalyzer();
      const memo = new StatisticsMemo();
      checkStatistics(contextOf(analyzer.update(text), facts), memo);
      const times = [];
      for (let k = -4; k < edits; k++) {
        const context = contextOf(analyzer.update(k % 2 === 0 ? edited : text), facts);
        const started = performance.now();
        checkStatistics(context, memo);
        if (k >= 0) times.push(performance.now() - started);
      }
      console.log(`${size.padEnd(6)} ${place.padEnd(10)} ${ms(median(times))} ${ms(quantile(times, 0.9))}`);
    }
  }
}

// ---- Output comparison ----

/** A finding as plain data; fixes are computed (they are deferred functions). */
function plainFinding(f, withFixes) {
  // A fix may rewrite the notes list: its digest keeps the snapshot small.
  const fixes = typeof f.fixes === 'function' ? (withFixes ? digest(f.fixes()) : 'deferred') : f.fixes && digest(f.fixes);
  return { code: f.code, message: f.message, span: f.span, factId: f.factId, fixes };
}

function digest(value) {
  return createHash('sha1')
    .update(JSON.stringify(value) ?? 'undefined')
    .digest('hex');
}

function plainMatch(m) {
  return { status: m.status, fact: m.fact?.fact.id, sources: m.sources };
}

/** Findings and matches of a from-scratch check; fixes of every `fixEvery`-th finding. */
function checkOnce(text, facts, options, fixEvery) {
  const context = contextOf(analyzeBriefing(text, options), facts);
  const findings = checkStatistics(context);
  return { findings: findings.map((f, i) => plainFinding(f, i % fixEvery === 0)), matches: context.matches.map(plainMatch) };
}

function inputs() {
  const examples = new URL('examples/', root);
  const exampleFacts = FactIndex.from(
    readdirSync(examples)
      .filter((n) => n.endsWith('.facts.json'))
      .sort()
      .map((n) => parseFactFile(readFileSync(new URL(n, examples), 'utf8'), `examples/${n}`)),
  );
  const bench = loadFacts();
  const list = [];
  for (const size of ['10kb', '100kb', '1mb']) {
    const text = briefing(...SIZES[size], factsJson);
    list.push({ name: `bench ${size}`, text, facts: bench, fixEvery: { '10kb': 1, '100kb': 8, '1mb': 250 }[size] });
    list.push({
      name: `bench ${size}, paragraph scope`,
      text,
      facts: bench,
      options: { citationScope: 'paragraph' },
      fixEvery: { '10kb': 1, '100kb': 20, '1mb': 500 }[size],
    });
  }
  for (const n of readdirSync(examples)
    .filter((n) => n.endsWith('.brief.md'))
    .sort()) {
    const text = readFileSync(new URL(n, examples), 'utf8');
    list.push({ name: `examples/${n}`, text, facts: exampleFacts, fixEvery: 1 });
    list.push({ name: `examples/${n}, no facts`, text, facts: FactIndex.empty(), fixEvery: 1 });
    list.push({ name: `examples/${n}, bench facts`, text, facts: bench, fixEvery: 1 });
  }
  const corpus = new URL('../shared/corpus/', root);
  if (existsSync(corpus)) {
    for (const n of readdirSync(corpus)
      .filter((n) => n.endsWith('.md') && n !== 'SOURCES.md')
      .sort()) {
      const text = readFileSync(new URL(n, corpus), 'utf8');
      list.push({ name: `corpus/${n}`, text, facts: exampleFacts, fixEvery: 1 });
      list.push({ name: `corpus/${n}, bench facts`, text, facts: bench, fixEvery: 1 });
    }
  }
  return list;
}

function snapshot() {
  const out = {};
  for (const input of inputs()) out[input.name] = checkOnce(input.text, input.facts, input.options ?? {}, input.fixEvery);
  return out;
}

const SNIPPETS = [
  'x',
  ' ',
  '.',
  '\n',
  '\n\n',
  '1',
  '[^1]',
  '[^3]',
  ' [@src-4]',
  ' [bulletin](https://example.org/bulletin/7)',
  ' 40%',
  ' about 3,000 troops',
  '$250 million',
  ' almost 12.5 per cent',
  '| a | 40% |\n| --- | --- |\n| coal exports | 12% [^2] |\n',
  '|',
  ' coal',
  ' exports',
  ' Beijing',
  // Notes that change what references resolve to.
  '\n[^3]: @src-9, table 1.\n',
  ' @src-12',
  '@',
  '\n[^new]: https://example.org/bulletin/3\n',
  '[^new]',
];

/** Random edits near where the last one was, with a memo; every version must check as from scratch. */
function memoAgreesOverEdits(name, start, facts, options, count, seed) {
  const r = random(seed);
  const analyzer = new IncrementalAnalyzer(options);
  const memo = new StatisticsMemo();
  let text = start;
  let at = Math.floor(r() * text.length);
  for (let i = 0; i < count; i++) {
    const context = contextOf(analyzer.update(text), facts);
    const findings = checkStatistics(context, memo);
    // A fix costs an analysis of the whole text: a few are enough.
    const withFixes = (k) => i % 25 === 0 && k % 20 === 0;
    const actual = { findings: findings.map((f, k) => plainFinding(f, withFixes(k))), matches: context.matches.map(plainMatch) };
    const fresh = contextOf(analyzeBriefing(text, options), facts);
    const expected = {
      findings: checkStatistics(fresh).map((f, k) => plainFinding(f, withFixes(k))),
      matches: fresh.matches.map(plainMatch),
    };
    if (!isDeepStrictEqual(actual, expected)) {
      writeFileSync('/tmp/stats-speed-differs.md', text);
      throw new Error(`${name}: with a memo, edit ${i} differs from a from-scratch check (text in /tmp/stats-speed-differs.md)`);
    }
    // Mostly near the last edit, as typing is; sometimes anywhere.
    const notes = text.lastIndexOf('\n[^');
    at =
      r() < 0.1 && notes > 0
        ? notes + Math.floor(r() * (text.length - notes))
        : r() < 0.2
          ? Math.floor(r() * text.length)
          : Math.max(0, Math.min(text.length, at + Math.floor((r() - 0.5) * 400)));
    const roll = r();
    if (roll < 0.6) text = text.slice(0, at) + SNIPPETS[Math.floor(r() * SNIPPETS.length)] + text.slice(at);
    else if (roll < 0.9) text = text.slice(0, at) + text.slice(at + 1 + Math.floor(r() * 5));
    else text = text.slice(0, at) + text.slice(at + Math.floor(r() * 300));
    if (text.length < start.length / 2) text = start;
  }
}

if (opts.snapshot) {
  writeFileSync(opts.snapshot, JSON.stringify(snapshot()));
  console.log(`wrote ${opts.snapshot}`);
}
if (opts.compare) {
  const expected = JSON.parse(readFileSync(opts.compare, 'utf8'));
  const actual = JSON.parse(JSON.stringify(snapshot()));
  let differs = 0;
  for (const name of new Set([...Object.keys(expected), ...Object.keys(actual)])) {
    if (!isDeepStrictEqual(actual[name], expected[name])) {
      differs++;
      const a = actual[name];
      const e = expected[name];
      const i = a && e ? a.findings.findIndex((f, k) => !isDeepStrictEqual(f, e.findings[k])) : -1;
      console.log(
        `DIFFERS: ${name}${i >= 0 ? `: finding ${i}\n  now    ${JSON.stringify(a.findings[i])}\n  before ${JSON.stringify(e.findings[i])}` : ''}`,
      );
    }
  }
  console.log(differs === 0 ? `findings and matches equal on ${Object.keys(expected).length} inputs` : `${differs} inputs differ`);
  const bench = loadFacts();
  memoAgreesOverEdits('bench 100kb', briefing(...SIZES['100kb'], factsJson), bench, {}, 150, 7);
  memoAgreesOverEdits('bench 10kb, paragraph scope', briefing(...SIZES['10kb'], factsJson), bench, { citationScope: 'paragraph' }, 150, 8);
  const examples = new URL('examples/', root);
  const exampleFacts = FactIndex.from(
    ['north-korea.facts.json', 'wire-reports.facts.json'].map((n) =>
      parseFactFile(readFileSync(new URL(n, examples), 'utf8'), `examples/${n}`),
    ),
  );
  memoAgreesOverEdits('north-korea', readFileSync(new URL('north-korea.brief.md', examples), 'utf8'), exampleFacts, {}, 300, 9);
  console.log('checks with a memo over random edits equal from-scratch checks');
  if (differs > 0) process.exitCode = 1;
}
