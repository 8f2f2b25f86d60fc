/**
 * `bibliography.invalid` in the Problems panel for the bibliographies open briefings
 * load, while they are not open in an editor: the client syncs (and asks diagnostics
 * for) only briefings, fact files and .bib files, and a CSL-JSON or CSL-YAML bibliography
 * is an ordinary .json/.yaml file to it. So the server publishes each loaded
 * bibliography's problems itself, at their lines, again whenever the file is read
 * again (cleared once it reads cleanly), and takes them back when the file is opened
 * (its own diagnostics take over) or no open briefing loads it any more. Only files a
 * briefing loads as bibliographies are ever published: other .json/.yaml files are not
 * checked. See README.md, "Bibliographies".
 */
import type { Connection, Diagnostic } from 'vscode-languageserver';
import { severityFor } from '../../core';
import type { Analysis, Analyzer } from '../analysis';
import { codeDescriptionOf, DIAGNOSTIC_SOURCE, toSeverity } from '../convert';
import { limitMadeDiagnostics } from './problemLimit';
import { pathToUri, uriToPath } from '../workspace';

export class BibliographyProblems {
  /** Published bibliographies: URI → the read (store stamp) whose problems were sent. */
  private readonly published = new Map<string, number>();

  constructor(
    private readonly connection: Connection,
    private readonly analyzer: Analyzer,
  ) {}

  /** After a briefing was checked: publish the problems of the bibliographies it loaded that changed since. */
  async briefingChecked(analysis: Analysis): Promise<void> {
    const briefing = uriToPath(analysis.uri);
    for (const path of analysis.factFiles) {
      // A briefing's own `references:` are told in the briefing.
      if (path === briefing || !this.analyzer.store.isBibliography(path)) continue;
      await this.publish(path);
    }
  }

  /** A document was opened: if it is a published bibliography, its own diagnostics take over. */
  documentOpened(uri: string): void {
    if (!this.published.delete(uri)) return;
    void this.connection.sendDiagnostics({ uri, diagnostics: [] });
  }

  /**
   * A document was closed: a bibliography that no open briefing loads any more is
   * cleared. (A closed bibliography is read from disk again, and published on the next
   * check of the briefings that load it.)
   */
  documentClosed(): void {
    for (const [uri] of this.published) {
      const path = uriToPath(uri);
      if (path && this.analyzer.isLoaded(path)) continue;
      this.published.delete(uri);
      void this.connection.sendDiagnostics({ uri, diagnostics: [] });
    }
  }

  private async publish(path: string): Promise<void> {
    const uri = pathToUri(path);
    // Open in an editor that syncs it: its diagnostics come with the document.
    if (this.analyzer.documents.get(uri)) return;
    const read = this.analyzer.store.bibliographyProblems(path);
    if (!read || this.published.get(uri) === read.stamp) return;
    const { rules, maxProblems } = await this.analyzer.settings.get(uri);
    const diagnostics: Diagnostic[] = [];
    for (const { finding, range } of read.problems) {
      const severity = severityFor(finding.code, rules);
      if (!severity) continue;
      diagnostics.push({
        range,
        severity: toSeverity(severity),
        code: finding.code,
        codeDescription: codeDescriptionOf(finding.code),
        source: DIAGNOSTIC_SOURCE,
        message: finding.message,
      });
    }
    // Nothing to tell and nothing told before: no message.
    if (diagnostics.length === 0 && !this.published.has(uri)) return;
    this.published.set(uri, read.stamp);
    const shown = limitMadeDiagnostics(diagnostics, maxProblems);
    void this.connection.sendDiagnostics({ uri, diagnostics: shown });
  }
}
