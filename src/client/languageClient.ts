/**
 * Starts the language server (dist/server.js over Node IPC) for briefings and fact
 * files. The client id `briefing` makes `briefing.trace.server` work without code.
 */
import * as vscode from 'vscode';
import { LanguageClient, TransportKind, type LanguageClientOptions, type ServerOptions } from 'vscode-languageclient/node';
import type { InitializationOptions } from '../shared/protocol';

export const CLIENT_ID = 'briefing';

export function createLanguageClient(context: vscode.ExtensionContext, output: vscode.LogOutputChannel): LanguageClient {
  const module = context.asAbsolutePath('dist/server.js');
  const serverOptions: ServerOptions = {
    run: { module, transport: TransportKind.ipc },
    debug: { module, transport: TransportKind.ipc, options: { execArgv: ['--nolazy', '--inspect=6011'] } },
  };
  const initializationOptions: InitializationOptions = { trusted: vscode.workspace.isTrusted };
  const clientOptions: LanguageClientOptions = {
    documentSelector: [
      { scheme: 'file', language: 'markdown' },
      { scheme: 'untitled', language: 'markdown' },
      { scheme: 'file', pattern: '**/*.facts.json' },
    ],
    initializationOptions,
    outputChannel: output,
    // Markdown preview and diff editors open documents too; only real editors need pulls.
    diagnosticPullOptions: { onChange: true, onSave: true },
  };
  return new LanguageClient(CLIENT_ID, 'Briefing Check', serverOptions, clientOptions);
}
