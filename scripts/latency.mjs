// Edit → findings latency of the incremental checker, in-process (no language server):
// generated 100 KB and 1 MB briefings (bench/generate.mjs, 10,000 facts), each checked
// once, then one-character edits (alternately inserting and deleting a character) in the
// middle of a prose paragraph halfway down and in the middle of the notes list, each
// timed from the new text to IncrementalChecker.check's findings. Prints the median and
// p90 per size and place. The last version of every series is compared with a
// from-scratch check, so a fast wrong answer does not go unnoticed.
//   node scripts/latency.mjs [--edits N (default 60)] [--sizes 100kb,1mb] [--places paragraph,notes]
import { mkdirSync } from 'node:fs';
import { createRequire } from 'node:module';
import { isDeepStrictEqual, parseArgs } from 'node:util';
import { briefing, factFile, notesPoint, paragraphPoint } from '../bench/generate.mjs';
import { bundleTs } from './bundleTs.mjs';

const { values: opts } = parseArgs({ options: { edits: { type: 'string' }, sizes: { type: 'string' }, places: { type: 'string' } } });
const EDITS = Math.max(2, Number(opts.edits ?? 60));
const SIZES = { '100kb': [100_000, 200], '1mb': [1_000_000, 1000] };
const sizes = (opts.sizes ?? '100kb,1mb').split(',');
const places = (opts.places ?? 'paragraph,notes').split(',');

const root = new URL('..', import.meta.url);
const bundle = new URL('out/latency.cjs', root).pathname;
mkdirSync(new URL('out', root), { recursive: true });
await bundleTs(
  `export { IncrementalChecker } from './src/core/incremental/incrementalChecker';
      export { checkBriefing } from './src/core/check';
      export { FactIndex } from './src/core/facts/factIndex';
      export { parseFactFile } from './src/core/facts/parseFactFile';`,
  bundle,
  { resolveDir: root.pathname },
);
const { IncrementalChecker, checkBriefing, FactIndex, parseFactFile } = createRequire(import.meta.url)(bundle);

const factsJson = factFile(10_000);
const facts = FactIndex.from([parseFactFile(factsJson, 'bench.facts.json')]);

const quantile = (sorted, q) => sorted[Math.min(sorted.length - 1, Math.floor(q * sorted.length))];

function series(text, at) {
  const checker = new IncrementalChecker();
  checker.check(text, facts);
  const edited = text.slice(0, at) + 'x' + text.slice(at);
  const ms = [];
  let current = text;
  for (let k = -2; k < EDITS; k++) {
    current = k % 2 === 0 ? edited : text;
    const started = performance.now();
    const result = checker.check(current, facts);
    const took = performance.now() - started;
    if (result.findings.length === 0) throw new Error('no findings');
    if (k >= 0) ms.push(took);
  }
  const last = checker.check(current, facts);
  const expected = checkBriefing(current, facts);
  if (!isDeepStrictEqual(last.model, expected.model) || last.findings.length !== expected.findings.length) {
    throw new Error('the incremental check differs from a from-scratch check');
  }
  return ms.sort((a, b) => a - b);
}

console.log(`${EDITS} one-character edits per series, ms (median / p90 / max)`);
for (const size of sizes) {
  const [bytes, notes] = SIZES[size];
  const text = briefing(bytes, notes, factsJson);
  for (const place of places) {
    const at = place === 'notes' ? notesPoint(text) : paragraphPoint(text);
    const ms = series(text, at);
    const f = (x) => x.toFixed(1).padStart(6);
    console.log(`${size.padEnd(6)} ${place.padEnd(11)} ${f(quantile(ms, 0.5))} ${f(quantile(ms, 0.9))} ${f(ms[ms.length - 1])}`);
  }
}
