// Properties of the engine and the fixes over generated input (fast-check): arbitrary
// text, and briefing-like Markdown with notes of every style, notes lists, tables, code
// and links.
import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import fc from 'fast-check';
import { analyzeBriefing } from '../../src/core/analyze/analyzeBriefing';
import { checkBriefing } from '../../src/core/check';
import { FactIndex } from '../../src/core/facts/factIndex';
import { parseFactFile } from '../../src/core/facts/parseFactFile';
import { applyEdits } from '../../src/core/fixes/applyEdits';
import { convertEndnotesFix } from '../../src/core/fixes/convertEndnotes';
import { renumberFix } from '../../src/core/fixes/renumber';
import { applySafeFixes } from '../../src/core/fixes/safeFixes';
import { resolveNotes } from '../../src/core/notes/resolve';
import type { BriefingModel } from '../../src/core/model';

const FACTS = FactIndex.from([
  parseFactFile(
    JSON.stringify({
      sources: { customs: { title: 'Customs', url: 'https://example.org/customs' }, defence: { title: 'Defence' } },
      facts: [
        { id: 'trade', statement: 'Trade growth', value: 37.4, unit: 'percent', source: 'customs', quote: 'q', keywords: ['trade'] },
        {
          id: 'troops',
          statement: 'Troops at the border',
          value: 3200,
          unit: 'troops',
          source: 'defence',
          quote: 'q',
          keywords: ['troops'],
        },
        { id: 'loan', statement: 'Port loan', value: 2.4e9, unit: 'USD', source: 'defence', quote: 'q', keywords: ['loan'] },
      ],
    }),
    'p.facts.json',
  ),
]);

const RUNS = { numRuns: Number(process.env.FC_RUNS ?? 150) };

// ---------------------------------------------------------------- generators

const SUPERSCRIPT = '⁰¹²³⁴⁵⁶⁷⁸⁹';
const sup = (n: number) => String(n).replace(/\d/g, (d) => SUPERSCRIPT[Number(d)]!);
const label = fc.integer({ min: 1, max: 7 });

const word = fc.constantFrom(
  'Trade',
  'grew',
  'troops',
  'the',
  'border',
  'loan',
  'U.S.',
  'officials',
  'said',
  'port',
  'in',
  'April',
  '2017',
  'Dr.',
  'talks',
);
const statistic = fc.constantFrom(
  '37.4%',
  '40 per cent',
  '3,200 troops',
  'almost 3,000 troops',
  '$2.4 billion',
  'US$3bn',
  'more than 12%',
  '1,200 defectors',
);
const reference = fc.oneof(
  label.map((n) => `[^${n}]`),
  fc.constantFrom('[^a]', '[^Note]', '[^]', '[^ ]'),
  label.map((n) => `[${n}]`),
  fc.tuple(label, label).map(([a, b]) => `[${a}, ${b}]`),
  fc.tuple(label, fc.integer({ min: 0, max: 2 })).map(([a, d]) => `[${a}-${a + d}]`),
  label.map(sup),
  label.map((n) => `<sup>${n}</sup>`),
  label.map((n) => `<sup><a href="#fn${n}">${n}</a></sup>`),
  label.map((n) => `\\[${n}\\]`),
);
const inline = fc.oneof(
  { weight: 6, arbitrary: word },
  { weight: 2, arbitrary: statistic },
  { weight: 3, arbitrary: reference },
  {
    weight: 1,
    arbitrary: fc.constantFrom(
      '`[^1] code`',
      '[a link [2]](https://example.org/customs)',
      '![img [1]](a.png)',
      '[text][1]',
      '<https://example.org/x>',
      '[@customs]',
      '[@defence; @nobody, p. 3]',
      '**bold**',
      '*[^2]*',
      '"quoted."',
      '[https://example.org/customs]',
    ),
  },
);
const sentence = fc
  .tuple(fc.array(inline, { minLength: 1, maxLength: 9 }), fc.constantFrom('.', '!', '?', '."'))
  .map(([parts, end]) => parts.join(' ') + end);
const paragraph = fc.array(sentence, { minLength: 1, maxLength: 4 }).map((s) => s.join(' '));
const table = fc.array(fc.array(inline, { minLength: 1, maxLength: 3 }), { minLength: 1, maxLength: 3 }).map((rows) => {
  const head = '| Measure | Value |\n| --- | --- |';
  return [head, ...rows.map((r) => `| ${r.slice(0, 1).join(' ')} | ${r.slice(1).join(' ') || ' '} |`)].join('\n');
});
const noteBody = fc.oneof(
  fc.constantFrom('@customs, table 4.', '@defence.', '@nobody.', 'Interview.', 'https://example.org/customs', '@customs, see [^2].', ''),
  fc.array(word, { maxLength: 4 }).map((w) => w.join(' ')),
);
const gfmDefinition = fc
  .tuple(fc.oneof(label.map(String), fc.constantFrom('a', 'note')), noteBody, fc.boolean())
  .map(([l, body, more]) => `[^${l}]: ${body}${more ? '\n    A continuation line.' : ''}`);
