/**
 * A minimal LSP client for protocol tests: starts the BUILT server (dist/server.js)
 * with --stdio as a child process and speaks JSON-RPC to it. It plays the editor's
 * part: keeps document texts, answers workspace/configuration and applies
 * workspace/applyEdit (sending didChange, as an editor would). Waits are on
 * notifications with deadlines, never sleeps.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync, mkdirSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { after, before } from 'node:test';
import { createMessageConnection, StreamMessageReader, StreamMessageWriter, type MessageConnection } from 'vscode-jsonrpc/node';
import type {
  ApplyWorkspaceEditParams,
  ApplyWorkspaceEditResult,
  Diagnostic,
  InitializeResult,
  PublishDiagnosticsParams,
  TextEdit,
  WorkspaceEdit,
} from 'vscode-languageserver-protocol';
import { TextDocument } from 'vscode-languageserver-textdocument';

/** dist/server.js of the repository this test was built from (the tests run from out/test/server/). */
export const SERVER = findServer(__dirname);

function findServer(from: string): string {
  for (let dir = from; ; dir = dirname(dir)) {
    const candidate = join(dir, 'dist', 'server.js');
    if (existsSync(candidate)) return candidate;
    if (dirname(dir) === dir) throw new Error(`dist/server.js not found above ${from}: run \`node esbuild.mjs\` first`);
  }
}

export function uriOf(path: string): string {
  return pathToFileURL(path).href;
}

/** A temporary workspace folder. */
export interface Workspace {
  root: string;
  path(rel: string): string;
  uri(rel: string): string;
  write(rel: string, text: string): void;
  read(rel: string): string;
  dispose(): void;
}

/** A temporary workspace folder with the given files (relative path → text). */
export function makeWorkspace(files: Record<string, string>): Workspace {
  const root = mkdtempSync(join(tmpdir(), 'briefing-lsp-'));
  const write = (rel: string, text: string) => {
    const file = join(root, rel);
    mkdirSync(dirname(file), { recursive: true });
    writeFileSync(file, text);
  };
  for (const [rel, text] of Object.entries(files)) write(rel, text);
  return {
    root,
    path: (rel) => join(root, rel),
    uri: (rel) => uriOf(join(root, rel)),
    write,
    read: (rel) => readFileSync(join(root, rel), 'utf8'),
    dispose: () => rmSync(root, { recursive: true, force: true }),
  };
}

export interface StartOptions {
  root: string;
  /** Whether the client announces pull diagnostics (textDocument/diagnostic). */
  pull: boolean;
  /** The `briefing` settings section returned for workspace/configuration. */
  settings?: Record<string, unknown>;
  trusted?: boolean;
  /** Send no workspace folder and no root (an editor opened on single files, as Neovim without a project root). */
  noWorkspaceFolder?: boolean;
  /** Whether the client offers to report file changes (workspace/didChangeWatchedFiles); default true. */
  watchesFiles?: boolean;
  /** More initializationOptions (as the VS Code client sends them). */
  initializationOptions?: Record<string, unknown>;
}

export class LspClient {
  readonly documents = new Map<string, TextDocument>();
  readonly published = new Map<string, PublishDiagnosticsParams>();
  private readonly waiters: (() => void)[] = [];
  settings: Record<string, unknown>;
  initializeResult!: InitializeResult;
  stderr = '';
  applyEdits = true;
  refreshes = 0;

  private constructor(
    readonly connection: MessageConnection,
    private readonly child: ChildProcess,
    options: StartOptions,
  ) {
    this.settings = options.settings ?? {};
  }

