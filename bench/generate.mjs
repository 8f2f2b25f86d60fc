// Generates realistic briefings and fact files for the benchmarks: prose with hedged
// statistics in several styles, notes and other citations (GFM notes, reused notes,
// hyperlinks, pandoc [@id] citations, some statistics left uncited), tables, lists,
// block quotes and code, and facts that the statistics match, mismatch or miss.
// Deterministic (seeded), so runs compare like with like.
//
// Every note reference the generator writes has exactly one definition and every
// definition is referenced; labels are first referenced in ascending order. So the
// only note findings are the ones a real draft would not have either, and the findings
// of a generated briefing are statistics findings (uncited, mismatch, unsupported).
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

/** A small seeded generator (LCG); returns floats in [0, 1). */
export function rng(seed) {
  let s = seed >>> 0;
  return () => (s = (s * 1664525 + 1013904223) >>> 0) / 2 ** 32;
}

/** A deterministic generator (mulberry32), for random edits in tests and scripts; returns floats in [0, 1). */
export function random(seed) {
  let s = seed >>> 0;
  return () => {
    s = (s + 0x6d2b79f5) >>> 0;
    let t = s;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** An offset inside a word in the middle of a prose paragraph halfway down a generated briefing: where the benchmarks edit. */
export function paragraphPoint(text) {
  let at = text.indexOf('\n', text.length >> 1) + 1;
  while (at > 0 && at < text.length) {
    const end = text.indexOf('\n', at);
    const line = text.slice(at, end);
    const inside = line.indexOf(' the ', line.length >> 1);
    if (line.length >= 150 && /^[A-Z*]/.test(line) && inside !== -1) return at + inside + 2;
    at = end + 1;
  }
  throw new Error('no prose paragraph found to edit');
}

/** An offset inside the text of the note definition in the middle of a generated briefing's notes list. */
export function notesPoint(text) {
  const list = text.indexOf('\n## Notes\n');
  const at = text.indexOf('\n[^', list + (text.length - list) / 2) + 1;
  return text.indexOf(' ', at) + 2;
}

const SUBJECTS = [
  'coal exports',
  'trade with China',
  'fuel imports',
  'grain output',
  'border crossings',
  'state revenue',
  'textile sales',
  'fishing rights',
];
const PLACES = ['Pyongyang', 'Beijing', 'Seoul', 'Moscow', 'Tokyo', 'the border region', 'Dandong', 'Vladivostok'];
const VERBS = ['rose', 'fell', 'grew', 'shrank', 'climbed', 'dropped'];
const NOUNS = ['troops', 'workers', 'vessels', 'tonnes', 'people'];
/** Hedges whose interval contains the written figure itself, so a correct figure stays supported. */
const SAFE_HEDGES = ['', '', '', 'about ', 'roughly ', 'around ', 'some '];
const ANY_HEDGES = ['', 'almost ', 'about ', 'more than ', 'nearly ', 'roughly ', 'just over '];
const MONTHS = ['January', 'February', 'March', 'April', 'May', 'June', 'July', 'August', 'September', 'October', 'November', 'December'];
/** Sentences without statistics (years, dates, ordinals and section numbers are not statistics). */
const CONTEXT = [
  (p) => `Officials in ${p} declined to comment.`,
  (p, y, m) => `The figures were published in ${m} ${y}, a month later than usual.`,
  (p, y) => `Analysts in ${p} expect the trend seen since ${y} to continue for a second year.`,
  () => 'The U.S. Treasury and the U.N. panel of experts have not confirmed the data.',
  (p) => `Dr. Kim, who led the third review in ${p}, called the series "broadly reliable".`,
  (p, y) => `Section 4 of the ${y} report covers the same period in more detail.`,
];

/** A fact file with `count` facts over count/50 sources (200 sources for 10,000 facts). */
export function factFile(count, seed = 1) {
  const r = rng(seed);
  const sources = {};
  const sourceCount = Math.max(1, Math.floor(count / 50));
  for (let i = 0; i < sourceCount; i++) {
    sources[`src-${i}`] = {
      title: `Statistical bulletin ${i}`,
      publisher: `Agency ${i % 17}`,
      url: `https://example.org/bulletin/${i}`,
      published: '2017-05-01',
    };
  }
  const facts = [];
  for (let i = 0; i < count; i++) {
    const kind = i % 3;
    const subject = SUBJECTS[i % SUBJECTS.length];
    const value = kind === 0 ? Math.round(r() * 1000) / 10 : kind === 1 ? Math.round(r() * 900 + 100) * 1e6 : Math.round(r() * 9000 + 1000);
    facts.push({
      id: `fact-${i}`,
      statement: `${subject} in ${PLACES[i % PLACES.length]}, series ${seriesName(i)}, measure ${i}`,
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

/** A made-up word naming fact i's series ("bakodu"): what tells apart facts of one subject and place, as a real statement would. */
function seriesName(i) {
  const syllables = ['ba', 'ko', 'du', 'fe', 'gi', 'lo', 'mu', 'ne', 'pi', 'ro', 'sa', 'tu', 've', 'zi', 'ha', 'jo'];
  let name = '';
  for (let k = i + 4096; k > 1; k = Math.floor(k / 16)) name += syllables[k % 16];
  return name;
}

const pick = (r, list) => list[Math.floor(r() * list.length)];

/** How a fact's value is written, correctly (or, when `wrong`, not), with a hedge. */
function figure(r, fact, wrong) {
  const hedge = pick(r, wrong ? ANY_HEDGES : SAFE_HEDGES);
  const style = r();
  if (fact.unit === 'percent') {
    const v = wrong ? Number((fact.value + 3.3).toFixed(1)) : fact.value;
    return `${hedge}${v}${style < 0.4 ? '%' : style < 0.8 ? ' per cent' : ' percent'}`;
  }
  if (fact.unit === 'USD') {
    const millions = Math.round(fact.value / 1e6) + (wrong ? 40 : 0);
    return `${hedge}${style < 0.8 ? '$' : 'US$'}${millions} million`;
  }
  const v = wrong ? fact.value + 250 : fact.value;
  return `${hedge}${v.toLocaleString('en-US')} ${fact.unit}`;
}

/**
 * A briefing of about `bytes` bytes with `notes` GFM notes (labels 1..notes, spread
 * evenly through the text, each defined once in the notes list at the end), citing
 * the sources of `factsJson`.
 */
export function briefing(bytes, notes, factsJson, seed = 2) {
  const r = rng(seed);
  const { facts, sources } = JSON.parse(factsJson);
  const bySource = new Map();
  for (const f of facts) {
    if (!bySource.has(f.source)) bySource.set(f.source, []);
    bySource.get(f.source).push(f);
  }
  const defs = [];
  const noteSource = [];
  // The notes list takes about 30 bytes a note; the body gets the rest.
  const body = Math.max(200, bytes - notes * 30 - 40);
  const parts = [
    '---',
    'briefing: true',
    `title: Generated briefing (${bytes} bytes, ${notes} notes)`,
    '---',
    '',
    '# Generated briefing',
    '',
  ];
  let size = parts.join('\n').length + 1;
  const add = (...lines) => {
    for (const line of lines) size += line.length + 1;
    parts.push(...lines);
  };

  let n = 0;
  /** A sentence with a statistic and how it is cited. */
  const statSentence = (i, { table = false } = {}) => {
    const wrong = r() < 0.12;
    let fact = facts[(i * 7919) % facts.length];
    let cite = '';
    // New notes keep pace with the text, so they are spread through all of it.
    const due = n < notes && n < Math.ceil((notes * size) / body);
    const roll = r();
    if (due) {
      n++;
      cite = `[^${n}]`;
      noteSource[n] = fact.source;
      const src = sources[fact.source];
      const kind = r();
      if (kind < 0.1) defs.push(`[^${n}]: ${src.title}, <${src.url}>.`);
      else if (kind < 0.15)
        defs.push(`[^${n}]: @${fact.source}, ${fact.locator}. Figures are provisional and`, `    were revised in the following bulletin.`);
      else defs.push(`[^${n}]: @${fact.source}, ${fact.locator}.`);
    } else if (n > 0 && roll < 0.15) {
      // A note cited again: a figure from that note's source.
      const again = 1 + Math.floor(r() * n);
      const ofSource = bySource.get(noteSource[again]);
      fact = ofSource[Math.floor(r() * ofSource.length)];
      cite = `[^${again}]`;
    } else if (roll < 0.45) {
      cite = table ? ` [bulletin](${sources[fact.source].url})` : ` ([bulletin ${fact.source.slice(4)}](${sources[fact.source].url}))`;
    } else if (roll < 0.6) {
      cite = ` [@${fact.source}, ${fact.locator}]`;
    }
    const text = figure(r, fact, wrong);
    if (table) return { cell: text, cite };
    const subject = SUBJECTS[i % SUBJECTS.length];
    const place = PLACES[(i * 3) % PLACES.length];
    const verb = VERBS[i % VERBS.length];
    const year = 2000 + (i % 20);
    const shape = i % 4;
    let sentence;
    // A wrong figure is written about its fact's own subject and place, as a real slip
    // would be, so that it is a stat.mismatch (another place would rule the fact out).
    const [factSubject, factPlace] = fact.statement.split(', series')[0].split(' in ');
    const series = fact.statement.split(', series ')[1].split(',')[0];
    if (wrong) sentence = `${factSubject[0].toUpperCase()}${factSubject.slice(1)} in ${factPlace} (series ${series}) ${verb} to ${text}`;
    else if (shape === 0)
      sentence = `In ${year}, ${subject} in ${place} ${verb} to ${text}, a change the U.S. embassy noted in its fifth report`;
    else if (shape === 1) sentence = `According to officials in ${place}, ${subject} ${verb} to ${text} in ${MONTHS[i % 12]} ${year}`;
    else if (shape === 2)
      sentence = `*${subject[0].toUpperCase()}${subject.slice(1)}* ${verb} to ${text} over the year to ${year}, the agency said`;
    else sentence = `The **${subject}** series for ${place} stood at ${text} at the end of ${year}`;
    // A note goes after the full stop (as pasted from Word); links and [@...] before it.
    return cite.startsWith('[^') ? `${sentence}.${cite}` : `${sentence}${cite}.`;
  };

  let para = 0;
  while (size < body) {
    para++;
    const i0 = para * 5;
    if (para % 12 === 1) add(`## Section ${Math.ceil(para / 12)}: ${SUBJECTS[para % 8]}`, '');
    else if (para % 12 === 7) add(`### ${PLACES[para % 8]} in ${2000 + (para % 20)}`, '');
    if (para % 15 === 0) {
      const rows = [0, 1, 2].map((k) => statSentence(i0 + k, { table: true }));
      add(
        `Table ${para}: ${SUBJECTS[para % 8]}, latest figures`,
        '',
        '| Item | Value | Source |',
        '| --- | ---: | --- |',
        ...rows.map((row, k) => `| ${SUBJECTS[(para + k) % 8]} | ${row.cell} | ${row.cite.trim()} |`),
        '',
      );
    } else if (para % 9 === 0) {
      add(
        `- ${statSentence(i0)}`,
        `- ${statSentence(i0 + 1)}`,
        `- ${CONTEXT[para % CONTEXT.length](PLACES[para % 8], 2000 + (para % 20), MONTHS[para % 12])}`,
        '',
      );
    } else if (para % 23 === 0) {
      add(`> ${statSentence(i0)} ${CONTEXT[0](PLACES[para % 8])}`, '');
    } else if (para % 31 === 0) {
      add('```text', `series ${para}: 2017-03-31 ${para * 13} rows, 45% complete`, '```', '');
    } else {
      const sentences = [];
      for (let s = 0; s < 4; s++) sentences.push(statSentence(i0 + s));
      const c = CONTEXT[((para + r() * 6) % CONTEXT.length) | 0](PLACES[(para * 5) % 8], 2000 + (para % 20), MONTHS[para % 12]);
      sentences.splice(1 + (para % 3), 0, c);
      if (para % 7 === 0) sentences.push('See `table-4` in the annex.');
      add(sentences.join(' '), '');
    }
  }
  add('## Notes', '', ...defs, '');
  return parts.join('\n');
}

/**
 * The benchmark corpus in `dir`: fact files of 1,000 / 10,000 / 100,000 facts, and
 * briefings of 10 KB / 100 KB / 1 MB with 20 / 200 / 1,000 notes citing the
 * 10,000-fact file, plus a 100 KB briefing citing the 100,000-fact file and a tiny
 * briefing (the CLI's fixed cost). Returns the paths.
 */
export function writeCorpus(dir) {
  mkdirSync(dir, { recursive: true });
  const paths = {};
  const texts = {};
  for (const [name, count] of [
    ['1k', 1000],
    ['10k', 10000],
    ['100k', 100000],
  ]) {
    texts[name] = factFile(count);
    paths[`facts${name}`] = join(dir, `facts-${name}.facts.json`);
    writeFileSync(paths[`facts${name}`], texts[name]);
  }
  const briefs = [
    ['tiny', 300, 1, '10k'],
    ['10kb', 10_000, 20, '10k'],
    ['100kb', 100_000, 200, '10k'],
    ['1mb', 1_000_000, 1000, '10k'],
    ['100kb-100k', 100_000, 200, '100k'],
  ];
  for (const [name, bytes, notes, facts] of briefs) {
    paths[`brief${name}`] = join(dir, `bench-${name}.brief.md`);
    writeFileSync(paths[`brief${name}`], briefing(bytes, notes, texts[facts]));
  }
  return paths;
}
