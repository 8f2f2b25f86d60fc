// A minimal LSP client for the benchmark: starts `node server.js --stdio`, speaks
// JSON-RPC with vscode-jsonrpc, and times what an editor waits for (diagnostics after
// an open or an edit, command round trips). Reads the server's memory from /proc.
import { spawn } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { performance } from 'node:perf_hooks';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';

const require = createRequire(import.meta.url);

/** vscode-jsonrpc's Node entry: the copy vscode-languageserver uses (the server's own), else the hoisted one. */
function loadJsonRpc() {
  const attempts = [
    () => createRequire(require.resolve('vscode-languageserver/node')), // resolves vscode-jsonrpc as the server does
    () => require,
  ];
  for (const requireFrom of attempts) {
    try {
      const req = requireFrom();
      const entry = req.resolve('vscode-jsonrpc/node');
      const rpc = req(entry);
      // The package's `exports` hide package.json: read it by path.
      const pkg = join(entry.slice(0, entry.lastIndexOf('vscode-jsonrpc') + 'vscode-jsonrpc'.length), 'package.json');
      return { rpc, version: JSON.parse(readFileSync(pkg, 'utf8')).version };
    } catch {
      // try the next
    }
  }
  throw new Error('vscode-jsonrpc not found in node_modules (it ships with vscode-languageserver); run npm install');
}

export const jsonRpc = loadJsonRpc();

export const uriOf = (path) => pathToFileURL(path).href;

/** VmRSS and VmHWM of a process in MiB, from /proc/<pid>/status. */
export function memoryOf(pid) {
  try {
    const status = readFileSync(`/proc/${pid}/status`, 'utf8');
    const kb = (key) => Number(new RegExp(`^${key}:\\s+(\\d+) kB`, 'm').exec(status)?.[1] ?? NaN);
    return { rssMiB: kb('VmRSS') / 1024, hwmMiB: kb('VmHWM') / 1024 };
  } catch {
    return { rssMiB: NaN, hwmMiB: NaN };
  }
}

function withTimeout(promise, ms, what) {
  let timer;
  return Promise.race([
    promise,
    new Promise((_, reject) => {
      timer = setTimeout(() => reject(new Error(`timed out after ${ms} ms waiting for ${what}`)), ms);
    }),
  ]).finally(() => clearTimeout(timer));
}

/** The node flags the VS Code client starts the server with (SERVER_NODE_ARGS in src/client/languageClient.ts; a test keeps them equal). */
export const SERVER_NODE_ARGS = ['--max-semi-space-size=8'];

export class LspSession {
  /**
   * @param {object} o
   * @param {string} o.server path of server.js
   * @param {string} o.root workspace folder
   * @param {'push'|'pull'} o.mode push: the server publishes diagnostics; pull: the client asks (as VS Code does)
   * @param {string[]} [o.nodeArgs] node flags besides SERVER_NODE_ARGS (e.g. --cpu-prof)
   * @param {string[]} [o.serverArgs] arguments after `--stdio` (e.g. null-server.mjs's --diagnostics)
   * @param {Set} o.children where live child processes are registered, for cleanup
   * @param {number} [o.timeoutMs]
   * @param {object} [o.settings] the `briefing` settings, pushed with didChangeConfiguration (the client answers no configuration requests)
   */
  constructor({ server, root, mode, nodeArgs = [], serverArgs = [], children, timeoutMs = 120_000, settings }) {
    Object.assign(this, { server, root, mode, nodeArgs, serverArgs, children, timeoutMs, settings });
    this.versions = new Map();
    this.waiters = [];
    this.stderr = '';
    this.publishes = 0;
  }

  async start() {
    const { StreamMessageReader, StreamMessageWriter, createMessageConnection } = jsonRpc.rpc;
    this.proc = spawn(process.execPath, [...SERVER_NODE_ARGS, ...this.nodeArgs, this.server, '--stdio', ...this.serverArgs], {
      stdio: ['pipe', 'pipe', 'pipe'],
    });
    this.children.add(this.proc);
    this.exited = new Promise((resolve) => this.proc.once('exit', (code, signal) => resolve({ code, signal })));
    void this.exited.then(() => this.children.delete(this.proc));
    this.proc.stderr.on('data', (d) => {
      this.stderr = (this.stderr + d).slice(-4000);
    });
    this.proc.stdin.on('error', () => undefined);
    const reader = new StreamMessageReader(this.proc.stdout);
    // vscode-jsonrpc re-arms a 10 s timer for as long as a message stays incomplete, with no
    // end: a server stopped mid-message would keep the benchmark from exiting.
    reader.partialMessageTimeout = 0;
    const connection = createMessageConnection(reader, new StreamMessageWriter(this.proc.stdin));
    this.connection = connection;
    connection.onNotification('textDocument/publishDiagnostics', (params) => this.published(params));
    connection.onNotification(() => undefined); // window/logMessage and the like
    connection.onRequest(() => null); // client/registerCapability, workDoneProgress/create, ...
    connection.onError(() => undefined);
    connection.onClose(() => this.rejectAll(new Error(`server connection closed${this.describeExit()}`)));
    connection.listen();
    const started = performance.now();
    const textDocument = {
      synchronization: { dynamicRegistration: false, didSave: false },
      publishDiagnostics: { versionSupport: true, relatedInformation: true },
      ...(this.mode === 'pull' ? { diagnostic: { dynamicRegistration: false, relatedDocumentSupport: false } } : {}),
    };
    await withTimeout(
      connection.sendRequest('initialize', {
        processId: process.pid,
        clientInfo: { name: 'briefing-check-bench' },
        rootUri: uriOf(this.root),
        workspaceFolders: [{ uri: uriOf(this.root), name: 'bench' }],
        capabilities: { textDocument, workspace: { workspaceFolders: true, configuration: false } },
        initializationOptions: { trusted: true },
      }),
      this.timeoutMs,
      'initialize',
    );
    connection.sendNotification('initialized', {});
    if (this.settings) connection.sendNotification('workspace/didChangeConfiguration', { settings: { briefing: this.settings } });
    return performance.now() - started;
  }

