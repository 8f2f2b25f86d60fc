/**
 * One place that turns an open briefing into a check result: settings, fact files,
 * the engine. Every feature (diagnostics, hover, code actions, ...) asks here, so a
 * document version is checked once however many features read it.
 */
import type { CancellationToken, TextDocuments } from 'vscode-languageserver';
import { TextDocument } from 'vscode-languageserver-textdocument';
import { briefingFactFileFindings, checkBriefing, type CheckResult, type FactIndex, IncrementalChecker, severityFor } from '../core';
import { uriToPath } from './workspace';
import { isBriefing, isFactFileUri } from './briefingScope';
import type { FactStore } from './factStore';
import type { BriefingSettings, Settings } from './settings';
import type { Workspace } from './workspace';

export interface Analysis {
  uri: string;
  version: number;
  /** A snapshot of the checked text (TextDocuments updates its documents in place), for offset ↔ position. */
  document: TextDocument;
  result: CheckResult;
  facts: FactIndex;
  factFiles: string[];
  settings: BriefingSettings;
}

/** Thrown (and caught by the features) when the document moved on or the request was cancelled during an await. */
export class Stale extends Error {
  constructor() {
    super('stale');
  }
}

/** Checks of briefings not open in an editor that are kept for asking again. */
const MAX_UNOPENED = 256;

export class Analyzer {
  private readonly cache = new Map<string, Analysis>();
  /** The last check of each briefing read from disk rather than an editor (Check All, the Facts view's usage counts). */
  private readonly unopened = new Map<string, Analysis>();
  /** Per open document, what its earlier versions' checks found, so that an edit re-checks only what it changed. */
  private readonly checkers = new Map<string, IncrementalChecker>();

  /** Where the server says which fact files each briefing loads (the client's output channel). */
  log: (message: string) => void = () => {};
  private readonly reportedFactFiles = new Map<string, string>();

  /** Says which fact files a briefing loads, when that is new or changed. */
  private reportFactFiles(uri: string, factFiles: readonly string[]): void {
    const key = factFiles.join('\n');
    if (this.reportedFactFiles.get(uri) === key) return;
    this.reportedFactFiles.set(uri, key);
    const name = decodeURIComponent(uri.slice(uri.lastIndexOf('/') + 1));
    this.log(factFiles.length === 0 ? `${name}: no fact file found` : `${name} loads ${factFiles.join(', ')}`);
  }

  /** Told which fact files a briefing loads (or looks for), so the server can watch them when the client does not. */
  onFactFilesUsed: (briefingUri: string, factFiles: readonly string[]) => void = () => {};

  constructor(
    readonly documents: TextDocuments<TextDocument>,
    readonly settings: Settings,
    readonly store: FactStore,
    readonly workspace: Workspace,
  ) {}

  /** Whether an open document is a briefing (undefined when it is not open). */
  async isBriefing(uri: string): Promise<boolean> {
    const document = this.documents.get(uri);
    if (!document) return false;
    const settings = await this.settings.get(uri);
    return isBriefing(uri, document.languageId, document.getText(), settings, this.workspace);
  }

  /** A fact file, or a bibliography (a CSL-JSON/YAML one once a briefing loads it). */
  async isFactFile(uri: string): Promise<boolean> {
    if (isFactFileUri(uri, await this.settings.get(uri), this.workspace)) return true;
    const path = uriToPath(uri);
    return path !== undefined && this.store.isBibliography(path);
  }

  /**
   * The analysis of the open document's current version, or undefined when it is not
   * an open briefing. Throws Stale when the document changed or `token` was cancelled
   * while settings or fact files were being read, so nothing old is ever returned.
   */
  async analyze(uri: string, token?: CancellationToken): Promise<Analysis | undefined> {
    const document = this.documents.get(uri);
    if (!document) return undefined;
    const version = document.version;
    const settings = await this.settings.get(uri);
    this.guard(uri, version, token);
    const text = document.getText();
    if (!isBriefing(uri, document.languageId, text, settings, this.workspace)) return undefined;
    const factFiles = await this.store.factFilesFor(uri, text, settings);
    this.onFactFilesUsed(uri, factFiles);
    this.reportFactFiles(uri, factFiles);
    this.guard(uri, version, token);
    const facts = await this.store.indexFor(factFiles);
    this.guard(uri, version, token);
    const cached = this.cache.get(uri);
    if (cached && cached.version === version && cached.facts === facts && cached.settings === settings) return cached;
    return this.run(document, text, facts, factFiles, settings);
  }

