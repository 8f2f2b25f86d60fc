/**
 * Diagnostics of open briefings and fact files. Pull (textDocument/diagnostic) where
 * the client supports it, else pushed. There is no timed debounce: checks are
 * incremental, so a fixed delay would be most of what a user waits for. Instead a push
 * is scheduled for the next turn of the event loop, after every change already received:
 * a burst of keystrokes coalesces into one check of the newest text, and a newer change
 * cancels a pending check. A push is never sent for an older version than the document has.
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
import { severityFor } from '../../core';
import { Stale, type Analysis, type Analyzer } from '../analysis';
import { codeDescriptionOf, toDiagnostic, toRange, toSeverity, DIAGNOSTIC_SOURCE } from '../convert';
import { uriToPath } from '../workspace';
import { limitDiagnostics, limitMadeDiagnostics, rankOfSeverity } from './problemLimit';
import { readFile } from 'node:fs/promises';
import { TextDocument } from 'vscode-languageserver-textdocument';

export class DiagnosticsFeature {
  private readonly timers = new Map<string, NodeJS.Immediate>();
  private readonly running = new Map<string, CancellationTokenSource>();
  /** URIs that Check All Briefings pushed diagnostics for (pull mode must clear them when pulling takes over). */
  private readonly pushedByWorkspaceCheck = new Set<string>();
  /** Called after each check of an open briefing (its bibliographies' problems are published then). */
  onBriefingChecked: (analysis: Analysis) => void = () => {};

  constructor(
    private readonly connection: Connection,
    private readonly analyzer: Analyzer,
    private readonly pull: boolean,
    private readonly canRefresh: boolean,
  ) {}

  register(): void {
    if (this.pull) {
      this.connection.languages.diagnostics.on(async (params, token) => {
        const items = await this.shownOrCancel(params.textDocument.uri, token);
        return { kind: DocumentDiagnosticReportKind.Full, items };
      });
    }
  }

  /** A briefing or fact file was opened or edited. */
  documentChanged(uri: string): void {
    if (this.pull) {
      if (this.pushedByWorkspaceCheck.delete(uri)) void this.connection.sendDiagnostics({ uri, diagnostics: [] });
      return;
    }
    this.schedule(uri);
  }

  documentClosed(uri: string): void {
    this.cancel(uri);
    this.pushedByWorkspaceCheck.delete(uri);
    void this.connection.sendDiagnostics({ uri, diagnostics: [] });
  }

  /** Fact files or settings changed: every open document's diagnostics may have. */
  refreshAll(): void {
    if (this.pull) {
      if (this.canRefresh) void this.connection.languages.diagnostics.refresh().catch(() => undefined);
      return;
    }
    for (const document of this.analyzer.documents.all()) this.schedule(document.uri);
  }

  /** Pushes diagnostics of a briefing that is not open (Check All Briefings); returns all of them, to count. */
  publishUnopened(analysis: Analysis): Diagnostic[] {
    const diagnostics = analysis.result.findings.map((f) => toDiagnostic(analysis.document, f, analysis.version));
    this.pushedByWorkspaceCheck.add(analysis.uri);
    const shown = limitMadeDiagnostics(diagnostics, analysis.settings.maxProblems);
    void this.connection.sendDiagnostics({ uri: analysis.uri, diagnostics: shown });
    return diagnostics;
  }

  /**
   * The problems of a fact file for Check All Briefings: its live diagnostics when it is
   * open, else those of its disk text, published so the Problems panel lists them.
   */
  async factFileProblems(uri: string, path: string): Promise<Diagnostic[]> {
    if (this.analyzer.documents.get(uri)) return this.diagnostics(uri).catch(() => []);
    const text = await readFile(path, 'utf8').catch(() => undefined);
    if (text === undefined) return [];
    const index = await this.analyzer.store.indexFor([path]);
    const settings = await this.analyzer.settings.get(uri);
    const document = TextDocument.create(uri, 'json', 0, text.replace(/^\uFEFF/, ''));
    const diagnostics: Diagnostic[] = [];
    for (const finding of index.fileFindings(path)) {
      const severity = severityFor(finding.code, settings.rules);
      if (severity) diagnostics.push(toDiagnostic(document, { ...finding, severity }, 0));
    }
    this.pushedByWorkspaceCheck.add(uri);
    const shown = limitMadeDiagnostics(diagnostics, settings.maxProblems);
    void this.connection.sendDiagnostics({ uri, diagnostics: shown });
    return diagnostics;
  }

  /** All the diagnostics of an open document now; [] for a document that is neither briefing nor fact file. */
  diagnostics(uri: string, token?: CancellationToken): Promise<Diagnostic[]> {
    return this.collect(uri, token, false);
  }

  /** What the editor is given of them: at most `briefing.maxProblems` (problemLimit.ts). */
  shownDiagnostics(uri: string, token?: CancellationToken): Promise<Diagnostic[]> {
    return this.collect(uri, token, true);
  }

  private async collect(uri: string, token: CancellationToken | undefined, limited: boolean): Promise<Diagnostic[]> {
    if (await this.analyzer.isFactFile(uri)) return this.factFileDiagnostics(uri, token, limited);
    const analysis = await this.analyzer.analyze(uri, token);
    if (!analysis) return [];
    this.onBriefingChecked(analysis);
    // The open document of the same version has its line offsets already (they are updated
    // edit by edit); the analysis's own copy would compute them for the whole text again.
    const live = this.analyzer.documents.get(uri);
    const document = live?.version === analysis.version ? live : analysis.document;
    // Findings left out are never converted: a long draft has thousands.
    return limitDiagnostics(
      analysis.result.findings,
      limited ? analysis.settings.maxProblems : 0,
      (f) => rankOfSeverity(f.severity),
      (f) => toDiagnostic(document, f, analysis.version),
    );
  }

  /** facts.invalid and facts.duplicateId in a fact file, from its editor text (unsaved edits included). */
  private async factFileDiagnostics(uri: string, token: CancellationToken | undefined, limited: boolean): Promise<Diagnostic[]> {
    const document = this.analyzer.documents.get(uri);
    const path = uriToPath(uri);
    if (!document || !path) return [];
    const version = document.version;
    const settings = await this.analyzer.settings.get(uri);
    // The file's own problems, and ids it shares with another fact file that some open
    // briefing loads with it: two projects may both define "kotra-2016" while no briefing
    // loads both.
    const own = await this.analyzer.store.indexFor([path]);
    if (token?.isCancellationRequested || this.analyzer.documents.get(uri)?.version !== version) throw new Stale();
    // A source the file does not define is told by the briefings that load it, with their other files and bibliographies.
    const unresolved = new Set(own.unresolvedSourceFindings(path));
    const findings = own.fileFindings(path).filter((f) => !unresolved.has(f));
    const seen = new Set(findings.map((f) => `${f.span.start}:${f.message}`));
    for (const open of this.analyzer.documents.all()) {
      if (open.uri === uri || !/\.(?:md|markdown)$/i.test(open.uri)) continue;
      const analysis = await this.analyzer.analyze(open.uri).catch(() => undefined);
      if (!analysis?.factFiles.includes(path)) continue;
      const unresolvedHere = new Set(analysis.facts.unresolvedSourceFindings(path));
      for (const finding of analysis.facts.fileFindings(path)) {
        const key = `${finding.span.start}:${finding.message}`;
        if ((finding.code !== 'facts.duplicateId' && !unresolvedHere.has(finding)) || seen.has(key)) continue;
        seen.add(key);
        findings.push(finding);
      }
    }
    const diagnostics: Diagnostic[] = [];
    for (const finding of findings) {
      const severity = severityFor(finding.code, settings.rules);
      if (!severity) continue;
      diagnostics.push({
        range: toRange(document, finding.span),
        severity: toSeverity(severity),
        code: finding.code,
        codeDescription: codeDescriptionOf(finding.code),
        source: DIAGNOSTIC_SOURCE,
        message: finding.message,
      });
    }
    return limitMadeDiagnostics(diagnostics, limited ? settings.maxProblems : 0);
  }

  private async shownOrCancel(uri: string, token: CancellationToken): Promise<Diagnostic[]> {
    try {
      return await this.shownDiagnostics(uri, token);
    } catch (error) {
      // The client cancelled: it asked for the answer to go, so it must not ask again.
      if (token.isCancellationRequested) throw requestCancelled();
      if (error instanceof Stale) {
        // Tell the client to ask again: the document moved on while we were checking it.
        throw new ResponseError(LSPErrorCodes.ServerCancelled, 'The document changed during the check', { retriggerRequest: true });
      }
      throw error;
    }
  }

  private schedule(uri: string): void {
    this.cancel(uri);
    this.timers.set(
      uri,
      setImmediate(() => {
        this.timers.delete(uri);
        void this.publish(uri);
      }),
    );
  }

  private cancel(uri: string): void {
    const timer = this.timers.get(uri);
    if (timer) clearImmediate(timer);
    this.timers.delete(uri);
    this.running.get(uri)?.cancel();
  }

  private async publish(uri: string): Promise<void> {
    const source = new CancellationTokenSource();
    this.running.set(uri, source);
    const version = this.analyzer.documents.get(uri)?.version;
    try {
      const diagnostics = await this.shownDiagnostics(uri, source.token);
      const now = this.analyzer.documents.get(uri);
      // Closed, changed or cancelled since: the newer check publishes instead.
      if (source.token.isCancellationRequested || !now || now.version !== version) return;
      void this.connection.sendDiagnostics({ uri, version, diagnostics });
    } catch (error) {
      if (!(error instanceof Stale)) this.connection.console.error(`Checking ${uri} failed: ${describe(error)}`);
    } finally {
      if (this.running.get(uri) === source) this.running.delete(uri);
      source.dispose();
    }
  }
}

/** The answer to a request the client cancelled (-32800), never retried by the client. */
export function requestCancelled(): ResponseError<void> {
  return new ResponseError(LSPErrorCodes.RequestCancelled, 'The request was cancelled');
}

export function describe(error: unknown): string {
  return error instanceof Error ? (error.stack ?? error.message) : String(error);
}
