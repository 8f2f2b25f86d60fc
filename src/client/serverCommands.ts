/** Typed calls of the server's `workspace/executeCommand` commands. */
import * as vscode from 'vscode';
import { ExecuteCommandRequest, type LanguageClient } from 'vscode-languageclient/node';
import { ServerCommands, type EditResult, type FactItem, type SourceItem, type CheckFilesResult } from '../shared/protocol';

export class ServerApi {
  constructor(private readonly client: LanguageClient) {}

  private call<T>(command: string, ...args: unknown[]): Promise<T> {
    return this.client.sendRequest(ExecuteCommandRequest.type, { command, arguments: args }) as Promise<T>;
  }

  uri(document: vscode.TextDocument): string {
    return this.client.code2ProtocolConverter.asUri(document.uri);
  }

  position(position: vscode.Position) {
    return this.client.code2ProtocolConverter.asPosition(position);
  }

  renumberNotes(document: vscode.TextDocument): Promise<EditResult> {
    return this.call(ServerCommands.renumberNotes, { uri: this.uri(document) });
  }

  convertToFootnotes(document: vscode.TextDocument): Promise<EditResult> {
    return this.call(ServerCommands.convertToFootnotes, { uri: this.uri(document) });
  }

  insertFact(document: vscode.TextDocument, position: vscode.Position, factId: string): Promise<EditResult> {
    return this.call(ServerCommands.insertFact, { uri: this.uri(document), position: this.position(position), factId });
  }

  insertCitation(document: vscode.TextDocument, position: vscode.Position, sourceId: string): Promise<EditResult> {
    return this.call(ServerCommands.insertCitation, { uri: this.uri(document), position: this.position(position), sourceId });
  }

  searchFacts(document: vscode.TextDocument | undefined, query: string, limit?: number): Promise<FactItem[]> {
    return this.call(ServerCommands.searchFacts, { uri: document ? this.uri(document) : undefined, query, limit });
  }

  listSources(document: vscode.TextDocument): Promise<SourceItem[]> {
    return this.call(ServerCommands.listSources, { uri: this.uri(document) });
  }

  listFactFiles(document: vscode.TextDocument | undefined): Promise<string[]> {
    return this.call(ServerCommands.listFactFiles, { uri: document ? this.uri(document) : undefined });
  }

  listBriefings(): Promise<string[]> {
    return this.call(ServerCommands.listBriefings);
  }

  checkFiles(uris: string[]): Promise<CheckFilesResult> {
    return this.call(ServerCommands.checkFiles, { uris });
  }
}

/** Shows why an edit command changed nothing. */
export function reportEdit(result: EditResult | undefined): void {
  if (result && !result.applied && result.message) void vscode.window.showInformationMessage(result.message);
}

/** The active editor if it shows Markdown; otherwise says so and returns undefined. */
export function activeBriefingEditor(): vscode.TextEditor | undefined {
  const editor = vscode.window.activeTextEditor;
  if (!editor || editor.document.languageId !== 'markdown') {
    void vscode.window.showWarningMessage('Open a briefing (a Markdown file) first.');
    return undefined;
  }
  return editor;
}