  get pid() {
    return this.proc.pid;
  }

  memory() {
    return memoryOf(this.proc.pid);
  }

  describeExit() {
    const code = this.proc?.exitCode;
    const tail = this.stderr.trim().split('\n').slice(-5).join(' | ');
    return `${code !== null && code !== undefined ? ` (server exited with ${code})` : ''}${tail ? `; server stderr: ${tail}` : ''}`;
  }

  published(params) {
    this.publishes++;
    const now = performance.now();
    this.waiters = this.waiters.filter((w) => {
      if (w.uri !== params.uri) return true;
      if (params.version === w.version || (params.version === undefined && now >= w.sentAt)) {
        w.resolve({ at: now, diagnostics: params.diagnostics });
        return false;
      }
      return true;
    });
  }

  rejectAll(error) {
    for (const w of this.waiters) w.reject(error);
    this.waiters = [];
  }

  diagnosticsFor(uri, version, sentAt) {
    return withTimeout(
      new Promise((resolve, reject) => this.waiters.push({ uri, version, sentAt, resolve, reject })),
      this.timeoutMs,
      `diagnostics of ${uri.split('/').pop()} version ${version}${this.describeExit()}`,
    ).catch((error) => {
      this.waiters = this.waiters.filter((w) => !(w.uri === uri && w.version === version));
      throw error;
    });
  }

  /** Pull mode: asks for the document's diagnostics, asking again when the server says the document moved on. */
  async pull(uri) {
    for (let attempt = 0; attempt < 20; attempt++) {
      try {
        const report = await withTimeout(
          this.connection.sendRequest('textDocument/diagnostic', { textDocument: { uri } }),
          this.timeoutMs,
          `textDocument/diagnostic${this.describeExit()}`,
        );
        return report.items ?? [];
      } catch (error) {
        if (error?.data?.retriggerRequest) continue;
        throw error;
      }
    }
    throw new Error('textDocument/diagnostic kept being cancelled');
  }

  /** Opens a document; resolves with ms until its diagnostics, their count and the diagnostics. */
  async open(path, text) {
    const uri = uriOf(path);
    this.versions.set(uri, 1);
    const sentAt = performance.now();
    const waiting = this.mode === 'push' ? this.diagnosticsFor(uri, 1, sentAt) : undefined;
    this.connection.sendNotification('textDocument/didOpen', { textDocument: { uri, languageId: 'markdown', version: 1, text } });
    const diagnostics = this.mode === 'push' ? (await waiting).diagnostics : await this.pull(uri);
    return { ms: performance.now() - sentAt, count: diagnostics.length, uri, diagnostics };
  }

  /** Sends one didChange; resolves with ms until the diagnostics of the new version. */
  async change(uri, contentChanges) {
    const version = this.versions.get(uri) + 1;
    this.versions.set(uri, version);
    const sentAt = performance.now();
    const waiting = this.mode === 'push' ? this.diagnosticsFor(uri, version, sentAt) : undefined;
    this.connection.sendNotification('textDocument/didChange', { textDocument: { uri, version }, contentChanges });
    const diagnostics = this.mode === 'push' ? (await waiting).diagnostics : await this.pull(uri);
    return { ms: performance.now() - sentAt, count: diagnostics.length };
  }

  close(uri) {
    this.connection.sendNotification('textDocument/didClose', { textDocument: { uri } });
  }

  /** workspace/executeCommand round trip in ms, with the result. */
  async command(command, args) {
    const started = performance.now();
    const result = await withTimeout(
      this.connection.sendRequest('workspace/executeCommand', { command, arguments: args }),
      this.timeoutMs,
      `${command}${this.describeExit()}`,
    );
    return { ms: performance.now() - started, result };
  }

  /** shutdown + exit, then kill if the server lingers. Never throws. */
  async stop() {
    if (!this.proc) return;
    try {
      if (this.proc.exitCode === null) {
        await withTimeout(this.connection.sendRequest('shutdown'), 5000, 'shutdown').catch(() => undefined);
        this.connection.sendNotification('exit');
      }
    } catch {
      // the connection may already be gone
    }
    const exited = await withTimeout(this.exited, 5000, 'server exit').then(
      () => true,
      () => false,
    );
    if (!exited) {
      this.proc.kill('SIGKILL');
      await withTimeout(this.exited, 5000, 'server kill').catch(() => undefined);
    }
    this.children.delete(this.proc);
    this.connection.dispose();
  }
}
