/**
 * `briefing.maxProblems`: which problems a long briefing publishes (the most severe first,
 * as VS Code keeps them), the notice of the rest, the setting's values, and that Check All
 * Briefings still counts every problem.
 */
import assert from 'node:assert/strict';
import { before, describe, it } from 'node:test';
import type { Diagnostic } from 'vscode-languageserver-protocol';
import { limitProblems } from '../../src/server/features/problemLimit';
import { normalizeSettings } from '../../src/server/settings';
import type { CheckFilesResult, FigureCounts } from '../../src/shared/protocol';
import { type LspClient, serverSession } from './lspHarness';

describe('limitProblems', () => {
  const rank = (s: string) => ({ e: 0, w: 1, i: 2 })[s[0] as 'e' | 'w' | 'i'];
  const items = ['w1', 'i1', 'e1', 'w2', 'e2', 'i2', 'w3'];

  it('keeps the most severe first, in their given order, with room for the notice', () => {
    assert.deepEqual(limitProblems(items, 4, rank), { shown: ['w1', 'e1', 'e2'], hidden: 4 });
    assert.deepEqual(limitProblems(items, 6, rank), { shown: ['w1', 'e1', 'w2', 'e2', 'w3'], hidden: 2 });
    assert.deepEqual(limitProblems(items, 2, rank), { shown: ['e1'], hidden: 6 });
  });

  it('leaves a list within the limit alone, and 0 means no limit', () => {
    assert.deepEqual(limitProblems(items, 7, rank), { shown: items, hidden: 0 });
    assert.deepEqual(limitProblems(items, 0, rank), { shown: items, hidden: 0 });
  });

  it('with a limit of one, gives only the notice', () => {
    assert.deepEqual(limitProblems(items, 1, rank), { shown: [], hidden: 7 });
  });
});

describe('briefing.maxProblems setting', () => {
  it('defaults to 1000, as many as VS Code lists per file, and accepts 0 or more', () => {
    assert.equal(normalizeSettings({}).maxProblems, 1000);
    assert.equal(normalizeSettings({ maxProblems: 0 }).maxProblems, 0);
    assert.equal(normalizeSettings({ maxProblems: 25 }).maxProblems, 25);
    for (const bad of [-1, 2.5, '10', null]) assert.equal(normalizeSettings({ maxProblems: bad }).maxProblems, 1000, String(bad));
  });
});

/** A briefing with `uncited` uncited figures (warnings) and, at its end, `undefinedNotes` references without a definition (errors). */
function longBriefing(uncited: number, undefinedNotes: number): string {
  const lines = ['# Long draft', ''];
  for (let i = 0; i < uncited; i++) lines.push(`Rice output in district ${i} rose ${(i % 90) + 1} per cent last season.`, '');
  for (let i = 0; i < undefinedNotes; i++) lines.push(`Nothing defines this reference.[^missing${i}]`, '');
  return lines.join('\n');
}

const messageOf = (d: Diagnostic): string => (typeof d.message === 'string' ? d.message : d.message.value);
const isNotice = (d: Diagnostic) => d.code === undefined && /not listed/.test(messageOf(d));

for (const pull of [false, true]) {
  describe(`a briefing with more problems than briefing.maxProblems (${pull ? 'pull' : 'push'})`, () => {
    const session = serverSession({}, { pull });
    let client: LspClient;
    before(() => (client = session.client));

    it('by default lists 999 problems, the errors among them, and the notice: 1000 in all', async () => {
      const { diagnostics } = await session.openBriefing(longBriefing(1100, 3), 'default');
      assert.equal(diagnostics.length, 1000);
      const notice = diagnostics.filter(isNotice);
      assert.equal(notice.length, 1);
      assert.equal(notice[0]!.severity, 3);
      assert.equal(notice[0]!.source, 'briefing');
      assert.deepEqual(notice[0]!.range.start, { line: 0, character: 0 });
      assert.match(messageOf(notice[0]!), /^104 more problems are not listed: Briefing Check lists 999 of this file's 1,103/);
      assert.match(messageOf(notice[0]!), /briefing\.maxProblems: 1,000/);
      // The errors come first, though they are at the end of the briefing.
      assert.equal(diagnostics.filter((d) => d.code === 'note.undefined').length, 3);
      assert.equal(diagnostics.filter((d) => d.code === 'stat.uncited').length, 996);
      // The warnings kept are the first ones in the briefing.
      const warningLines = diagnostics.filter((d) => d.code === 'stat.uncited').map((d) => d.range.start.line);
      assert.deepEqual(warningLines.slice(0, 3), [2, 4, 6]);
      assert.equal(warningLines.at(-1), 2 + 2 * 995);
    });

    it('follows the setting: a small limit, and 0 for every problem', async () => {
      client.settings = { maxProblems: 5 };
      client.notify('workspace/didChangeConfiguration', { settings: null });
      const small = await session.openBriefing(longBriefing(12, 1), 'small');
      assert.deepEqual(
        small.diagnostics.map((d) => d.code ?? 'notice'),
        ['stat.uncited', 'stat.uncited', 'stat.uncited', 'note.undefined', 'notice'],
      );
      assert.match(messageOf(small.diagnostics.at(-1)!), /^9 more problems are not listed: Briefing Check lists 4 of this file's 13/);
      // The status bar's counts are of every finding, not of the diagnostics listed.
      const counts = await client.executeCommand<FigureCounts>('briefing.server.figureCounts', { uri: small.uri });
      assert.deepEqual(counts, { figures: 12, findings: { 'stat.uncited': 12, 'note.undefined': 1 } });

      client.settings = { maxProblems: 0 };
      client.notify('workspace/didChangeConfiguration', { settings: null });
      const all = await session.openBriefing(longBriefing(1100, 3), 'all');
      assert.equal(all.diagnostics.length, 1103);
      assert.ok(!all.diagnostics.some(isNotice));

      client.settings = { maxProblems: 20 };
      client.notify('workspace/didChangeConfiguration', { settings: null });
      const within = await session.openBriefing(longBriefing(12, 1), 'within');
      assert.equal(within.diagnostics.length, 13);
      assert.ok(!within.diagnostics.some(isNotice));
      client.settings = {};
      client.notify('workspace/didChangeConfiguration', { settings: null });
    });
  });
}

describe('Check All Briefings with more problems than briefing.maxProblems', () => {
  const session = serverSession({ 'long.brief.md': longBriefing(30, 2) }, { pull: false, settings: { maxProblems: 10 } });

  it('publishes the limited list for a briefing that is not open, but counts every problem', async () => {
    const { client, ws } = session;
    const result = await client.executeCommand<CheckFilesResult>('briefing.server.checkFiles', { uris: [ws.uri('long.brief.md')] });
    assert.equal(result.errors, 2);
    assert.equal(result.warnings, 30);
    const published = await client.waitFor(() => client.published.get(ws.uri('long.brief.md'))?.diagnostics, 'the published list');
    assert.equal(published.length, 10);
    assert.equal(published.filter((d) => d.code === 'note.undefined').length, 2);
    assert.ok(isNotice(published.at(-1)!));
  });
});