  static async start(options: StartOptions): Promise<LspClient> {
    const child = spawn(process.execPath, [SERVER, '--stdio'], { stdio: ['pipe', 'pipe', 'pipe'] });
    const reader = new StreamMessageReader(child.stdout);
    // While a message is incomplete, vscode-jsonrpc re-arms a 10 s timer, with no end: a
    // server stopped in the middle of a long message (a busy one, at the end of a test)
    // would keep the test process alive for ever. The timer only reports slow messages.
    reader.partialMessageTimeout = 0;
    const connection = createMessageConnection(reader, new StreamMessageWriter(child.stdin));
    const client = new LspClient(connection, child, options);
    child.stderr.on('data', (chunk) => (client.stderr += String(chunk)));
    connection.onNotification('textDocument/publishDiagnostics', (params: PublishDiagnosticsParams) => {
      client.published.set(params.uri, params);
      client.wake();
    });
    connection.onNotification('window/logMessage', () => undefined);
    connection.onRequest('workspace/configuration', (params: { items: { section?: string }[] }) =>
      params.items.map((item) => (item.section === 'briefing' ? client.settings : null)),
    );
    connection.onRequest('client/registerCapability', () => null);
    connection.onRequest('client/unregisterCapability', () => null);
    connection.onRequest('workspace/diagnostic/refresh', () => {
      client.refreshes++;
      client.wake();
      return null;
    });
    connection.onRequest('workspace/applyEdit', (params: ApplyWorkspaceEditParams): ApplyWorkspaceEditResult => {
      if (!client.applyEdits) return { applied: false, failureReason: 'refused by test' };
      return { applied: client.applyWorkspaceEdit(params.edit) };
    });
    connection.listen();
    const rootUri = options.noWorkspaceFolder ? null : uriOf(options.root);
    client.initializeResult = await connection.sendRequest('initialize', {
      processId: process.pid,
      rootUri,
      workspaceFolders: rootUri ? [{ uri: rootUri, name: 'test' }] : null,
      initializationOptions: { trusted: options.trusted ?? true, ...options.initializationOptions },
      capabilities: {
        workspace: {
          configuration: true,
          workspaceFolders: true,
          applyEdit: true,
          workspaceEdit: { documentChanges: true },
          didChangeConfiguration: { dynamicRegistration: true },
          ...(options.watchesFiles === false ? {} : { didChangeWatchedFiles: { dynamicRegistration: true } }),
          ...(options.pull ? { diagnostics: { refreshSupport: true } } : {}),
        },
        textDocument: {
          synchronization: { dynamicRegistration: false },
          hover: { contentFormat: ['markdown', 'plaintext'] },
          completion: { completionItem: { snippetSupport: false } },
          rename: { prepareSupport: true },
          documentSymbol: { hierarchicalDocumentSymbolSupport: true },
          codeAction: {
            codeActionLiteralSupport: { codeActionKind: { valueSet: ['quickfix', 'source', 'refactor'] } },
            isPreferredSupport: true,
          },
          publishDiagnostics: { versionSupport: true },
          ...(options.pull ? { diagnostic: { dynamicRegistration: false, relatedDocumentSupport: false } } : {}),
        },
      },
    });
    await connection.sendNotification('initialized', {});
    return client;
  }

  private wake(): void {
    for (const waiter of this.waiters.splice(0)) waiter();
  }

  /** Resolves once `condition` returns a value (checked now and after every notification). */
  waitFor<T>(condition: () => T | undefined | false, what: string, timeoutMs = 10_000): Promise<T> {
    return new Promise((resolvePromise, reject) => {
      const timer = setTimeout(
        () => reject(new Error(`timed out after ${timeoutMs} ms waiting for ${what}\nserver stderr:\n${this.stderr}`)),
        timeoutMs,
      );
      const check = () => {
        const value = condition();
        if (value !== undefined && value !== false) {
          clearTimeout(timer);
          resolvePromise(value);
        } else {
          this.waiters.push(check);
        }
      };
      check();
    });
  }

  /** The pushed diagnostics of the document's current version. */
  async pushedDiagnostics(uri: string, what = `diagnostics of ${uri}`): Promise<Diagnostic[]> {
    const version = this.documents.get(uri)?.version;
    return this.waitFor(() => {
      const p = this.published.get(uri);
      return p && (version === undefined || p.version === undefined || p.version === version) ? p.diagnostics : undefined;
    }, what);
  }

  async pulledDiagnostics(uri: string): Promise<Diagnostic[]> {
    const report = await this.request<{ kind: string; items: Diagnostic[] }>('textDocument/diagnostic', { textDocument: { uri } });
    return report.items;
  }

  /** workspace/executeCommand, as a client runs a server command. */
  executeCommand<T = unknown>(command: string, ...args: unknown[]): Promise<T> {
    return this.request<T>('workspace/executeCommand', { command, arguments: args });
  }

  request<T = unknown>(method: string, params: unknown): Promise<T> {
    return this.connection.sendRequest<T>(method, params);
  }

  open(uri: string, text: string, languageId = uri.endsWith('.json') ? 'json' : 'markdown'): TextDocument {
    const document = TextDocument.create(uri, languageId, 1, text);
    this.documents.set(uri, document);
    this.published.delete(uri);
    void this.connection.sendNotification('textDocument/didOpen', { textDocument: { uri, languageId, version: 1, text } });
    return document;
  }

  /** Replaces the whole text (as an incremental change of the full range). */
  change(uri: string, text: string): TextDocument {
    const old = this.documents.get(uri)!;
    const range = { start: { line: 0, character: 0 }, end: old.positionAt(old.getText().length) };
    return this.edit(uri, [{ range, newText: text }]);
  }

  edit(uri: string, edits: TextEdit[]): TextDocument {
    const old = this.documents.get(uri)!;
    const text = TextDocument.applyEdits(old, edits);
    const document = TextDocument.create(uri, old.languageId, old.version + 1, text);
    this.documents.set(uri, document);
    // Sent as one full-range change so the server's incremental sync is exercised too.
    const range = { start: { line: 0, character: 0 }, end: old.positionAt(old.getText().length) };
    void this.connection.sendNotification('textDocument/didChange', {
      textDocument: { uri, version: document.version },
      contentChanges: [{ range, text }],
    });
    return document;
  }

