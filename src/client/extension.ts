/**
 * The VS Code client: starts the language server and adds what only VS Code has
 * (commands with pickers, progress, the Markdown-validation prompt). Every check, fix
 * and search runs in the server.
 */
import * as vscode from 'vscode';
import type { LanguageClient } from 'vscode-languageclient/node';
import {
  ClientCommands,
  TRUST_CHANGED_NOTIFICATION,
  type BriefingExtensionApi,
  type RecordFigureArgs,
  type TrustChangedParams,
} from '../shared/protocol';
import { AddFactCodeActions, addFactFromSelection } from './commands/addFact';
import { checkAllBriefings } from './commands/checkAll';
import { findFact } from './commands/findFact';
import { insertCitation } from './commands/insertCitation';
import { convertToFootnotes, renumberNotes } from './commands/noteCommands';
import { openExample } from './commands/openExample';
import { openFactFile } from './commands/openFactFile';
import { recordFigure } from './commands/recordFigure';
import { createLanguageClient } from './languageClient';
import { watchMarkdownValidation } from './markdownValidation';
import { ServerApi } from './serverCommands';
import { FactsView } from './factsView';
import { registerFactsViewCommands } from './factsViewCommands';
import { FigureStatusBar } from './statusBar';

let client: LanguageClient | undefined;

export async function activate(context: vscode.ExtensionContext): Promise<BriefingExtensionApi<LanguageClient>> {
  const output = vscode.window.createOutputChannel('Briefing Check', { log: true });
  context.subscriptions.push(output);
  client = createLanguageClient(context, output);
  const api = new ServerApi(client);

  const register = (id: string, run: (...args: any[]) => unknown) =>
    context.subscriptions.push(
      vscode.commands.registerCommand(id, async (...args: unknown[]) => {
        try {
          return await run(...args);
        } catch (error) {
          const message = error instanceof Error ? error.message : String(error);
          output.appendLine(`${id} failed: ${error instanceof Error ? (error.stack ?? message) : message}`);
          void vscode.window.showErrorMessage(`Briefing Check: ${message}`);
          return undefined;
        }
      }),
    );
  register('briefing.findFact', (arg?: { factId?: string }) => findFact(api, arg));
  register('briefing.insertCitation', (arg?: { sourceId?: string }) => insertCitation(api, arg));
  register('briefing.renumberNotes', () => renumberNotes(api));
  register('briefing.convertToFootnotes', () => convertToFootnotes(api));
  register('briefing.checkAllBriefings', () => checkAllBriefings(api));
  register('briefing.openFactFile', () => openFactFile(api));
  register('briefing.openExample', (arg?: { folder?: vscode.Uri }) => openExample(context, arg));
  register('briefing.addFact', (arg?: vscode.Uri | { uri?: vscode.Uri; range?: vscode.Range }) => addFactFromSelection(api, arg));
  register(ClientCommands.recordFigure, (arg?: RecordFigureArgs) => recordFigure(api, arg));
  context.subscriptions.push(
    vscode.languages.registerCodeActionsProvider([{ scheme: 'file' }, { scheme: 'untitled' }], new AddFactCodeActions(), {
      providedCodeActionKinds: AddFactCodeActions.kinds,
    }),
  );

  context.subscriptions.push(
    vscode.workspace.onDidGrantWorkspaceTrust(() => {
      const params: TrustChangedParams = { trusted: true };
      void client?.sendNotification(TRUST_CHANGED_NOTIFICATION, params);
    }),
  );
  watchMarkdownValidation(context);
  const figureStatus = new FigureStatusBar();
  context.subscriptions.push(figureStatus);
  const factsView = new FactsView();
  context.subscriptions.push(factsView);
  registerFactsViewCommands(factsView, register);

  try {
    await client.start();
  } catch (error) {
    // VS Code shows nothing when an extension fails to activate; say so where it is seen.
    const message = error instanceof Error ? error.message : String(error);
    output.appendLine(`The Briefing Check language server failed to start: ${message}`);
    void vscode.window.showErrorMessage(`Briefing Check could not start its language server: ${message}`, 'Show Output').then((choice) => {
      if (choice) output.show();
    });
  }
  return { client, figureStatus: () => figureStatus.text, factsView: () => factsView.snapshot() };
}

export async function deactivate(): Promise<void> {
  await client?.stop();
  client = undefined;
}