const notesList = fc
  .tuple(
    fc.constantFrom('## Notes', '# Endnotes', '### references', '**Footnotes**', '## Sources'),
    fc.constantFrom('ordered', 'bracket', 'html'),
    fc.array(fc.tuple(label, noteBody), { minLength: 1, maxLength: 6 }),
  )
  .map(([heading, kind, items]) => {
    const body =
      kind === 'ordered'
        ? items.map(([n, t]) => `${n}. ${t}`).join('\n')
        : kind === 'bracket'
          ? items.map(([n, t]) => `[${n}] ${t}`).join('\n')
          : `<ol>\n${items.map(([n, t]) => `<li id="fn${n}">${t}</li>`).join('\n')}\n</ol>`;
    return `${heading}\n\n${body}`;
  });
const block = fc.oneof(
  { weight: 6, arbitrary: paragraph },
  { weight: 2, arbitrary: gfmDefinition },
  { weight: 1, arbitrary: table },
  {
    weight: 1,
    arbitrary: fc.constantFrom(
      '```\n[^1] 40% in code [2]\n```',
      '    indented [^3] code',
      '> Quoted 37.4%.[^1]',
      '- A list item with 3,200 troops.[1]',
      '[1]: https://example.org/customs',
      '# Heading 40%',
      '<!-- [^9] -->',
    ),
  },
);
const briefing = fc
  .tuple(fc.array(block, { minLength: 1, maxLength: 8 }), fc.option(notesList))
  .map(([blocks, notes]) => [...blocks, ...(notes ? [notes] : [])].join('\n\n') + '\n');

/** A briefing whose references all resolve: a paragraph of refs and their notes, in one style. */
const resolvedBriefing = fc
  .tuple(
    fc.constantFrom('gfm', 'ordered', 'bracket', 'superscript', 'html'),
    fc.array(fc.tuple(fc.integer({ min: 1, max: 6 }), fc.array(word, { minLength: 1, maxLength: 4 })), { minLength: 1, maxLength: 10 }),
    fc.uniqueArray(fc.integer({ min: 1, max: 9 }), { minLength: 0, maxLength: 3 }),
  )
  .map(([style, cited, extra]) => {
    const numbers = [...new Set([...cited.map(([n]) => n), ...extra])].sort((a, b) => a - b);
    const ref = (n: number) =>
      style === 'gfm'
        ? `[^${n}]`
        : style === 'superscript'
          ? sup(n)
          : style === 'html'
            ? `<sup><a href="#fn${n}">${n}</a></sup>`
            : `[${n}]`;
    const prose = cited.map(([n, words]) => `${words.join(' ')} sentence.${ref(n)}`).join(' ');
    const text = (n: number) => `Note text number ${n} @customs.`;
    const notes =
      style === 'gfm'
        ? numbers.map((n) => `[^${n}]: ${text(n)}`).join('\n')
        : style === 'bracket'
          ? `## Notes\n\n${numbers.map((n) => `[${n}] ${text(n)}`).join('\n')}`
          : style === 'html'
            ? `<ol>\n${numbers.map((n) => `<li id="fn${n}">${text(n)}</li>`).join('\n')}\n</ol>`
            : `${style === 'superscript' ? '**Footnotes**' : '## Notes'}\n\n${numbers.map((n) => `${n}. ${text(n)}`).join('\n')}`;
    return `${prose}\n\n${notes}\n`;
  });

// ---------------------------------------------------------------- helpers

function assertInside(text: string, spans: { start: number; end: number }[], what: string) {
  for (const s of spans) {
    assert.ok(Number.isInteger(s.start) && Number.isInteger(s.end), `${what}: integer offsets`);
    assert.ok(s.start >= 0 && s.start <= s.end && s.end <= text.length, `${what}: ${s.start}-${s.end} outside 0-${text.length}`);
  }
}

/**
 * For each reference in running text, in order, the text of the note it resolves to. A
 * group (`[3, 1]`, `[6, 6]`) is written anew in ascending order without repeats, so it
 * counts as the set of its notes' texts.
 */
function refTexts(model: BriefingModel): string[] {
  const notes = resolveNotes(model);
  const groups = new Map<number, Set<string>>();
  model.refs.forEach((r, i) => {
    if (r.inDefinition) return;
    const set = groups.get(r.groupSpan.start) ?? new Set<string>();
    set.add(notes.defOfRef[i]?.text ?? '(undefined)');
    groups.set(r.groupSpan.start, set);
  });
  return [...groups.values()].map((set) => [...set].sort().join(' | '));
}

/** The multiset of note texts, with note labels and indentation normalised away. */
function noteTexts(model: BriefingModel): string[] {
  return model.defs.map((d) => d.text.replace(/\s+/g, ' ').trim()).sort();
}

// ---------------------------------------------------------------- properties

