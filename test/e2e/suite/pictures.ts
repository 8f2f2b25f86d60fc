/**
 * The README's pictures, taken in the real editor. Each is a test of its own, so a
 * picture that cannot be taken (the feature is missing, or nobody takes pictures) fails
 * and never passes without its picture (see `requestScreenshot`). They run before the
 * tests that edit and create files, so the window shows the example as a user would
 * first see it: briefing.test.ts registers them right after the activation tests.
 *
 * Where they land: the runner's `--screenshots` folder, `out/e2e-screenshots/` in an
 * ordinary `npm run test:e2e`; `npm run docs:images` writes them into docs/images/.
 * Every test's title contains "pictures for the README" and its file's name, so one
 * picture alone can be taken again: `npm run docs:images -- --grep facts-view.png`.
 */
import * as vscode from 'vscode';
import { requestScreenshot } from './control';
import { after, before, describe, it } from './runner';
import {
  assert,
  assertCommand,
  closeAllEditors,
  codeOf,
  describeDiagnostics,
  exampleBriefing,
  fileUri,
  open,
  positionOf,
  waitForDiagnostics,
  waitUntil,
} from './util';

/** The Problems view's "Show Active File Only" filter (a toggle). */
const PROBLEMS_ACTIVE_FILE_TOGGLE = 'workbench.panel.markers.view.toggleActiveFile';

/**
 * A picture of the Problems panel showing the active file's problems only, whatever else
 * the workspace holds. The filter is a toggle, and older VS Code versions lack it: then the
 * picture shows them all. The panel is closed and the filter reset after.
 */
export async function pictureOfActiveFileProblems(name: string): Promise<void> {
  await vscode.commands.executeCommand('workbench.actions.view.problems');
  const activeFileOnly = await vscode.commands.executeCommand(PROBLEMS_ACTIVE_FILE_TOGGLE).then(
    () => true,
    () => false,
  );
  try {
    await requestScreenshot({ name, waitFor: '.markers-panel .monaco-list-row' });
  } finally {
    if (activeFileOnly) await vscode.commands.executeCommand(PROBLEMS_ACTIVE_FILE_TOGGLE);
    await vscode.commands.executeCommand('workbench.action.closePanel');
  }
}

/** The walkthrough contributed in package.json, as `<extension id>#<walkthrough id>`. */
const WALKTHROUGH = 'briefing-check.briefing-check#briefing.gettingStarted';

/**
 * A press release as a writer would save it next to the briefing. Two figures in the
 * selected passage, so Add Fact asks which one is the fact.
 */
const SOURCE_TEXT = [
  'https://example.org/customs/2017-05-release',
  '',
  'General Administration of Customs',
  'Press release, 23 May 2017',
  '',
  'Trade with the DPRK in April',
  '',
  'Imports of iron ore from the DPRK rose',
  '270 percent in April from a year earlier,',
  'to $18.9 million, while coal imports',
  'remained suspended under the February ban.',
  '',
].join('\n');

/**
 * `workbench.action.decreaseViewWidth` narrows the editor part, so the side bar grows;
 * `increaseViewWidth` gives the room back.
 */
async function widenSideBar(steps: number): Promise<void> {
  const command = steps > 0 ? 'workbench.action.decreaseViewWidth' : 'workbench.action.increaseViewWidth';
  for (let i = 0; i < Math.abs(steps); i++) await vscode.commands.executeCommand(command);
}

/**
 * Runs `command` (one that resolves only when its picker or input box closes), takes
 * the picture once `waitFor` shows, and makes sure the command has returned before the
 * next test: the runner presses Escape after the picture; when no picture is taken (the
 * test is failing or skipped) the picker is closed from here.
 */
async function pictureOfPicker(name: string, waitFor: string, command: () => Thenable<unknown>): Promise<void> {
  let settled = false;
  const running = Promise.resolve(command())
    .then(
      () => undefined,
      (error: unknown) => error,
    )
    .finally(() => (settled = true));
  try {
    await requestScreenshot({ name, waitFor, escapeAfter: true });
  } finally {
    // The picker may not be open yet when first asked to close: ask until the command returns.
    await waitUntil(
      () => {
        if (!settled) void vscode.commands.executeCommand('workbench.action.closeQuickOpen');
        return settled;
      },
      `the command behind the ${name} picture to return after its picker closed`,
      10_000,
    );
  }
  const error = await running;
  if (error) throw error;
}

