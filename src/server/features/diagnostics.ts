/**
 * Diagnostics of open briefings and fact files. Pull (textDocument/diagnostic) where
 * the client supports it, else pushed after an adaptive debounce: no delay when the
 * last check of the document was fast, longer for slow ones, so typing in a huge
 * briefing does not queue up checks. A push is never sent for an older version than
 * the document has, and a newer change cancels a pending check.
 */
import {
  CancellationTokenSource,
  DocumentDiagnosticReportKind,
  LSPErrorCodes,
  ResponseError,
  type CancellationToken,
  type Connection,
  type Diagnostic,
} from 'vscode-languageserver';
import { severityFor } from '../../core/codes';
import { Stale, type Analysis, type Analyzer } from '../analysis';
import { toDiagnostic, toRange, toSeverity, DIAGNOSTIC_SOURCE } from '../convert';
import { uriToPath } from '../workspace';

/** Checks faster than this publish at once; slower ones wait for a pause in typing. */
const FAST_MS = 25;
const MIN_DELAY_MS = 150;
const MAX_DELAY_MS = 1000;

export class DiagnosticsFeature {
  private readonly timers = new Map<string, NodeJS.Timeout>();
  private readonly running = new Map<string, CancellationTokenSource>();
  private readonly lastMillis = new Map<string, number>();
  /** URIs that Check All Briefings pushed diagnostics for (pull mode must clear them when pulling takes over). */
  private readonly pushedByWorkspaceCheck = new Set<string>();

  constructor(
    private readonly connection: Connection,
    private readonly analyzer: Analyzer,
    private readonly pull: boolean,
    private readonly canRefresh: boolean,
  ) {}

  register(): void {
    if (this.pull) {
      this.connection.languages.diagnostics.on(async (params, token) => {
        const items = await this.diagnosticsOrCancel(params.textDocument.uri, token);
        return { kind: DocumentDiagnosticReportKind.Full, items };
      });
    }
  }

  /** A briefing or fact file was opened or edited. */
  documentChanged(uri: string): void {
    if (this.pull) {
      if (this.pushedByWorkspaceCheck.delete(uri)) this.connection.sendDiagnostics({ uri, diagnostics: [] });
      return;
    }
    this.schedule(uri);
  }

  documentClosed(uri: string): void {
    this.cancel(uri);
    this.lastMillis.delete(uri);
    this.pushedByWorkspaceCheck.delete(uri);
    this.connection.sendDiagnostics({ uri, diagnostics: [] });
  }

  /** Fact files or settings changed: every open document's diagnostics may have. */
  refreshAll(): void {
    if (this.pull) {
      if (this.canRefresh) void this.connection.languages.diagnostics.refresh().catch(() => undefined);
      return;
    }
    for (const document of this.analyzer.documents.all()) this.schedule(document.uri);
  }

  /** Pushes diagnostics of a briefing that is not open (Check All Briefings). */
  publishUnopened(analysis: Analysis): Diagnostic[] {
    const diagnostics = analysis.result.findings.map((f) => toDiagnostic(analysis.document, f, analysis.version));
    this.pushedByWorkspaceCheck.add(analysis.uri);
    this.connection.sendDiagnostics({ uri: analysis.uri, diagnostics });
    return diagnostics;
  }

  /** The diagnostics of an open document now; [] for a document that is neither briefing nor fact file. */
  async diagnostics(uri: string, token?: CancellationToken): Promise<Diagnostic[]> {
    if (await this.analyzer.isFactFile(uri)) return this.factFileDiagnostics(uri, token);
    const analysis = await this.analyzer.analyze(uri, token);
    if (!analysis) return [];
    this.lastMillis.set(uri, analysis.millis);
    return analysis.result.findings.map((f) => toDiagnostic(analysis.document, f, analysis.version));
  }

  /** facts.invalid and facts.duplicateId in a fact file, from its editor text (unsaved edits included). */
  private async factFileDiagnostics(uri: string, token?: CancellationToken): Promise<Diagnostic[]> {
    const document = this.analyzer.documents.get(uri);
    const path = uriToPath(uri);
    if (!document || !path) return [];
    const version = document.version;
    const settings = await this.analyzer.settings.get(uri);
    const folder = this.analyzer.workspace.folderOf(path);
    const files = folder ? await this.analyzer.store.factFilesOfFolder(folder, settings) : [];
    if (!files.includes(path)) files.push(path);
    const index = await this.analyzer.store.indexFor(files);
    if (token?.isCancellationRequested || this.analyzer.documents.get(uri)?.version !== version) throw new Stale();
    const diagnostics: Diagnostic[] = [];
    for (const finding of index.fileFindings(path)) {
      const severity = severityFor(finding.code, settings.rules);
      if (!severity) continue;
      diagnostics.push({
        range: toRange(document, finding.span),
        severity: toSeverity(severity),
        code: finding.code,
        source: DIAGNOSTIC_SOURCE,
        message: finding.message,
      });
    }
    return diagnostics;
  }

  private async diagnosticsOrCancel(uri: string, token: CancellationToken): Promise<Diagnostic[]> {
    try {
      return await this.diagnostics(uri, token);
    } catch (error) {
      if (error instanceof Stale) {
        // Tell the client to ask again: the document moved on while we were checking it.
        throw new ResponseError(LSPErrorCodes.ServerCancelled, 'The document changed during the check', { retriggerRequest: true });
      }
      throw error;
    }
  }

  private schedule(uri: string): void {
    this.cancel(uri);
    const last = this.lastMillis.get(uri);
    const delay = last === undefined || last < FAST_MS ? 0 : Math.min(MAX_DELAY_MS, Math.max(MIN_DELAY_MS, last * 3));
    this.timers.set(
      uri,
      setTimeout(() => {
        this.timers.delete(uri);
        void this.publish(uri);
      }, delay),
    );
  }

  private cancel(uri: string): void {
    const timer = this.timers.get(uri);
    if (timer) clearTimeout(timer);
    this.timers.delete(uri);
    this.running.get(uri)?.cancel();
  }

  private async publish(uri: string): Promise<void> {
    const source = new CancellationTokenSource();
    this.running.set(uri, source);
    const version = this.analyzer.documents.get(uri)?.version;
    try {
      const diagnostics = await this.diagnostics(uri, source.token);
      const now = this.analyzer.documents.get(uri);
      // Closed, changed or cancelled since: the newer check publishes instead.
      if (source.token.isCancellationRequested || !now || now.version !== version) return;
      this.connection.sendDiagnostics({ uri, version, diagnostics });
    } catch (error) {
      if (!(error instanceof Stale)) this.connection.console.error(`Checking ${uri} failed: ${describe(error)}`);
    } finally {
      if (this.running.get(uri) === source) this.running.delete(uri);
      source.dispose();
    }
  }
}

export function describe(error: unknown): string {
  return error instanceof Error ? (error.stack ?? error.message) : String(error);
}
