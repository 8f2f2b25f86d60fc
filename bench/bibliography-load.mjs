// Loading a large bibliography in the language server (issue 11: 5,000 entries in under
// 1 s and 50 MB). Writes a generated .bib of N Zotero-style entries (with abstracts, as
// Better BibTeX exports them) and a briefing whose front matter names it, starts the real
// server over stdio and does what an editor does: opens the briefing (the server finds
// the .bib in its front matter, reads and parses it, checks the briefing against it and
// publishes diagnostics) and times that to the first diagnostics, with the server's CPU
// time and memory; then rewrites the .bib with one entry changed (as Zotero's auto-export
// does), reports it as a watcher would, and times the re-check.
//   node bench/bibliography-load.mjs [entries=5000] [--runs N] [--cpu-prof DIR]
// (run `npm run build` first; DIR: where the server writes its CPU profile). `npm run bench`
// runs the same measurement (measureBibliographyLoad) and reports it in docs/benchmarks.md.
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { performance } from 'node:perf_hooks';
import { fileURLToPath } from 'node:url';
import { LspSession, uriOf } from './lsp-client.mjs';

const FAMILIES = ['Müller', 'Smith', 'Kim', 'Lee', 'García', 'Okafor', 'Nguyen', 'Ivanova', 'Dubois', 'Rossi'];
const JOURNALS = ['Journal of Korean Studies', 'Marine Policy Review', 'Energy Economics', 'World Development'];

/** One entry as a reference manager exports it: names with accents as LaTeX, a DOI, an abstract, a file path. */
function entry(i, tweak = '') {
  const a = FAMILIES[i % FAMILIES.length].replace('ü', '{\\"u}').replace('í', "{\\'i}");
  const b = FAMILIES[(i * 7 + 3) % FAMILIES.length].replace('ü', '{\\"u}').replace('í', "{\\'i}");
  return `@article{key${i},
  author = {${a}, Anna and ${b}, Ben${i % 3 === 0 ? ' and {World Bank}' : ''}},
  title = {{Trade} and sanctions, part ${i}${tweak}},
  journaltitle = {${JOURNALS[i % JOURNALS.length]}},
  date = {${2000 + (i % 24)}-${String((i % 12) + 1).padStart(2, '0')}},
  volume = {${i % 50}},
  pages = {${i}--${i + 20}},
  doi = {10.5555/bench.${i}},
  url = {https://example.org/papers/${i}},
  abstract = {${'This paper studies the effect of sanctions on trade flows, with panel data and a gravity model. '.repeat(6)}},
  file = {/home/user/Zotero/storage/${i}/paper.pdf},
  keywords = {trade, sanctions, panel},
}
`;
}

/** User plus system CPU time of a process so far, in ms (from /proc; NaN elsewhere). */
function cpuMsOf(pid) {
  try {
    const fields = readFileSync(`/proc/${pid}/stat`, 'utf8')
      .replace(/^.*\) /s, '')
      .split(' ');
    // utime and stime are fields 14 and 15 of the line, in clock ticks (100 a second on Linux).
    return ((Number(fields[11]) + Number(fields[12])) * 1000) / 100;
  } catch {
    return NaN;
  }
}

const median = (xs) => [...xs].sort((a, b) => a - b)[Math.floor((xs.length - 1) / 2)];

/**
 * `runs` fresh servers, each opening the briefing once (a cold load is what a user waits
 * for) and re-checking after a rewrite. Times in ms, memory in MiB; each figure a median.
 */
