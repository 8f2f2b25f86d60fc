/**
 * Real-editor tests of bibliographies as sources (issue 11): a briefing whose front
 * matter names a BibLaTeX file and a CSV fact file gets completion of the entry keys
 * after `[@`, a hover with the formatted reference, go to definition into the .bib, and
 * is checked again when the .bib changes on disk (as when Zotero exports it again).
 * What the parser reads from a .bib is tested by the unit tests; here only the wiring.
 *
 * Its own small project, written into `bib/` at run time; keys and ids start with `e2e-`.
 * The briefing names its fact file in front matter, so the workspace's other fact files
 * stay out of its checks.
 */
import * as vscode from 'vscode';
import { after, before, describe, it } from './runner';
import { assert, closeAllEditors, codeOf, fileUri, hoverText, open, plain, positionOf, waitForDiagnostics, withCode } from './util';

const lines = (...text: string[]) => text.join('\n') + '\n';

/** Two entries of the kinds a reference manager exports; the second has accents and a DOI. */
const BIB = lines(
  '% Exported by a reference manager; edited on disk by the last test.',
  '',
  '@report{e2e-harbour-2021,',
  '  author      = {Okonkwo, Adaeze and Berg, Lars},',
  '  title       = {Container traffic in northern harbours},',
  '  institution = {Baltic Port Authority},',
  '  date        = {2021-03-15},',
  '  url         = {https://example.org/e2e/harbour-2021},',
  '}',
  '',
  '@article{e2e-tolls-2019,',
  '  author       = {Sch{\\"a}fer, Greta},',
  '  title        = {Canal tolls and the shipping season},',
  '  journaltitle = {Journal of Inland Transport},',
  '  date         = {2019},',
  '  doi          = {10.5555/jit.2019.7},',
  '}',
);

/** The entry the last test adds to the .bib on disk; the briefing cites it from the start. */
const LATE_ENTRY = lines(
  '',
  '@book{e2e-late-2022,',
  '  author    = {Varga, Imre},',
  '  title     = {A history of river freight},',
  '  publisher = {Danube Press},',
  '  year      = {2022},',
  '}',
);

/** Facts whose `source` is a bibliography key: the CSV names no sources of its own. */
const FACTS_CSV = lines(
  'id,statement,value,unit,source,quote,locator,keywords',
  'e2e-harbour-growth,"Growth of container traffic in northern harbours, 2020",12.5,percent,e2e-harbour-2021,"Container traffic grew 12.5 percent in 2020.",p. 9,container;traffic',
);

const BRIEFING = lines(
  '---',
  'facts: figures.facts.csv',
  'bibliography: refs.bib',
  '---',
  '',
  '# Harbours',
  '',
  'Container traffic in the northern harbours grew 12.5 percent in 2020 [@e2e-harbour-2021, p. 9].',
  'Tolls have long set the length of the shipping season [see @e2e-tolls-2019].',
  'River freight is older than either [@e2e-late-2022].',
);

async function write(path: string, text: string): Promise<vscode.Uri> {
  const uri = fileUri(path);
  await vscode.workspace.fs.writeFile(uri, new TextEncoder().encode(text));
  return uri;
}

/** Completion labels are either a string or `{ label, description }`. */
function labelOf(item: vscode.CompletionItem): string {
  return typeof item.label === 'string' ? item.label : item.label.label;
}

/** The definition provider answers with Locations or LocationLinks, depending on the server. */
function targetOf(location: vscode.Location | vscode.LocationLink): { uri: vscode.Uri; range: vscode.Range } {
  return 'targetUri' in location ? { uri: location.targetUri, range: location.targetSelectionRange ?? location.targetRange } : location;
}