describe('the engine on any input', () => {
  test('never throws and every finding and fix lies inside the text (arbitrary text)', () => {
    const markdownish = fc.string({
      unit: fc.constantFrom(
        '[',
        ']',
        '^',
        '(',
        ')',
        '1',
        '2',
        '3',
        '4',
        '%',
        '$',
        ' ',
        '\n',
        '\n\n',
        '    ',
        '-',
        '*',
        '_',
        '`',
        '>',
        '|',
        '#',
        '@',
        'a',
        'x',
        ':',
        '.',
        '¹',
        '²',
        '<sup>',
        '</sup>',
        '!',
        '\\',
        'https://e.org/',
        '<li id="fn1">',
      ),
      maxLength: 120,
    });
    fc.assert(
      fc.property(fc.oneof(fc.string({ unit: 'grapheme', maxLength: 80 }), markdownish), (text) => {
        const result = checkBriefing(text, FACTS);
        assertInside(
          text,
          result.findings.map((f) => f.span),
          'finding',
        );
        for (const f of result.findings)
          for (const fix of f.fixes ?? [])
            assertInside(
              text,
              fix.edits.map((e) => e.span),
              `fix of ${f.code}`,
            );
      }),
      RUNS,
    );
  });

  test('never throws and every finding lies inside the text (briefing-like text)', () => {
    fc.assert(
      fc.property(briefing, (text) => {
        const result = checkBriefing(text, FACTS);
        assertInside(
          text,
          result.findings.map((f) => f.span),
          'finding',
        );
        assertInside(
          text,
          result.model.stats.map((s) => s.span),
          'statistic',
        );
        assertInside(
          text,
          result.model.refs.map((r) => r.span),
          'reference',
        );
        assertInside(
          text,
          result.model.defs.flatMap((d) => [d.span, d.labelSpan, d.textSpan]),
          'definition',
        );
        assert.equal(result.matches.length, result.model.stats.length);
      }),
      RUNS,
    );
  });

  test('applying any fix never throws (its edits do not overlap) and the result checks', () => {
    fc.assert(
      fc.property(briefing, (text) => {
        for (const f of checkBriefing(text, FACTS).findings) {
          for (const fix of f.fixes ?? []) {
            const out = applyEdits(text, fix.edits);
            checkBriefing(out, FACTS);
          }
        }
      }),
      RUNS,
    );
  });
});

describe('renumbering', () => {
  test('is idempotent and keeps each reference pointing at the same note text', () => {
    fc.assert(
      fc.property(fc.oneof(resolvedBriefing, briefing), (text) => {
        const model = analyzeBriefing(text);
        const fix = renumberFix({ model, notes: resolveNotes(model) });
        if (!fix) return;
        const once = applyEdits(text, fix.edits);
        const after = analyzeBriefing(once);
        const strip = (t: string) => t.replace(/\[\^?\d+\]|[⁰¹²³⁴⁵⁶⁷⁸⁹]+/g, '#');
        assert.deepEqual(refTexts(after).map(strip), refTexts(model).map(strip), `\n${text}\n--->\n${once}`);
        assert.deepEqual(noteTexts(after).map(strip), noteTexts(model).map(strip));
        assert.equal(renumberFix({ model: after, notes: resolveNotes(after) }), undefined, `not idempotent:\n${once}`);
      }),
      RUNS,
    );
  });

  test('after applySafeFixes no note.order or note.gap remains when all references resolve', () => {
    fc.assert(
      fc.property(resolvedBriefing, (text) => {
        const before = checkBriefing(text, FACTS).findings;
        assert.ok(!before.some((f) => f.code === 'note.undefined' || f.code === 'note.duplicate'), 'generator: all resolve');
        const { text: out } = applySafeFixes(text);
        const left = checkBriefing(out, FACTS).findings.filter((f) => f.code === 'note.order' || f.code === 'note.gap');
        assert.deepEqual(
          left.map((f) => f.code),
          [],
          `\n${text}\n--->\n${out}`,
        );
      }),
      RUNS,
    );
  });
});

describe('fixes keep every note', () => {
  test('renumber, convert and the safe fixes keep all note texts, each exactly once', () => {
    fc.assert(
      fc.property(fc.oneof(resolvedBriefing, briefing), (text) => {
        const model = analyzeBriefing(text);
        const strip = (t: string) => t.replace(/\[\^?\d+\]|[⁰¹²³⁴⁵⁶⁷⁸⁹]+|<sup>\d+<\/sup>/g, '#');
        const texts = noteTexts(model).map(strip);
        const candidates = [renumberFix({ model, notes: resolveNotes(model) }), convertEndnotesFix(model)];
        for (const fix of candidates) {
          if (!fix) continue;
          const out = applyEdits(text, fix.edits);
          assert.deepEqual(noteTexts(analyzeBriefing(out)).map(strip), texts, `${fix.title}\n${text}\n--->\n${out}`);
        }
        const safe = applySafeFixes(text).text;
        assert.deepEqual(noteTexts(analyzeBriefing(safe)).map(strip), texts, `safe fixes\n${text}\n--->\n${safe}`);
      }),
      RUNS,
    );
  });
});