  /** Checks text that is not open in an editor (Check All Briefings). */
  async analyzeText(uri: string, text: string, languageId = 'markdown'): Promise<Analysis | undefined> {
    const settings = await this.settings.get(uri);
    if (!isBriefing(uri, languageId, text, settings, this.workspace)) return undefined;
    const factFiles = await this.store.factFilesFor(uri, text, settings);
    const facts = await this.store.indexFor(factFiles);
    // The Facts view asks for every briefing of the workspace again after each edit: a file
    // whose text, facts and settings are as before is not checked again.
    const kept = this.unopened.get(uri);
    if (kept && kept.document.getText() === text && kept.facts === facts && kept.settings === settings) return kept;
    const document = TextDocument.create(uri, languageId, 0, text);
    const result = this.withFactFileFindings(
      uri,
      text,
      checkBriefing(text, facts, { rules: settings.rules, citationScope: settings.citationScope, staleAfter: settings.staleAfter }),
      factFiles,
      facts,
      settings,
    );
    const analysis: Analysis = { uri, version: 0, document, result, facts, factFiles, settings };
    this.unopened.delete(uri);
    this.unopened.set(uri, analysis);
    // Each holds its briefing's model: keep the most recent few hundred.
    if (this.unopened.size > MAX_UNOPENED) this.unopened.delete(this.unopened.keys().next().value!);
    return analysis;
  }

  /** The last analysis of a document, whatever its version (for code actions on stale diagnostics). */
  last(uri: string): Analysis | undefined {
    return this.cache.get(uri);
  }

  forget(uri: string): void {
    this.cache.delete(uri);
    this.checkers.delete(uri);
  }

  /** Whether an open briefing's last analysis loaded (or looked for) `path`. */
  isLoaded(path: string): boolean {
    for (const analysis of this.cache.values()) if (analysis.factFiles.includes(path)) return true;
    return false;
  }

  /** Open briefings' URIs whose last analysis loaded `path` (to re-check when it changes). */
  usersOf(path: string): string[] {
    return [...this.cache.values()].filter((a) => a.factFiles.includes(path)).map((a) => a.uri);
  }

  private run(document: TextDocument, text: string, facts: FactIndex, factFiles: string[], settings: BriefingSettings): Analysis {
    let checker = this.checkers.get(document.uri);
    if (!checker) this.checkers.set(document.uri, (checker = new IncrementalChecker()));
    const result = this.withFactFileFindings(
      document.uri,
      text,
      checker.check(text, facts, { rules: settings.rules, citationScope: settings.citationScope, staleAfter: settings.staleAfter }),
      factFiles,
      facts,
      settings,
    );
    const analysis: Analysis = {
      uri: document.uri,
      version: document.version,
      document: TextDocument.create(document.uri, document.languageId, document.version, text),
      result,
      facts,
      factFiles,
      settings,
    };
    this.cache.set(document.uri, analysis);
    return analysis;
  }

  /** The check's findings with what the briefing is told about its fact files (facts.missing, facts.broken) first. */
  private withFactFileFindings(
    uri: string,
    text: string,
    result: CheckResult,
    factFiles: string[],
    facts: FactIndex,
    settings: BriefingSettings,
  ): CheckResult {
    const path = uriToPath(uri);
    const extra = briefingFactFileFindings(text, this.store.statusesFor(path, factFiles, facts), settings.rules);
    // Problems of the front matter's inline `references:` (and keys they define twice) are the briefing's own.
    if (path && factFiles.includes(path)) {
      for (const finding of facts.fileFindings(path)) {
        const severity = severityFor(finding.code, settings.rules);
        if (severity) extra.push({ ...finding, severity });
      }
    }
    return extra.length === 0 ? result : { ...result, findings: [...extra, ...result.findings] };
  }

  private guard(uri: string, version: number, token: CancellationToken | undefined): void {
    if (token?.isCancellationRequested) throw new Stale();
    if (this.documents.get(uri)?.version !== version) throw new Stale();
  }
}