describe('bibliography', () => {
  const briefing = () => fileUri('bib/harbours.brief.md');
  const bib = () => fileUri('bib/refs.bib');

  before(async () => {
    await closeAllEditors();
    await write('bib/refs.bib', BIB);
    await write('bib/figures.facts.csv', FACTS_CSV);
    await write('bib/harbours.brief.md', BRIEFING);
    await open(briefing());
    // Loaded once the cited figure is checked against the CSV fact of a .bib source, and
    // the key that is not in the .bib yet is the only unknown source.
    await waitForDiagnostics(
      briefing(),
      (d) => !d.some((x) => codeOf(x)?.startsWith('stat.')) && d.filter((x) => codeOf(x) === 'source.unknown').length === 1,
      'the briefing checked against refs.bib and figures.facts.csv (one source.unknown, for e2e-late-2022)',
    );
  });
  after(closeAllEditors);

  it('completes bibliography keys after "[@", with author, year and title as detail', async () => {
    const editor = await open(briefing());
    // Right after `[@` of the first citation: what the writer has typed so far is "[@".
    const at = positionOf(editor.document, '[@e2e-harbour-2021').translate(0, 2);
    const list = await vscode.commands.executeCommand<vscode.CompletionList>('vscode.executeCompletionItemProvider', briefing(), at, '@');
    const items = list?.items ?? [];
    const byLabel = new Map(items.map((item) => [labelOf(item), item]));
    const harbour = byLabel.get('e2e-harbour-2021');
    const tolls = byLabel.get('e2e-tolls-2019');
    assert(harbour && tolls, `both .bib keys should be offered after "[@", got: ${[...byLabel.keys()].join(', ') || '(nothing)'}`);
    assert(!byLabel.has('e2e-late-2022'), 'a key that is not in the .bib yet must not be offered');
    for (const [item, who, year, title] of [
      [harbour, 'Okonkwo', '2021', 'Container traffic in northern harbours'],
      [tolls, 'Schäfer', '2019', 'Canal tolls and the shipping season'],
    ] as const) {
      const detail = item.detail ?? '';
      for (const part of [who, year, title])
        assert(detail.includes(part), `detail of ${labelOf(item)} should name "${part}", got: ${JSON.stringify(detail)}`);
    }
  });

  it('shows the formatted reference in the hover on a citation', async () => {
    const editor = await open(briefing());
    const at = positionOf(editor.document, '@e2e-tolls-2019').translate(0, 3);
    const hovers = await vscode.commands.executeCommand<vscode.Hover[]>('vscode.executeHoverProvider', briefing(), at);
    const text = plain(hoverText(hovers ?? []));
    // Decoded from BibLaTeX: the accent, the journal and the DOI as a link.
    for (const part of [
      'Schäfer',
      '2019',
      'Canal tolls and the shipping season',
      'Journal of Inland Transport',
      'https://doi.org/10.5555/jit.2019.7',
    ]) {
      assert(text.includes(part), `the hover should show "${part}" of the reference, got: ${text || '(no hover)'}`);
    }
    assert(!text.includes('{\\"a}'), `the hover shows LaTeX instead of the decoded name: ${text}`);
  });

  it('goes to the entry in the .bib on "go to definition"', async () => {
    const editor = await open(briefing());
    const at = positionOf(editor.document, '@e2e-harbour-2021').translate(0, 3);
    const found = await vscode.commands.executeCommand<(vscode.Location | vscode.LocationLink)[]>(
      'vscode.executeDefinitionProvider',
      briefing(),
      at,
    );
    const [first] = found ?? [];
    assert(found?.length === 1 && first, `one definition expected, got ${found?.length ?? 0}`);
    const target = targetOf(first);
    assert(
      target.uri.toString() === bib().toString(),
      `the definition should be in bib/refs.bib, got ${vscode.workspace.asRelativePath(target.uri)}`,
    );
    const entryLine = BIB.split('\n').findIndex((line) => line.startsWith('@report{e2e-harbour-2021'));
    assert(
      target.range.start.line === entryLine,
      `the definition should be at line ${entryLine + 1} (the entry), got line ${target.range.start.line + 1}`,
    );
    // And the real command opens the .bib there.
    editor.selection = new vscode.Selection(at, at);
    await vscode.commands.executeCommand('editor.action.revealDefinition');
    const opened = vscode.window.activeTextEditor;
    assert(
      opened?.document.uri.toString() === bib().toString(),
      `revealDefinition should open refs.bib, active: ${opened ? vscode.workspace.asRelativePath(opened.document.uri) : '(none)'}`,
    );
    assert(
      opened.selection.active.line === entryLine,
      `the cursor should be on line ${entryLine + 1}, is on ${opened.selection.active.line + 1}`,
    );
  });

  it('checks the briefing again when the .bib changes on disk', async () => {
    await closeAllEditors();
    await open(briefing());
    // Closing the editors cleared its diagnostics: wait for the check of the reopened briefing.
    await waitForDiagnostics(
      briefing(),
      (d) => d.some((x) => codeOf(x) === 'source.unknown'),
      'source.unknown of e2e-late-2022 before the edit',
    );
    const [unknown] = withCode(briefing(), 'source.unknown');
    assert(unknown?.message.includes('e2e-late-2022'), `source.unknown should name e2e-late-2022, got: ${unknown?.message}`);
    // On disk, not through an editor: as a reference manager rewrites its export.
    await write('bib/refs.bib', BIB + LATE_ENTRY);
    await waitForDiagnostics(
      briefing(),
      (d) => !d.some((x) => codeOf(x) === 'source.unknown'),
      'source.unknown to go once refs.bib has the entry',
    );
    // And back: the entry removed again is unknown again (the change is read, not cached).
    await write('bib/refs.bib', BIB);
    await waitForDiagnostics(
      briefing(),
      (d) => d.some((x) => codeOf(x) === 'source.unknown'),
      'source.unknown again once the entry is gone',
    );
  });
});