export function describeReadmePictures(): void {
  describe('pictures for the README', () => {
    let briefing: vscode.Uri;
    before(async () => {
      await closeAllEditors();
      briefing = await exampleBriefing();
      // A compact Explorer: the picture is about the editor.
      await vscode.commands.executeCommand('workbench.files.action.collapseExplorerFolders');
    });

    it('problems.png: the Problems panel', async () => {
      await open(briefing);
      await waitForDiagnostics(briefing, (d) => d.length > 0, 'diagnostics');
      await pictureOfActiveFileProblems('problems');
    });

    it('hover.png: hover on a note reference', async () => {
      const editor = await open(briefing);
      const at = positionOf(editor.document, /\[\^[^\]\s]+\](?!:)|\[\d+\](?![:(\[])/).translate(0, 1);
      editor.selection = new vscode.Selection(at, at);
      editor.revealRange(new vscode.Range(at, at), vscode.TextEditorRevealType.InCenterIfOutsideViewport);
      await vscode.commands.executeCommand('editor.action.showHover');
      try {
        await requestScreenshot({ name: 'hover', waitFor: '.monaco-editor .monaco-hover:not(.hidden) .hover-contents', escapeAfter: true });
      } finally {
        await vscode.commands.executeCommand('editor.action.hideHover').then(undefined, () => undefined);
      }
    });

    it('quick-fix.png: the quick-fix menu', async () => {
      const editor = await open(briefing);
      const diagnostics = await waitForDiagnostics(briefing, (d) => d.length > 0, 'diagnostics');
      // The first finding that has a quick fix; uncited statistics first, the usual case.
      const ordered = [...diagnostics].sort((a, b) => Number(codeOf(b) === 'stat.uncited') - Number(codeOf(a) === 'stat.uncited'));
      let target: vscode.Diagnostic | undefined;
      for (const d of ordered) {
        const actions = await vscode.commands.executeCommand<vscode.CodeAction[]>(
          'vscode.executeCodeActionProvider',
          briefing,
          d.range,
          vscode.CodeActionKind.QuickFix.value,
        );
        if (actions?.length) {
          target = d;
          break;
        }
      }
      assert(target, `no diagnostic of the example has a quick fix:\n  ${describeDiagnostics(diagnostics)}`);
      editor.selection = new vscode.Selection(target.range.start, target.range.start);
      editor.revealRange(target.range, vscode.TextEditorRevealType.InCenterIfOutsideViewport);
      await vscode.commands.executeCommand('editor.action.quickFix');
      try {
        await requestScreenshot({ name: 'quick-fix', waitFor: '.action-widget', escapeAfter: true });
      } finally {
        await vscode.commands.executeCommand('hideCodeActionWidget').then(undefined, () => undefined);
      }
    });

    it('find-fact.png: the Find Fact picker', async () => {
      await assertCommand('briefing.findFact');
      const editor = await open(briefing);
      const end = editor.document.lineAt(editor.document.lineCount - 1).range.end;
      editor.selection = new vscode.Selection(end, end);
      // Without a factId the command resolves only once the picker closes.
      await pictureOfPicker('find-fact', '.quick-input-widget .monaco-list-row', () => vscode.commands.executeCommand('briefing.findFact'));
      assert(!editor.document.isDirty, 'cancelling the Find Fact picker must not edit the briefing');
    });

    it('facts-view.png: the Facts view of the example briefing', async () => {
      await open(briefing);
      await waitForDiagnostics(briefing, (d) => d.length > 0, 'diagnostics');
      // The view in the Explorer, with room: the side bar wider, and the file tree's pane
      // collapsed by the runner (no command collapses a pane) so the Facts view fills it.
      await vscode.commands.executeCommand('briefing.facts.focus');
      await widenSideBar(5);
      try {
        await requestScreenshot({
          name: 'facts-view',
          click: '.pane:has(.explorer-folders-view) > .pane-header[aria-expanded="true"]',
          // A source of the example and a fact under it: the tree is filled, not just open.
          waitFor: '.monaco-list-row:has-text("cn-customs-2017q1") ~ .monaco-list-row',
        });
      } finally {
        await widenSideBar(-5);
        // Opening the file tree's view expands its pane again.
        await vscode.commands.executeCommand('workbench.explorer.fileView.focus');
      }
    });

    it('add-fact.png: Add Fact from a selection in a source text', async () => {
      await assertCommand('briefing.addFact');
      const source = fileUri('customs-release.txt');
      await vscode.workspace.fs.writeFile(source, new TextEncoder().encode(SOURCE_TEXT));
      // The whole width for the two editors: the briefing on the left, the source on the
      // right with the passage selected.
      await vscode.commands.executeCommand('workbench.action.closeSidebar');
      try {
        await open(briefing);
        const document = await vscode.workspace.openTextDocument(source);
        const editor = await vscode.window.showTextDocument(document, { viewColumn: vscode.ViewColumn.Beside, preview: false });
        const start = positionOf(document, 'Imports of iron ore');
        const end = positionOf(document, 'February ban.').translate(0, 'February ban.'.length);
        editor.selection = new vscode.Selection(start, end);
        await pictureOfPicker('add-fact', '.quick-input-widget .monaco-list-row', () => vscode.commands.executeCommand('briefing.addFact'));
        assert(!document.isDirty, 'cancelling Add Fact must not edit the source');
      } finally {
        await closeAllEditors();
        await vscode.workspace.fs.delete(source, { useTrash: false }).then(undefined, () => undefined);
        await vscode.commands.executeCommand('workbench.view.explorer');
      }
    });

    it('walkthrough.png: the walkthrough on the Welcome page', async () => {
      await closeAllEditors();
      // Without the side bar the page is wide enough to show the step's page beside the steps.
      await vscode.commands.executeCommand('workbench.action.closeSidebar');
      await vscode.commands.executeCommand('workbench.action.openWalkthrough', WALKTHROUGH, false);
      try {
        // The step's page is a webview beside the steps: give it time to render.
        await requestScreenshot({
          name: 'walkthrough',
          waitFor: '.getting-started-media iframe, .getting-started-media webview',
          settleMs: 2000,
        });
      } finally {
        await closeAllEditors();
        await vscode.commands.executeCommand('workbench.view.explorer');
      }
    });

    after(closeAllEditors);
  });
}
