/**
 * End-to-end tests of Briefing Check in a real VS Code: the wiring between the client,
 * the language server and the editor (activation, diagnostics with the documented codes, hover,
 * quick fix, commands, fact-file validation). What the checks find is tested in depth
 * by the unit tests; here one case per feature is enough.
 *
 * Fixture workspace (test/e2e/workspace/, copied to a temp folder per run):
 * - `*.brief.md` + `*.facts.json` at the root: the project's example, used for the
 *   "diagnostics appear" test and the README pictures; any names will do.
 * - `README.md`: plain Markdown that looks like a briefing; must get no diagnostics.
 * The feature tests write their own small files into `cases/` (see ./cases.ts).
 */
import * as vscode from 'vscode';
import { CASE_FACTS, writeCases } from './cases';
import { describeReadmePictures } from './pictures';
import { after, before, describe, it } from './runner';
import {
  EXTENSION_ID,
  exampleBriefing,
  SPEC_CODES,
  assert,
  assertCommand,
  briefingDiagnostics,
  closeAllEditors,
  codeOf,
  describeDiagnostics,
  fileUri,
  hoverText,
  open,
  plain,
  positionOf,
  waitForDiagnostics,
  waitForText,
  waitUntil,
  withCode,
} from './util';

// GFM footnotes, one-line definitions: enough for the fixtures of this suite.
const FOOTNOTE_DEFINITION = /^\[\^([^\]\s]+)\]:[ \t]*(.*)$/gm;
const FOOTNOTE_REFERENCE = /\[\^([^\]\s]+)\](?!:)/g;

function footnotes(text: string) {
  const definitions = new Map<string, string>();
  // Both patterns' groups are not optional: a match always has them.
  for (const m of text.matchAll(FOOTNOTE_DEFINITION)) definitions.set(m[1]!, m[2]!.trim());
  const references = [...text.matchAll(FOOTNOTE_REFERENCE)].map((m) => m[1]!);
  return { definitions, references };
}

function isError(d: vscode.Diagnostic) {
  return d.severity === vscode.DiagnosticSeverity.Error;
}

describe('activation and scope', () => {
  before(closeAllEditors);

  it('gives a plain README.md no diagnostics, and activates on opening a *.brief.md', async () => {
    const extension = vscode.extensions.getExtension(EXTENSION_ID);
    assert(extension, `extension ${EXTENSION_ID} is not installed`);
    // README first: if it were treated as a briefing, its diagnostics would be there
    // by the time the briefing's are, since both go through the same server queue.
    await open('README.md');
    const briefing = await exampleBriefing();
    const editor = await open(briefing);
    assert(editor.document.languageId === 'markdown', `a *.brief.md should stay Markdown, got ${editor.document.languageId}`);
    await waitUntil(() => extension.isActive, `${EXTENSION_ID} to activate`);
    await waitForDiagnostics(briefing, (d) => d.length > 0, 'the first diagnostics of the example briefing');
    const readme = briefingDiagnostics(fileUri('README.md'));
    assert(readme.length === 0, `README.md must get no briefing diagnostics, got:\n  ${describeDiagnostics(readme)}`);
  });

  it('reports the example briefing with the documented codes, source "briefing" and ranges', async () => {
    const briefing = await exampleBriefing();
    await open(briefing);
    const diagnostics = await waitForDiagnostics(briefing, (d) => d.length > 0, 'diagnostics');
    for (const d of diagnostics) {
      const code = codeOf(d);
      assert(code && (SPEC_CODES as readonly string[]).includes(code), `not a SPEC code: ${code} (${d.message})`);
      if (typeof d.code === 'object') {
        assert(d.code.target instanceof vscode.Uri, `code.target of ${code} should be a Uri (the rule's docs)`);
      }
      assert(!d.range.isEmpty, `${code} at line ${d.range.start.line + 1} has an empty range`);
    }
  });
});

// The README's pictures (./pictures.ts): after activation, before anything edits the workspace.
describeReadmePictures();

