/**
 * Starts the language server (dist/server.js over Node IPC) for briefings and fact
 * files. The client id `briefing` makes `briefing.trace.server` work without code.
 */
import * as vscode from 'vscode';
import { LanguageClient, TransportKind, type LanguageClientOptions, type ServerOptions } from 'vscode-languageclient/node';
import { ClientCommands, type InitializationOptions } from '../shared/protocol';

export const CLIENT_ID = 'briefing';

/**
 * The server lives for hours and mostly waits between edits, so it trades a little
 * speed for memory: V8's young generation at 2 × 8 MB instead of 2 × 16 MB keeps ~16 MB
 * less resident, and an edit allocates far less than that. Only a command-line flag
 * does this (v8.setFlagsFromString comes too late: the heap is already set up).
 * bench/run.mjs starts the server with the same flag.
 */
export const SERVER_NODE_ARGS = ['--max-semi-space-size=8'];

export function createLanguageClient(context: vscode.ExtensionContext, output: vscode.LogOutputChannel): LanguageClient {
  const module = context.asAbsolutePath('dist/server.js');
  const serverOptions: ServerOptions = {
    run: { module, transport: TransportKind.ipc, options: { execArgv: SERVER_NODE_ARGS } },
    debug: { module, transport: TransportKind.ipc, options: { execArgv: [...SERVER_NODE_ARGS, '--nolazy', '--inspect=6011'] } },
  };
  const initializationOptions: InitializationOptions = {
    trusted: vscode.workspace.isTrusted,
    headingSymbols: false,
    clientCommands: Object.values(ClientCommands),
  };
  const clientOptions: LanguageClientOptions = {
    documentSelector: [
      { scheme: 'file', language: 'markdown' },
      { scheme: 'untitled', language: 'markdown' },
      { scheme: 'file', pattern: '**/*.facts.{json,yaml,yml,csv,tsv}' },
      { scheme: 'file', pattern: '**/*.{bib,bibtex}' },
    ],
    initializationOptions,
    outputChannel: output,
    // Markdown preview and diff editors open documents too; only real editors need pulls.
    diagnosticPullOptions: { onChange: true, onSave: true },
  };
  return new LanguageClient(CLIENT_ID, 'Briefing Check', serverOptions, clientOptions);
}
