// Loading a large bibliography in the language server (issue 11: 5,000 entries in under
// 1 s and 50 MB). Writes a generated .bib of N Zotero-style entries (with abstracts, as
// Better BibTeX exports them) and a briefing whose front matter names it, starts the real
// server (dist/server.js; run `npm run build` first) over stdio, opens the briefing and
// reports the time to its first diagnostics, then the time to re-check after the .bib is
// rewritten with one entry changed, and the server's RSS before and after.
//   node bench/bibliography-load.mjs [entries=5000]
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { performance } from 'node:perf_hooks';
import { fileURLToPath } from 'node:url';
import { LspSession, uriOf } from './lsp-client.mjs';

const root = fileURLToPath(new URL('..', import.meta.url));
const entries = Number(process.argv[2] ?? 5000);
const mib = (n) => n.toFixed(1);

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

const bib = (tweakAt = -1) => Array.from({ length: entries }, (_, i) => entry(i, i === tweakAt ? ' (revised)' : '')).join('\n');
const dir = mkdtempSync(join(tmpdir(), 'bib-bench-'));
const bibPath = join(dir, 'refs.bib');
const briefingPath = join(dir, 'b.brief.md');
writeFileSync(bibPath, bib());
const briefing = `---\nbibliography: refs.bib\n---\n# Bench\n\nTrade rose 12 per cent [@key42, p. 4].[^1]\n\n[^1]: @key4999.\n`;
writeFileSync(briefingPath, briefing);

const children = new Set();
const session = new LspSession({ server: resolve(root, 'dist/server.js'), root: dir, mode: 'push', children });
try {
  await session.start();
  const before = session.memory();
  let t = performance.now();
  const first = await session.open(briefingPath, briefing);
  const firstMs = performance.now() - t;
  const loaded = session.memory();
  // Rewritten on disk (as Zotero does on every change), one entry different; the server re-reads it on the next check.
  writeFileSync(bibPath, bib(42));
  session.connection.sendNotification('workspace/didChangeWatchedFiles', { changes: [{ uri: uriOf(bibPath), type: 2 }] });
  t = performance.now();
  await session.change(uriOf(briefingPath), [{ text: briefing + '\n' }]);
  const againMs = performance.now() - t;
  const after = session.memory();
  console.log(`${entries} entries, ${(Buffer.byteLength(bib()) / 1048576).toFixed(1)} MB .bib`);
  console.log(`first check with the .bib loaded: ${firstMs.toFixed(0)} ms (${first.count} diagnostics)`);
  console.log(`re-check after the .bib was rewritten: ${againMs.toFixed(0)} ms`);
  console.log(`server RSS: ${mib(before.rssMiB)} MiB before, ${mib(loaded.rssMiB)} MiB loaded (+${mib(loaded.rssMiB - before.rssMiB)}), ${mib(after.rssMiB)} MiB after re-read; peak ${mib(after.hwmMiB)} MiB`);
} finally {
  await session.stop().catch(() => undefined);
  for (const child of children) child.kill();
  rmSync(dir, { recursive: true, force: true });
}