describe('features', () => {
  before(writeCases);

  describe('hover', () => {
    before(closeAllEditors);

    it('on a note reference shows the quote of the cited source', async () => {
      const editor = await open('cases/hover.brief.md');
      const quote = CASE_FACTS.facts.find((f) => f.id === 'e2e-trade-growth')!.quote;
      // On the `^`, inside the reference, where any correct provider answers; the
      // edges are the unit tests' business.
      const reference = positionOf(editor.document, '[^1]').translate(0, 1);
      const hovers = await vscode.commands.executeCommand<vscode.Hover[]>('vscode.executeHoverProvider', editor.document.uri, reference);
      const text = plain(hoverText(hovers ?? []));
      assert(text.includes(plain(quote)), `hover should contain the quote "${quote}", got: ${text || '(no hover)'}`);
    });

    it('on plain text of a briefing shows no note hover', async () => {
      const editor = await open('cases/hover.brief.md');
      const hovers = await vscode.commands.executeCommand<vscode.Hover[]>(
        'vscode.executeHoverProvider',
        editor.document.uri,
        positionOf(editor.document, 'Hover case'),
      );
      const text = plain(hoverText(hovers ?? []));
      assert(!text.includes('37.4 percent in the first quarter'), `a heading should get no quote hover, got: ${text}`);
    });
  });

  describe('quick fix', () => {
    before(closeAllEditors);

    it('for stat.uncited, applied as a WorkspaceEdit, removes the diagnostic', async () => {
      const editor = await open('cases/uncited.brief.md');
      const uri = editor.document.uri;
      await waitForDiagnostics(uri, (d) => d.some((x) => codeOf(x) === 'stat.uncited'), 'stat.uncited');
      const [uncited] = withCode(uri, 'stat.uncited');
      assert(uncited, 'stat.uncited is gone again');
      const expected = positionOf(editor.document, '51.6 percent');
      assert(
        uncited.range.start.isEqual(expected),
        `stat.uncited should start at the figure (${expected.line + 1}:${expected.character + 1}), got ${uncited.range.start.line + 1}:${uncited.range.start.character + 1}`,
      );
      const actions = await vscode.commands.executeCommand<vscode.CodeAction[]>(
        'vscode.executeCodeActionProvider',
        uri,
        uncited.range,
        vscode.CodeActionKind.QuickFix.value,
      );
      const fixes = (actions ?? []).filter((a) => a.edit && (!a.diagnostics || a.diagnostics.some((d) => codeOf(d) === 'stat.uncited')));
      assert(
        fixes.length > 0,
        `no quick fix with an edit for stat.uncited; actions: ${(actions ?? []).map((a) => a.title).join(', ') || '(none)'}`,
      );
      const fix = fixes.find((a) => a.isPreferred) ?? fixes[0]!;
      assert(await vscode.workspace.applyEdit(fix.edit!), `applyEdit of "${fix.title}" was refused`);
      const after = await waitForDiagnostics(
        uri,
        (d) => !d.some((x) => codeOf(x) === 'stat.uncited'),
        `stat.uncited to go after "${fix.title}"`,
      );
      const errors = after.filter(isError);
      assert(errors.length === 0, `"${fix.title}" left errors:\n  ${describeDiagnostics(errors)}\ntext:\n${editor.document.getText()}`);
    });

    after(closeAllEditors);
  });

  describe('commands', () => {
    before(closeAllEditors);

    it('briefing.findFact { factId } inserts the figure and a citation at the cursor', async () => {
      // Written at run time: the cursor goes after a trailing space, which a fixture file
      // would lose to editors that trim whitespace.
      const uri = fileUri('cases/find-fact.brief.md');
      const before = "# Find Fact case\n\nChina's coal imports from North Korea fell ";
      await assertCommand('briefing.findFact');
      await vscode.workspace.fs.writeFile(uri, new TextEncoder().encode(before));
      const editor = await open(uri);
      const end = editor.document.positionAt(before.length);
      editor.selection = new vscode.Selection(end, end);
      await vscode.commands.executeCommand('briefing.findFact', { factId: 'e2e-coal-decline' });
      const text = await waitForText(editor.document, (t) => t.length > before.length, 'the inserted figure');
      const inserted = text.slice(before.length);
      assert(text.startsWith(before), `text before the cursor changed:\n${text}`);
      assert(
        /^\s?51\.6\s?(%|percent|per cent)/.test(inserted),
        `expected the figure 51.6 percent at the cursor, got: ${JSON.stringify(inserted)}`,
      );
      assert(
        text.includes('e2e-customs') || text.includes('example.org/e2e/customs'),
        `expected a citation of e2e-customs, text:\n${text}`,
      );
      // The inserted figure is cited and matches its fact, so no stat.* finding is left.
      await waitForDiagnostics(uri, (d) => !d.some((x) => codeOf(x)?.startsWith('stat.')), 'no stat.* diagnostics after Find Fact');
    });

    it('briefing.renumberNotes numbers notes in order of first reference and keeps every note text', async () => {
      await assertCommand('briefing.renumberNotes');
      const editor = await open('cases/renumber.brief.md');
      const uri = editor.document.uri;
      await waitForDiagnostics(uri, (d) => d.some((x) => codeOf(x) === 'note.order'), 'note.order before renumbering');
      const before = footnotes(editor.document.getText());
      const textsInReadingOrder = before.references.map((label) => before.definitions.get(label));
      await vscode.commands.executeCommand('briefing.renumberNotes');
      const text = await waitForText(
        editor.document,
        (t) => footnotes(t).references.join(',') === '1,2,3',
        'references [^1] [^2] [^3] in reading order',
      );
      const now = footnotes(text);
      assert(
        JSON.stringify(now.references.map((label) => now.definitions.get(label))) === JSON.stringify(textsInReadingOrder),
        `each reference must keep its note text: before ${JSON.stringify(textsInReadingOrder)}, now:\n${text}`,
      );
      assert(
        JSON.stringify([...now.definitions.values()].sort()) === JSON.stringify([...before.definitions.values()].sort()),
        `the note texts changed:\n${text}`,
      );
      await waitForDiagnostics(uri, (d) => !d.some((x) => codeOf(x)?.startsWith('note.')), 'no note.* diagnostics after renumbering');
    });

    after(async () => {
      await closeAllEditors();
      await vscode.workspace.fs.delete(fileUri('cases/find-fact.brief.md'), { useTrash: false }).then(undefined, () => undefined);
    });
  });

  describe('fact files', () => {
    const broken = () => fileUri('cases/broken.facts.json');
    before(closeAllEditors);

    it('a schema error shows facts.invalid at the offending value, and fixing it clears it', async () => {
      const lines = [
        '{',
        '  "sources": { "e2e-broken-src": { "title": "Broken on purpose" } },',
        '  "facts": [',
        '    {',
        '      "id": "e2e-broken-fact",',
        '      "statement": "A value that is not a number",',
        '      "unit": "tonnes",',
        '      "value": "lots",',
        '      "source": "e2e-broken-src",',
        '      "quote": "Lots of tonnes."',
        '    }',
        '  ]',
        '}',
      ];
      const valueLine = lines.findIndex((l) => l.includes('"value"'));
      await vscode.workspace.fs.writeFile(broken(), new TextEncoder().encode(lines.join('\n') + '\n'));
      const editor = await open(broken());
      await waitForDiagnostics(broken(), (d) => d.some((x) => codeOf(x) === 'facts.invalid'), 'facts.invalid');
      const [invalid] = withCode(broken(), 'facts.invalid');
      assert(invalid, 'facts.invalid is gone again');
      assert(isError(invalid), 'facts.invalid should be an error');
      assert(
        invalid.range.start.line === valueLine,
        `facts.invalid should be on line ${valueLine + 1} ("value": "lots"), got line ${invalid.range.start.line + 1}: ${invalid.message}`,
      );

      const edit = new vscode.WorkspaceEdit();
      const value = positionOf(editor.document, '"lots"');
      edit.replace(broken(), new vscode.Range(value, value.translate(0, '"lots"'.length)), '12');
      assert(await vscode.workspace.applyEdit(edit), 'applyEdit refused');
      await editor.document.save();
      await waitForDiagnostics(broken(), (d) => !d.some((x) => codeOf(x) === 'facts.invalid'), 'facts.invalid to clear after the fix');
    });

    it('a file that is not JSON shows facts.invalid', async () => {
      await closeAllEditors();
      await vscode.workspace.fs.writeFile(broken(), new TextEncoder().encode('{ "sources": {}, "facts": [ }\n'));
      await open(broken());
      await waitForDiagnostics(broken(), (d) => d.some((x) => codeOf(x) === 'facts.invalid'), 'facts.invalid for a JSON syntax error');
    });

    after(async () => {
      await closeAllEditors();
      await vscode.workspace.fs.delete(broken(), { useTrash: false }).then(undefined, () => undefined);
    });
  });
});

describe('README still clean', () => {
  it('README.md has no briefing diagnostics after all the above', async () => {
    const readme = briefingDiagnostics(fileUri('README.md'));
    assert(readme.length === 0, `README.md got briefing diagnostics:\n  ${describeDiagnostics(readme)}`);
  });
});