export async function measureBibliographyLoad({ server, entries = 5000, runs = 3, nodeArgs = [], children, log = () => undefined }) {
  const bib = (tweakAt = -1) => Array.from({ length: entries }, (_, i) => entry(i, i === tweakAt ? ' (revised)' : '')).join('\n');
  const dir = mkdtempSync(join(tmpdir(), 'bib-bench-'));
  const bibPath = join(dir, 'refs.bib');
  const briefingPath = join(dir, 'b.brief.md');
  const briefing = `---\nbibliography: refs.bib\n---\n# Bench\n\nTrade rose 12 per cent [@key42, p. 4].[^1]\n\n[^1]: @key4999.\n`;
  writeFileSync(briefingPath, briefing);
  const samples = [];
  try {
    for (let run = 0; run < runs; run++) {
      writeFileSync(bibPath, bib());
      const session = new LspSession({ server, root: dir, mode: 'push', nodeArgs, children });
      try {
        await session.start();
        const before = session.memory();
        const cpuBefore = cpuMsOf(session.pid);
        let t = performance.now();
        const first = await session.open(briefingPath, briefing);
        const firstMs = performance.now() - t;
        const firstCpuMs = cpuMsOf(session.pid) - cpuBefore;
        const loaded = session.memory();
        writeFileSync(bibPath, bib(42));
        session.connection.sendNotification('workspace/didChangeWatchedFiles', { changes: [{ uri: uriOf(bibPath), type: 2 }] });
        t = performance.now();
        await session.change(uriOf(briefingPath), [{ text: briefing + '\n' }]);
        const againMs = performance.now() - t;
        const after = session.memory();
        samples.push({ firstMs, firstCpuMs, againMs, diagnostics: first.count, before, loaded, after });
        log(
          `bibliography (${entries} entries): run ${run + 1}/${runs}: first check ${firstMs.toFixed(0)} ms (server CPU ${firstCpuMs.toFixed(0)} ms), +${(loaded.rssMiB - before.rssMiB).toFixed(1)} MiB; re-check ${againMs.toFixed(0)} ms`,
        );
      } finally {
        await session.stop().catch(() => undefined);
      }
    }
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
  const of = (pick) => median(samples.map(pick));
  return {
    entries,
    bibBytes: Buffer.byteLength(bib()),
    runs: samples.length,
    firstMs: of((s) => s.firstMs),
    firstMsAll: samples.map((s) => s.firstMs),
    firstCpuMs: of((s) => s.firstCpuMs),
    againMs: of((s) => s.againMs),
    diagnostics: samples[0]?.diagnostics,
    idleRssMiB: of((s) => s.before.rssMiB),
    addedRssMiB: of((s) => s.loaded.rssMiB - s.before.rssMiB),
    afterRssMiB: of((s) => s.after.rssMiB),
    peakRssMiB: of((s) => s.after.hwmMiB),
  };
}

/** The same file and briefing measured before the fields were read without the LaTeX parser (git ea66366, 2026-12-04, machine busy: load ~12 on 2 cores). */
const BEFORE =
  'before bibtexPlain.ts (git ea66366; same machine, busy): 16.6 s wall, 4.1 s server CPU, +58 MB; measured earlier the same day at lower load, 2.5 s wall and +59 MB';

/** The report's lines for `r` (MB = 10⁶ bytes, as in the rest of docs/benchmarks.md). */
export function bibliographyReport(r) {
  const mb = (mib) => (mib * 1024 * 1024) / 1e6;
  return [
    '## Language server: a 5,000-entry bibliography',
    '',
    `A briefing whose front matter names a generated ${(r.bibBytes / 1e6).toFixed(1)} MB .bib of ${r.entries.toLocaleString('en')} Zotero-style entries (abstracts, file paths, LaTeX accents; bench/bibliography-load.mjs), opened in a fresh server: the server reads and parses the .bib, checks the briefing against it and publishes its diagnostics. Medians of ${r.runs} fresh servers.`,
    '',
    '| Measure | Value |',
    '| --- | ---: |',
    `| Open → first diagnostics (wall) | ${Math.round(r.firstMs)} ms (runs: ${r.firstMsAll.map((ms) => Math.round(ms)).join(', ')}) |`,
    `| … server CPU time for it (user + system, all threads) | ${Math.round(r.firstCpuMs)} ms |`,
    `| Server RSS added by the loaded .bib | ${mb(r.addedRssMiB).toFixed(0)} MB (idle ${mb(r.idleRssMiB).toFixed(0)} MB, peak ${mb(r.peakRssMiB).toFixed(0)} MB) |`,
    `| Re-check after the .bib is rewritten with one entry changed | ${Math.round(r.againMs)} ms |`,
    '',
    `For comparison, ${BEFORE}. Most of the time was @retorquere/bibtex-parser's LaTeX grammar, run on every field; plain values (no LaTeX commands beyond accents) are now read without it, and the scanner jumps from brace to brace.`,
    '',
  ];
}

if (process.argv[1] && resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  const root = fileURLToPath(new URL('..', import.meta.url));
  const args = process.argv.slice(2);
  const option = (name) => (args.includes(name) ? args[args.indexOf(name) + 1] : undefined);
  const entries = Number(args.find((arg, i) => /^\d+$/.test(arg) && !String(args[i - 1]).startsWith('--')) ?? 5000);
  const profileDir = option('--cpu-prof');
  const children = new Set();
  try {
    const r = await measureBibliographyLoad({
      server: resolve(root, 'dist/server.js'),
      entries,
      runs: Number(option('--runs') ?? 3),
      nodeArgs: profileDir ? ['--cpu-prof', `--cpu-prof-dir=${resolve(profileDir)}`] : [],
      children,
      log: (line) => console.error(line),
    });
    const mib = (n) => n.toFixed(1);
    console.log(`${r.entries} entries, ${(r.bibBytes / 1048576).toFixed(1)} MB .bib; medians of ${r.runs} fresh servers`);
    console.log(
      `open the briefing → first diagnostics: ${r.firstMs.toFixed(0)} ms (server CPU ${r.firstCpuMs.toFixed(0)} ms; ${r.diagnostics} diagnostics)`,
    );
    console.log(`re-check after the .bib was rewritten: ${r.againMs.toFixed(0)} ms`);
    console.log(
      `server RSS: ${mib(r.idleRssMiB)} MiB idle, +${mib(r.addedRssMiB)} MiB with the .bib loaded, ${mib(r.afterRssMiB)} MiB after the re-read; peak ${mib(r.peakRssMiB)} MiB`,
    );
  } finally {
    for (const child of children) child.kill();
  }
}
