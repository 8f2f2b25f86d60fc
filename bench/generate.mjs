// Generates realistic briefings and fact files for the benchmarks: prose with hedged
// statistics, GFM notes citing sources, tables and lists, and facts that the statistics
// match, mismatch or miss. Deterministic (seeded), so runs compare like with like.
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

function rng(seed) {
  let s = seed >>> 0;
  return () => ((s = (s * 1664525 + 1013904223) >>> 0) / 2 ** 32);
}

const SUBJECTS = ['coal exports', 'trade with China', 'fuel imports', 'grain output', 'border crossings', 'state revenue', 'textile sales', 'fishing rights'];
const PLACES = ['Pyongyang', 'Beijing', 'Seoul', 'Moscow', 'Tokyo', 'the border region', 'Dandong', 'Vladivostok'];
const VERBS = ['rose', 'fell', 'grew', 'shrank', 'climbed', 'dropped'];
const HEDGES = ['', '', '', 'almost ', 'about ', 'more than ', 'nearly ', 'roughly '];
const NOUNS = ['troops', 'workers', 'vessels', 'tonnes', 'people'];

/** A fact file with `count` facts over count/50 sources. */
export function factFile(count, seed = 1) {
  const r = rng(seed);
  const sources = {};
  const sourceCount = Math.max(1, Math.floor(count / 50));
  for (let i = 0; i < sourceCount; i++) {
    sources[`src-${i}`] = { title: `Statistical bulletin ${i}`, publisher: `Agency ${i % 17}`, url: `https://example.org/bulletin/${i}`, published: '2017-05-01' };
  }
  const facts = [];
  for (let i = 0; i < count; i++) {
    const kind = i % 3;
    const subject = SUBJECTS[i % SUBJECTS.length];
    const value = kind === 0 ? Math.round(r() * 1000) / 10 : kind === 1 ? Math.round(r() * 900 + 100) * 1e6 : Math.round(r() * 9000 + 1000);
    facts.push({
      id: `fact-${i}`,
      statement: `${subject} in ${PLACES[i % PLACES.length]}, measure ${i}`,
      value,
      unit: kind === 0 ? 'percent' : kind === 1 ? 'USD' : NOUNS[i % NOUNS.length],
      source: `src-${i % sourceCount}`,
      quote: `The figure for ${subject} was ${value}.`,
      locator: `table ${i % 40}`,
      keywords: subject.split(' '),
    });
  }
  return JSON.stringify({ sources, facts }, null, 1);
}

function figure(r, facts, i) {
  const fact = facts[(i * 7919) % facts.length];
  const hedge = HEDGES[Math.floor(r() * HEDGES.length)];
  if (fact.unit === 'percent') return `${hedge}${r() < 0.9 ? fact.value : (fact.value + 3.3).toFixed(1)} per cent`;
  if (fact.unit === 'USD') return `${hedge}$${(fact.value / 1e6).toFixed(0)} million`;
  return `${hedge}${fact.value.toLocaleString('en-US')} ${fact.unit}`;
}

/** A briefing of about `bytes` bytes with up to `notes` notes. */
export function briefing(bytes, notes, factsJson, seed = 2) {
  const r = rng(seed);
  const facts = JSON.parse(factsJson).facts;
  const parts = ['---', 'briefing: true', '---', '', '# Generated briefing', ''];
  let size = 40;
  const add = (...lines) => {
    for (const line of lines) size += line.length + 1;
    parts.push(...lines);
  };
  let note = 0;
  let para = 0;
  const defs = [];
  // Leave room for the notes list at the end.
  while (size + defs.length * 24 < bytes) {
    para++;
    if (para % 12 === 1) add(`## Section ${para}`, '');
    const sentences = [];
    for (let s = 0; s < 4; s++) {
      const i = para * 4 + s;
      const subject = SUBJECTS[i % SUBJECTS.length];
      const place = PLACES[(i * 3) % PLACES.length];
      let sentence = `In ${2000 + (i % 20)}, ${subject} in ${place} ${VERBS[i % VERBS.length]} to ${figure(r, facts, i)}, a change the U.S. embassy noted in its fifth report.`;
      if (s % 2 === 0 && note < notes) {
        note++;
        const fact = facts[(i * 7919) % facts.length];
        sentence += `[^${note}]`;
        defs.push(`[^${note}]: @${fact.source}, ${fact.locator}.`);
      } else if (s === 3) {
        sentence += ' Officials declined to comment.';
      }
      sentences.push(sentence);
    }
    const text = sentences.join(' ');
    if (para % 15 === 0) {
      add('| Item | Value |', '| --- | --- |', `| ${SUBJECTS[para % 8]} | ${figure(r, facts, para)} |`, `| Total | ${figure(r, facts, para + 1)} |`, '');
    } else if (para % 9 === 0) {
      add(`- ${sentences[0]}`, `- ${sentences[1]}`, '');
    } else {
      add(text, '');
    }
  }
  parts.push('## Notes', '', ...defs, '');
  return parts.join('\n');
}

/** Writes the benchmark corpus into `dir` and returns the paths. */
export function writeCorpus(dir) {
  mkdirSync(dir, { recursive: true });
  const paths = {};
  for (const [name, count] of [['1k', 1000], ['10k', 10000], ['100k', 100000]]) {
    paths[`facts${name}`] = join(dir, `facts-${name}.facts.json`);
    writeFileSync(paths[`facts${name}`], factFile(count));
  }
  const facts10k = factFile(10000);
  for (const [name, bytes, notes] of [['10kb', 10_000, 20], ['100kb', 100_000, 200], ['1mb', 1_000_000, 1000]]) {
    const dirFor = join(dir, name);
    mkdirSync(dirFor, { recursive: true });
    paths[`brief${name}`] = join(dirFor, `bench-${name}.brief.md`);
    writeFileSync(paths[`brief${name}`], briefing(bytes, notes, facts10k));
  }
  return paths;
}
