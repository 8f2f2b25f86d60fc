// Chunked analysis (what the CLI's worker threads do for a long briefing) must give the
// model a whole-document analysis gives, however the text falls into chunks.
import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { analyzeBriefing } from '../../src/core/analyze/analyzeBriefing';
import { analyzeInChunks, ChunkedAnalysis, parseChunk, planChunks } from '../../src/core/incremental/chunks';
import { ParsedRun } from '../../src/core/incremental/runParse';
import { edit, ENDNOTES, FOOTNOTES, NOTES_LIST, random, WEB } from './briefingFixtures';

/** The chunked analysis of `text` from `requests` of its own choosing, each parse passed through structuredClone as a worker's would be. */
function analyzeFrom(text: string, pick: (requests: { from: number; to: number }[], cuts: number) => { from: number; to: number }[]) {
  const { context, requests } = planChunks(text, 4);
  const chosen = pick(requests, context.cuts.starts.length);
  const chunks = chosen.map((r) => {
    const c = parseChunk(context, r);
    return { ...c, parse: ParsedRun.restore(structuredClone(c.parse.toData())) };
  });
  const analysis = new ChunkedAnalysis(context);
  const plan = analysis.plan(chunks);
  for (const job of plan.jobs) job.parse.analyze(job.modes, job.links, {});
  return analysis.assemble(plan);
}

describe('chunked analysis equals a whole-document analysis', () => {
  const cases: [string, string][] = [
    ['GFM footnotes', FOOTNOTES],
    ['bracketed endnotes', ENDNOTES],
    ['web endnotes', WEB],
    ['a notes list without blank lines', NOTES_LIST],
    ['all three, joined', `${FOOTNOTES}\n${ENDNOTES}\n${WEB}`],
  ];
  const RUNS = Number(process.env.DIFF_RUNS) || 60;
  cases.forEach(([name, briefing], n) => {
    test(`${name}: ${RUNS} random versions, in 2 to 5 chunks`, () => {
      const r = random(2000 + n);
      let text = briefing;
      for (let i = 0; i <= RUNS; i++) {
        const expected = analyzeBriefing(text);
        const count = 2 + (i % 4);
        assert.deepEqual(analyzeInChunks(text, count), expected, `${count} chunks, version ${i} of seed ${2000 + n}:\n${text}`);
        text = edit(text, r);
        if (text.length > briefing.length * 2 || text.length < briefing.length / 4) text = briefing;
      }
    });
  });

  test('chunks are split at cuts, about equally, and cover the text', () => {
    const text = Array.from({ length: 100 }, (_, i) => `Paragraph ${i} with 37.4 per cent.[^1]\n`).join('\n') + '\n[^1]: @customs.\n';
    const { context, requests } = planChunks(text, 3);
    assert.equal(requests.length, 3);
    assert.equal(requests[0]!.from, 0);
    assert.equal(requests[2]!.to, context.cuts.starts.length);
    for (let i = 1; i < requests.length; i++) assert.equal(requests[i]!.from, requests[i - 1]!.to);
    const sizes = requests.map((r) => (context.cuts.starts[r.to] ?? text.length) - context.cuts.starts[r.from]!);
    for (const size of sizes) assert.ok(Math.abs(size - text.length / 3) < text.length / 10, `chunk sizes ${sizes.join(', ')}`);
  });

  test('a chunk that runs past the next one, and a missing chunk, are made up for', () => {
    const text = `${FOOTNOTES}\n${ENDNOTES}\n${WEB}`;
    const expected = analyzeBriefing(text);
    // Overlapping chunks: the second starts before the first ends.
    assert.deepEqual(
      analyzeFrom(text, (rs) =>
        [rs[0]!, { from: rs[0]!.from + 1, to: rs[1]!.to }, ...rs.slice(2)].map((r) => ({ from: r.from, to: Math.max(r.to, r.from + 1) })),
      ),
      expected,
    );
    assert.deepEqual(
      analyzeFrom(text, (rs) => [{ from: rs[0]!.from, to: rs[1]!.to + 1 }, ...rs.slice(1)]),
      expected,
    );
    // A chunk lost (a worker that failed): the text it held is parsed by the plan.
    assert.deepEqual(
      analyzeFrom(text, (rs) => [rs[0]!, ...rs.slice(2)]),
      expected,
    );
    assert.deepEqual(
      analyzeFrom(text, () => []),
      expected,
    );
  });

  test('a chunk whose cut the parser does not confirm is extended to the next cut', () => {
    // The cut tracker never cuts inside a fence; a wrong cut is made here by hand.
    const text = 'Trade grew 37.4 per cent.[^1]\n\n```\ncode\n\ninside [^1] the fence\n```\n\nAfter [^1].\n\n[^1]: @customs.\n';
    const inside = text.indexOf('inside');
    const after = text.indexOf('After');
    const notes = text.indexOf('[^1]:');
    const context = { text, cuts: { starts: [0, inside, after, notes], lead: '' }, labels: [] };
    const first = parseChunk(context, { from: 0, to: 1 });
    assert.equal(first.end, after);
    // Alone, the chunk starting inside the fence reads its closing fence as an opening one, which runs to the end.
    assert.equal(parseChunk(context, { from: 1, to: 2 }).end, text.length);
    const analysis = new ChunkedAnalysis(context);
    const chunks = [first, parseChunk(context, { from: 1, to: 2 }), parseChunk(context, { from: 2, to: 4 })];
    const plan = analysis.plan(chunks);
    for (const job of plan.jobs) job.parse.analyze(job.modes, job.links, {});
    assert.deepEqual(analysis.assemble(plan), analyzeBriefing(text));
  });

  test('definitions guessed wrongly (a definition line inside code) are corrected by parsing again', () => {
    const text =
      'Trade grew 37.4 per cent.[^9]\n\n```\n[^9]: not a definition\n```\n\nMore text [^9] and [x].\n\n~~~\n[x]: https://example.org/\n~~~\n';
    for (const count of [1, 2, 3]) assert.deepEqual(analyzeInChunks(text, count), analyzeBriefing(text));
  });

  test("a parse survives a worker's structured clone, and is parsed again where it is analysed", () => {
    const { context, requests } = planChunks(ENDNOTES, 2);
    const original = parseChunk(context, requests[1]!);
    const restored = ParsedRun.restore(structuredClone(original.parse.toData()));
    assert.deepEqual(restored.topNodes, original.parse.topNodes);
    const modes = original.parse.topNodes.map(() => 'prose' as const);
    original.parse.analyze(modes, new Map(), {});
    restored.analyze(modes, new Map(), {});
    assert.deepEqual(restored.analysis, original.parse.analysis);
    assert.deepEqual(structuredClone(original.parse.analysis!.result), original.parse.analysis!.result);
  });
});
