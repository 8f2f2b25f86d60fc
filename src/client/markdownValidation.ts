/**
 * VS Code's built-in Markdown validation reports GFM footnotes (`[^1]`) as "No link
 * definition found" when `markdown.validate.enabled` is on. Rather than leave users
 * with a wall of false errors, notice it once and offer to turn off only its
 * reference-link check, for this workspace.
 */
import * as vscode from 'vscode';

const ASKED_KEY = 'briefing.markdownValidateOffered';
/** Internal commands, not in the palette: the offer's action, and what the offer saw (for the real-editor tests). */
export const TURN_OFF_REFERENCE_LINKS_COMMAND = 'briefing.internal.turnOffMarkdownReferenceLinks';
export const OFFER_STATE_COMMAND = 'briefing.internal.markdownValidationOffer';

/**
 * Whether a diagnostic is the built-in validator's "No link definition found" on a footnote.
 * Its `source` is not to be relied on (VS Code 1.139 sends none); its code
 * (`link.no-such-reference`) or its message, and the `^` of the label, are.
 */
export function isFootnoteFalsePositive(document: vscode.TextDocument | undefined, diagnostic: vscode.Diagnostic): boolean {
  if (diagnostic.source === 'briefing') return false;
  const code = typeof diagnostic.code === 'object' ? String(diagnostic.code.value) : String(diagnostic.code ?? '');
  if (code !== 'link.no-such-reference' && !/no link definition found/i.test(diagnostic.message)) return false;
  // Only when what it flags is a footnote; a genuinely broken [text][ref] is its business.
  if (/\^/.test(diagnostic.message)) return true;
  const text = document?.getText(
    new vscode.Range(diagnostic.range.start.with({ character: Math.max(0, diagnostic.range.start.character - 2) }), diagnostic.range.end),
  );
  return text === undefined || text.includes('^');
}

/** Turns off only the built-in validator's reference-link check, for this workspace. */
async function turnOffReferenceLinks(): Promise<void> {
  // The setting takes "ignore" | "warning" | "error"; `false` is not a value it knows.
  await vscode.workspace
    .getConfiguration('markdown')
    .update('validate.referenceLinks.enabled', 'ignore', vscode.ConfigurationTarget.Workspace);
}

export function watchMarkdownValidation(context: vscode.ExtensionContext): void {
  let offered = false;
  context.subscriptions.push(
    vscode.commands.registerCommand(TURN_OFF_REFERENCE_LINKS_COMMAND, turnOffReferenceLinks),
    vscode.commands.registerCommand(OFFER_STATE_COMMAND, () => ({ offered })),
  );
  if (context.workspaceState.get(ASKED_KEY)) return;
  let asking = false;
  const subscription = vscode.languages.onDidChangeDiagnostics(async (event) => {
    if (asking || context.workspaceState.get(ASKED_KEY)) return;
    const hit = event.uris.some((uri) => {
      const document = vscode.workspace.textDocuments.find((d) => d.uri.toString() === uri.toString());
      return vscode.languages.getDiagnostics(uri).some((d) => isFootnoteFalsePositive(document, d));
    });
    if (!hit) return;
    asking = true;
    offered = true;
    await context.workspaceState.update(ASKED_KEY, true);
    subscription.dispose();
    const turnOff = 'Turn Off Reference-Link Check';
    const choice = await vscode.window.showInformationMessage(
      "VS Code's Markdown validation reports footnotes such as [^1] as broken links. Turn off its reference-link check for this workspace? Briefing Check reports notes that really have no definition.",
      turnOff,
      'Keep It',
    );
    if (choice === turnOff) await turnOffReferenceLinks();
  });
  context.subscriptions.push(subscription);
}
