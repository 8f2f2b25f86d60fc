// The CLI's worker threads, for real: a long briefing analysed in chunks by worker threads
// gives the model a whole-document analysis gives, and a worker that cannot start or dies
// only means its chunks are analysed in the main thread.
import { existsSync } from 'node:fs';
import { resolve } from 'node:path';
import { after, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { analyzeBriefing } from '../../src/core/analyze/analyzeBriefing';
import { AnalysisPool, analyzeInParallel } from '../../src/node/parallelAnalysis';
import { ENDNOTES, FOOTNOTES, NOTES_LIST, WEB } from '../core/briefingFixtures';
// @ts-expect-error: a JavaScript module without types
import { briefing, factFile } from '../../bench/generate.mjs';

// npm test builds dist/ first.
const WORKER = resolve('dist/analysis-worker.js');
const LONG: string = briefing(150_000, 300, factFile(200));
const MIXED = `${FOOTNOTES}\n${ENDNOTES}\n${WEB}\n${NOTES_LIST}`;

describe('parallel analysis in worker threads', () => {
  const pools: AnalysisPool[] = [];
  after(async () => {
    await Promise.all(pools.map((p) => p.close()));
  });

  test('the worker script is built', () => {
    assert.ok(existsSync(WORKER), `${WORKER} is missing: run npm run build`);
  });

  for (const size of [1, 3]) {
    test(`${size} worker thread(s) give the whole-document model`, async () => {
      const pool = new AnalysisPool(WORKER, size);
      pools.push(pool);
      for (const text of [LONG, MIXED, '', 'One line, no newline']) {
        assert.deepEqual(await analyzeInParallel(text, {}, pool), analyzeBriefing(text));
      }
      // A pool serves one briefing after another, as the CLI checks several files.
      assert.deepEqual(
        await analyzeInParallel(LONG, { citationScope: 'paragraph' }, pool),
        analyzeBriefing(LONG, { citationScope: 'paragraph' }),
      );
    });
  }

  test('work meant for a worker that cannot start is done in this thread', async () => {
    const pool = new AnalysisPool(resolve('dist/no-such-worker.js'), 2);
    pools.push(pool);
    assert.deepEqual(await analyzeInParallel(MIXED, {}, pool), analyzeBriefing(MIXED));
  });

  test('meanwhile runs while the workers parse, and its error ends the analysis', async () => {
    const pool = new AnalysisPool(WORKER, 1);
    pools.push(pool);
    let ran = false;
    assert.deepEqual(await analyzeInParallel(LONG, {}, pool, () => (ran = true)), analyzeBriefing(LONG));
    assert.ok(ran);
    await assert.rejects(
      analyzeInParallel(LONG, {}, pool, () => {
        throw new Error('cannot read fact file');
      }),
      /cannot read fact file/,
    );
  });
});
