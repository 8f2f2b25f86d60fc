#!/usr/bin/env node
// The language server in a real third-party client: Neovim, headless, configured with the
// README's own snippet (docs/editors/neovim.lua), against the built server (dist/server.js,
// put on PATH as `briefing-language-server`). The project has no .git, so the client sends
// no workspace folder, and its fact file is one folder above the briefing. Checks:
//   (a) the briefing's diagnostics use that fact file (a stat.mismatch, no source.unknown);
//   (b) a hover shows the fact's quote;
//   (c) a code action is applied and changes the buffer;
//   (d) after the fact file is rewritten on disk (no editor involved), fresh diagnostics arrive.
// Run by .ci/run (not by npm test). Skips, saying so, where nvim is not installed.
import { spawnSync } from 'node:child_process';
import { chmodSync, existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { delimiter, dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

const repo = resolve(dirname(fileURLToPath(import.meta.url)), '../..');
const nvim = spawnSync('nvim', ['--version'], { encoding: 'utf8' });
if (nvim.error || nvim.status !== 0) {
  console.log('neovim test SKIPPED: nvim is not installed (apt-get install neovim)');
  process.exit(0);
}
console.log(`neovim test with ${nvim.stdout.split('\n')[0]}`);
if (!existsSync(join(repo, 'dist/server.js'))) {
  console.error('dist/server.js is missing: run `npm run build` first');
  process.exit(2);
}

const facts = (codeValue) =>
  JSON.stringify(
    {
      sources: {
        'kotra-2016': { title: "North Korea's foreign trade in 2016", publisher: 'KOTRA', url: 'https://example.org/kotra/2016' },
      },
      facts: [
        {
          id: 'coal-share',
          statement: "Coal's share of North Korea's exports to China in 2016",
          value: codeValue,
          unit: 'percent',
          source: 'kotra-2016',
          quote: `Coal made up ${codeValue} percent of exports to China in 2016.`,
          locator: 'p. 9',
          keywords: ['coal', 'exports'],
        },
        {
          id: 'trade-growth',
          statement: "North Korea's trade with China, growth in Q1 2017 year on year",
          value: 37.4,
          unit: 'percent',
          source: 'kotra-2016',
          quote: 'Trade with the DPRK rose 37.4 percent in the first quarter.',
          locator: 'p. 4',
          keywords: ['trade', 'quarter'],
        },
      ],
    },
    null,
    2,
  );

const BRIEF = [
  '# Draft',
  '',
  "Coal made up 64 percent of North Korea's exports to China in 2016.[^1]",
  '',
  'Trade with the DPRK rose 37.4 percent in the first quarter.[^2]',
  '',
  'Iron ore shipments stopped as well.[^3]',
  '',
  '[^1]: @kotra-2016, p. 9.',
  '[^2]: @kotra-2016, p. 4.',
  '',
].join('\n');

const tmp = mkdtempSync(join(tmpdir(), 'briefing-nvim-'));
const proj = join(tmp, 'proj');
mkdirSync(join(proj, 'drafts'), { recursive: true });
writeFileSync(join(proj, 'notes.facts.json'), facts(46));
writeFileSync(join(proj, 'drafts/a.brief.md'), BRIEF);
// `briefing-language-server` on PATH, as `npm install -g` would put it, running this build.
const bin = join(tmp, 'bin');
mkdirSync(bin);
writeFileSync(join(bin, 'briefing-language-server'), `#!/bin/sh\nexec "${process.execPath}" "${join(repo, 'dist/server.js')}" "$@"\n`);
chmodSync(join(bin, 'briefing-language-server'), 0o755);

const resultPath = join(tmp, 'result.json');
const run = spawnSync('nvim', ['--headless', '--clean', '-c', `luafile ${join(repo, 'test/neovim/check.lua')}`], {
  cwd: join(proj, 'drafts'),
  encoding: 'utf8',
  timeout: 90_000,
  env: {
    ...process.env,
    PATH: `${bin}${delimiter}${process.env.PATH}`,
    HOME: tmp, // no user configuration, no shada or log in the real home
    XDG_STATE_HOME: join(tmp, 'state'),
    XDG_CACHE_HOME: join(tmp, 'cache'),
    BRIEFING_NVIM_CONFIG: join(repo, 'docs/editors/neovim.lua'),
    BRIEFING_BRIEF: join(proj, 'drafts/a.brief.md'),
    BRIEFING_FACTS: join(proj, 'notes.facts.json'),
    BRIEFING_NEW_FACTS: facts(64),
    BRIEFING_RESULT: resultPath,
  },
});
if (!existsSync(resultPath)) {
  console.error(`nvim wrote no result (status ${run.status}, ${run.error ?? ''})\n${run.stdout}\n${run.stderr}`);
  process.exit(1);
}
const r = JSON.parse(readFileSync(resultPath, 'utf8'));
rmSync(tmp, { recursive: true, force: true });

const has = (list, code) => Array.isArray(list) && list.includes(code);
const checks = [
  ['the README snippet attaches the server to the briefing', r.attached === true && r.filetype === 'markdown', `filetype ${r.filetype}`],
  [
    '(a) diagnostics use the fact file one folder up',
    has(r.diagnostics, 'stat.mismatch') && has(r.diagnostics, 'note.undefined') && !has(r.diagnostics, 'source.unknown'),
    `codes: ${JSON.stringify(r.diagnostics)}`,
  ],
  [
    '(b) a hover shows the fact quote',
    typeof r.hover === 'string' && r.hover.includes('Trade with the DPRK rose 37.4 percent in the first quarter.'),
    `hover: ${JSON.stringify(r.hover)}`,
  ],
  [
    '(c) a code action is applied and changes the buffer',
    typeof r.applied === 'string' && r.after_action !== r.before_action && /^\[\^3\]:/m.test(r.after_action ?? ''),
    `actions: ${JSON.stringify(r.actions)}, applied: ${r.applied}`,
  ],
  [
    '(d) fresh diagnostics after the fact file changes on disk',
    r.refreshed === true && has(r.after_action_diagnostics, 'stat.mismatch'),
    `before: ${JSON.stringify(r.after_action_diagnostics)}, after: ${JSON.stringify(r.after_rewrite)}`,
  ],
];
console.log(`Neovim ${r.nvim}, server ${JSON.stringify(r.server)}`);
if (r.error) console.log(`error in check.lua: ${r.error}`);
let failed = 0;
for (const [name, ok, detail] of checks) {
  console.log(`${ok ? 'ok    ' : 'FAILED'} ${name}${ok ? '' : `\n       ${detail}`}`);
  if (!ok) failed++;
}
process.exit(failed > 0 || r.error ? 1 : 0);