  close(uri: string): void {
    this.documents.delete(uri);
    void this.connection.sendNotification('textDocument/didClose', { textDocument: { uri } });
  }

  text(uri: string): string {
    return this.documents.get(uri)!.getText();
  }

  /** Applies a WorkspaceEdit to the tracked documents, as an editor would (refusing stale versions). */
  applyWorkspaceEdit(edit: WorkspaceEdit): boolean {
    const perDocument: [string, number | null | undefined, TextEdit[]][] = [];
    for (const change of edit.documentChanges ?? []) {
      if (!('textDocument' in change)) return false;
      perDocument.push([change.textDocument.uri, change.textDocument.version, change.edits as TextEdit[]]);
    }
    for (const [uri, edits] of Object.entries(edit.changes ?? {})) perDocument.push([uri, undefined, edits]);
    for (const [uri, version] of perDocument) {
      const document = this.documents.get(uri);
      if (!document || (version != null && version !== document.version)) return false;
    }
    for (const [uri, , edits] of perDocument) this.edit(uri, edits);
    return true;
  }

  /** Applies a WorkspaceEdit to a text, for checks that do not go through the server. */
  static applyTo(text: string, uri: string, edit: WorkspaceEdit): string {
    const edits: TextEdit[] = [...(edit.changes?.[uri] ?? [])];
    for (const change of edit.documentChanges ?? [])
      if ('textDocument' in change && change.textDocument.uri === uri) edits.push(...(change.edits as TextEdit[]));
    return TextDocument.applyEdits(TextDocument.create(uri, 'markdown', 0, text), edits);
  }

  notify(method: string, params: unknown): void {
    void this.connection.sendNotification(method, params);
  }

  async stop(): Promise<void> {
    try {
      await Promise.race([this.connection.sendRequest('shutdown'), new Promise((r) => setTimeout(r, 2000))]);
      void this.connection.sendNotification('exit');
    } catch {
      // Already gone.
    }
    this.connection.dispose();
    if (this.child.exitCode === null) {
      await new Promise<void>((r) => {
        const timer = setTimeout(() => {
          this.child.kill();
          r();
        }, 2000);
        this.child.once('exit', () => {
          clearTimeout(timer);
          r();
        });
      });
    }
  }
}

/** The LSP position of the `occurrence`-th `needle` in `text`, plus `delta` characters. */
export function positionOf(text: string, needle: string, occurrence = 1, delta = 0): { line: number; character: number } {
  let offset = -1;
  for (let i = 0; i < occurrence; i++) {
    offset = text.indexOf(needle, offset + 1);
    if (offset < 0) throw new Error(`${needle} (occurrence ${occurrence}) not in text`);
  }
  return TextDocument.create('x:', 'markdown', 0, text).positionAt(offset + delta);
}

/** The LSP range of the `occurrence`-th `needle` in `text`. */
export function rangeOf(
  text: string,
  needle: string,
  occurrence = 1,
): { start: { line: number; character: number }; end: { line: number; character: number } } {
  return { start: positionOf(text, needle, occurrence), end: positionOf(text, needle, occurrence, needle.length) };
}

/** One server for a `describe` block: its workspace, its client, and briefings opened under names of their own. */
export interface ServerSession {
  readonly ws: Workspace;
  /** The client; started in the block's `before`, stopped in its `after`. */
  readonly client: LspClient;
  /**
   * Opens `text` as a briefing no other test of the session has opened (`<prefix><n>.brief.md`),
   * and returns its uri and its diagnostics (pulled or pushed, as the client announced).
   */
  openBriefing(text: string, prefix?: string): Promise<{ uri: string; diagnostics: Diagnostic[] }>;
}

/**
 * Registers, in the calling `describe`, a server on a temporary workspace holding `files`:
 * started before the block's first test, stopped (and the workspace removed) after its last.
 * Tests that open briefings through `openBriefing` do not see each other's documents.
 */
export function serverSession(files: Record<string, string>, options: Omit<StartOptions, 'root'>): ServerSession {
  const ws = makeWorkspace(files);
  let client: LspClient | undefined;
  let opened = 0;
  before(async () => {
    client = await LspClient.start({ ...options, root: ws.root });
  });
  after(async () => {
    await client?.stop();
    ws.dispose();
  });
  const session: ServerSession = {
    ws,
    get client(): LspClient {
      if (!client) throw new Error('the server session is used before its `before` hook ran');
      return client;
    },
    async openBriefing(text, prefix = 'case') {
      const uri = ws.uri(`${prefix}${++opened}.brief.md`);
      session.client.open(uri, text);
      const diagnostics = options.pull ? await session.client.pulledDiagnostics(uri) : await session.client.pushedDiagnostics(uri);
      return { uri, diagnostics };
    },
  };
  return session;
}
