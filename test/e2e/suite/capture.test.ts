/**
 * End-to-end tests of capturing facts (issue 13): the "Add fact from selection…" code
 * action in a plain text file, the server commands behind the flow writing a fact into
 * a JSON fact file that a briefing then finds, and the figures status bar of a briefing.
 * The pickers and input boxes of the flow cannot be driven from here (each extension
 * has its own `vscode.window`), so the test calls the same server commands they call.
 *
 * Files are written into `capture/` of the workspace at run time; ids start with `e2e-`.
 */
import * as vscode from 'vscode';
import type { AddFactResult, BriefingExtensionApi, ProposeFactsResult } from '../../../src/shared/protocol';
import { after, before, describe, it } from './runner';
import { EXTENSION_ID, assert, assertCommand, closeAllEditors, codeOf, fileUri, open, positionOf, waitForDiagnostics, waitUntil } from './util';

const lines = (...text: string[]) => text.join('\n') + '\n';

const SOURCE_TEXT = lines(
  'https://example.org/e2e/capture-report',
  '',
  'The report finds that port calls rose 23.5 percent in the second quarter,',
  'while some 1,200 sailors were stranded.',
);

const FACT_FILE = lines(
  '{',
  '  "sources": {',
  '    "e2e-capture": {',
  '      "title": "Port report used by the capture tests",',
  '      "url": "https://example.org/e2e/capture-report"',
  '    }',
  '  },',
  '  "facts": []',
  '}',
);

const BRIEFING = lines('# Capture', '', 'Port calls rose 23.5 percent in the second quarter.[^1]', '', '[^1]: @e2e-capture.');

async function write(path: string, text: string): Promise<vscode.Uri> {
  const uri = fileUri(path);
  await vscode.workspace.fs.writeFile(uri, new TextEncoder().encode(text));
  return uri;
}

describe('capturing facts', () => {
  before(async () => {
    await closeAllEditors();
    await write('capture/source.txt', SOURCE_TEXT);
    await write('capture/capture.facts.json', FACT_FILE);
    await write('capture/capture.brief.md', BRIEFING);
  });
  after(closeAllEditors);

  it('offers "Add fact from selection…" on a selection with a figure in a .txt file', async () => {
    await assertCommand('briefing.addFact');
    // Activate the extension through a briefing first: a .txt file alone does not.
    await open('capture/capture.brief.md');
    const editor = await open('capture/source.txt');
    const start = positionOf(editor.document, 'port calls');
    const end = positionOf(editor.document, 'quarter,').translate(0, 'quarter,'.length);
    const actions = await vscode.commands.executeCommand<vscode.CodeAction[]>('vscode.executeCodeActionProvider', editor.document.uri, new vscode.Range(start, end));
    const titles = (actions ?? []).map((a) => a.title);
    assert(titles.includes('Add fact from selection…'), `code actions on the selection: ${JSON.stringify(titles)}`);
    const none = await vscode.commands.executeCommand<vscode.CodeAction[]>('vscode.executeCodeActionProvider', editor.document.uri, new vscode.Range(0, 0, 0, 0));
    assert(!(none ?? []).some((a) => a.title === 'Add fact from selection…'), 'no add-fact action on an empty selection');
  });

  it('adds a fact from a selection in a .txt file to a JSON fact file, and the briefing is then supported', async () => {
    const briefing = fileUri('capture/capture.brief.md');
    await open(briefing);
    await waitForDiagnostics(briefing, (d) => d.some((x) => codeOf(x) === 'stat.unsupported'), 'stat.unsupported before the fact exists');
    const source = await open('capture/source.txt');
    const selection = { start: positionOf(source.document, 'The report'), end: positionOf(source.document, 'stranded.').translate(0, 'stranded.'.length) };
    const proposed = await vscode.commands.executeCommand<ProposeFactsResult>('briefing.server.proposeFacts', {
      text: source.document.getText(),
      selection: { start: { line: selection.start.line, character: selection.start.character }, end: { line: selection.end.line, character: selection.end.character } },
      briefing: briefing.toString(),
      sourceId: 'e2e-capture',
    });
    assert(proposed, 'proposeFacts answered');
    assert(proposed.url === 'https://example.org/e2e/capture-report', `recorded URL: ${proposed.url}`);
    const figures = proposed.proposals.map((p) => `${p.figure} → ${p.value} ${p.unit}`);
    assert(JSON.stringify(figures) === JSON.stringify(['23.5 percent → 23.5 percent', '1,200 sailors → 1200 sailors']), `figures: ${JSON.stringify(figures)}`);
    const first = proposed.proposals[0];
    assert(first, 'no proposal');
    const target = fileUri('capture/capture.facts.json');
    const result = await vscode.commands.executeCommand<AddFactResult>('briefing.server.addFact', {
      target: target.toString(),
      fact: { id: 'e2e-port-calls', statement: first.statement, value: first.value, unit: first.unit, source: 'e2e-capture', quote: proposed.quote },
      briefing: briefing.toString(),
    });
    assert(result?.applied, `addFact applied: ${result?.message}`);
    const factDocument = vscode.workspace.textDocuments.find((d) => d.uri.toString() === target.toString());
    assert(factDocument, 'the fact file is open after the edit');
    await factDocument.save();
    const text = factDocument.getText();
    assert(text.startsWith(FACT_FILE.slice(0, FACT_FILE.indexOf('"facts"'))), `the sources are untouched:\n${text}`);
    const parsed = JSON.parse(text) as { facts: { id: string; value: number; unit: string; quote: string }[] };
    const [added] = parsed.facts;
    assert(parsed.facts.length === 1 && added?.id === 'e2e-port-calls' && added.value === 23.5 && added.unit === 'percent', `facts: ${JSON.stringify(parsed.facts)}`);
    assert(added.quote.startsWith('The report finds that port calls rose 23.5 percent'), `quote: ${added.quote}`);
    await open(briefing);
    await waitForDiagnostics(briefing, (d) => !d.some((x) => codeOf(x)?.startsWith('stat.')), 'no stat finding once the fact exists');
  });

  it('shows the figures of the active briefing in the status bar', async () => {
    const extension = vscode.extensions.getExtension<BriefingExtensionApi>(EXTENSION_ID);
    assert(extension?.isActive, 'the extension is active');
    const status = extension.exports.figureStatus;
    assert(status, 'the extension exposes its status-bar text');
    // Only its own fact file: the workspace root's example fact files (one of them broken on purpose) would put the bar in its warning state.
    await write('capture/status.brief.md', lines('---', 'facts: capture.facts.json', '---', '', '# Status', '', 'The report finds that port calls rose 40 percent in the second quarter, while sailors were stranded.[^1] Some 300 ships waited.', '', '[^1]: @e2e-capture.'));
    const briefing = fileUri('capture/status.brief.md');
    await open(briefing);
    await waitForDiagnostics(briefing, (d) => d.some((x) => codeOf(x) === 'stat.mismatch'), 'stat.mismatch of the 40 percent');
    await waitUntil(() => /wrong/.test(status() ?? ''), 'the status bar to count the wrong figure');
    const text = status() ?? '';
    assert(text === 'Figures: 1 checked · 1 wrong · 1 uncited', `status bar: ${text}`);
  });

  it('lists the briefing\'s facts in the Facts view with their usage, and updates after an edit', async () => {
    const extension = vscode.extensions.getExtension<BriefingExtensionApi>(EXTENSION_ID);
    const view = extension?.exports.factsView;
    assert(view, 'the extension exposes what its Facts view shows');
    const briefing = fileUri('capture/capture.brief.md');
    const editor = await open(briefing);
    const usesOf = () => view().find((f) => f.file === 'capture/capture.facts.json')?.facts.find((f) => f.id === 'e2e-port-calls');
    await waitUntil(() => usesOf()?.uses === 1, 'e2e-port-calls listed, used once');
    assert(usesOf()!.label === '23.5 percent', `label: ${usesOf()!.label}`);
    const at = positionOf(editor.document, '23.5');
    await editor.edit((edit) => edit.replace(new vscode.Range(at, at.translate(0, 4)), '29'));
    await waitUntil(() => usesOf()?.uses === 0, 'e2e-port-calls unused once the briefing says 29 percent');
  });

  it('opens the bundled example (the walkthrough\'s first step) with its problems', async () => {
    const folder = fileUri('capture/example');
    const editor = await vscode.commands.executeCommand<vscode.TextEditor | undefined>('briefing.openExample', { folder });
    assert(editor, 'briefing.openExample returned the draft\'s editor');
    assert(editor.document.uri.path.endsWith('/capture/example/north-korea-draft.brief.md'), `opened ${editor.document.uri.toString()}`);
    for (const name of ['north-korea.brief.md', 'north-korea.facts.json', 'wire-reports.facts.json']) {
      await vscode.workspace.fs.stat(vscode.Uri.joinPath(folder, name));
    }
    const diagnostics = await waitForDiagnostics(editor.document.uri, (d) => d.some((x) => codeOf(x) === 'stat.mismatch'), 'a wrong figure in the example draft');
    assert(diagnostics.some((x) => codeOf(x) === 'facts.missing'), 'the draft names a fact file that does not exist (facts.missing)');
  });
});
