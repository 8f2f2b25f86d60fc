/**
 * `workspace/executeCommand` handlers: the rewrites (renumber, convert), inserting a
 * citation or a fact, and the look-ups behind the client's pickers. Edits go back to
 * the client with `workspace/applyEdit`, versioned, so an edit computed for an older
 * text is refused rather than applied in the wrong place.
 */
import type { Connection, TextEdit, WorkspaceEdit } from 'vscode-languageserver';
import {
  appendFactEdit,
  convertEndnotesFix,
  describeValue,
  type FactEntry,
  type FactIndex,
  insertCitationFix,
  newFactFor,
  renumberBlocker,
  renumberFix,
  type TextEdit as CoreEdit,
} from '../../core';
import {
  ServerCommands,
  type AddFactArgs,
  type ProposeFactsArgs,
  type DocumentArgs,
  type EditResult,
  type FactItem,
  type InsertCitationArgs,
  type InsertFactArgs,
  type RecordFactArgs,
  type SearchFactsArgs,
  type SourceItem,
} from '../../shared/protocol';
import type { Analysis, Analyzer } from '../analysis';
import { toTextEdits } from '../convert';
import { pathToUri } from '../workspace';
import { readFile } from 'node:fs/promises';
import { TextDocument } from 'vscode-languageserver-textdocument';
import { figureFor } from './figureStyle';
import { FactCapture } from './factCapture';
import { factUsage, factUses } from './factUsage';
import { statementOf, statisticStartingAt } from './recordFigure';

const DEFAULT_LIMIT = 200;
const MAX_LIMIT = 2000;

export class Commands {
  private readonly capture: FactCapture;

  constructor(
    private readonly connection: Connection,
    private readonly analyzer: Analyzer,
    private readonly versionedEdits: boolean,
  ) {
    this.capture = new FactCapture(connection, analyzer, versionedEdits, (uri) => this.indexFor(uri));
  }

  async execute(command: string, args: unknown[]): Promise<unknown> {
    const arg = (args[0] ?? {}) as Record<string, unknown>;
    switch (command) {
      case ServerCommands.renumberNotes:
        return this.renumber(arg as unknown as DocumentArgs);
      case ServerCommands.convertToFootnotes:
        return this.convert(arg as unknown as DocumentArgs);
      case ServerCommands.insertCitation:
        return this.insertCitation(arg as unknown as InsertCitationArgs);
      case ServerCommands.insertFact:
        return this.insertFact(arg as unknown as InsertFactArgs);
      case ServerCommands.recordFact:
        return this.recordFact(arg as unknown as RecordFactArgs);
      case ServerCommands.searchFacts:
        return this.searchFacts(arg as unknown as SearchFactsArgs);
      case ServerCommands.listSources:
        return this.listSources(arg as unknown as DocumentArgs);
      case ServerCommands.listFactFiles:
        return this.listFactFiles(arg);
      case ServerCommands.proposeFacts:
        return this.capture.propose(arg as unknown as ProposeFactsArgs);
      case ServerCommands.addFact:
        return this.capture.addFact(arg as unknown as AddFactArgs);
      case ServerCommands.figureCounts:
        return this.capture.figureCounts(arg as unknown as DocumentArgs);
      case ServerCommands.factUsage:
        return factUsage(this.analyzer);
      case ServerCommands.factUses:
        return factUses(this.analyzer, String(arg.factId ?? ''));
      default:
        return undefined;
    }
  }

  private async briefing(uri: unknown): Promise<Analysis> {
    if (typeof uri !== 'string') throw new Error('Expected { uri } of an open briefing.');
    const analysis = await this.analyzer.analyze(uri);
    if (!analysis) throw new Error(`${uri} is not an open briefing.`);
    return analysis;
  }

  private async renumber(args: DocumentArgs): Promise<EditResult> {
    const analysis = await this.briefing(args.uri);
    const fix = renumberFix({ model: analysis.result.model, notes: analysis.result.notes });
    if (!fix) {
      const { model, notes } = analysis.result;
      const message =
        model.refs.length === 0
          ? 'This briefing has no notes.'
          : (renumberBlocker({ model, notes }) ?? 'The notes are already numbered in order of first reference.');
      return { applied: false, message };
    }
    return this.apply(analysis, fix.title, fix.edits);
  }

  private async convert(args: DocumentArgs): Promise<EditResult> {
    const analysis = await this.briefing(args.uri);
    const fix = convertEndnotesFix(analysis.result.model);
    if (!fix) return { applied: false, message: 'This briefing has no [n] endnotes with a notes list to convert.' };
    return this.apply(analysis, fix.title, fix.edits);
  }

  private async insertCitation(args: InsertCitationArgs): Promise<EditResult> {
    const analysis = await this.briefing(args.uri);
    if (!analysis.facts.sources.has(args.sourceId))
      return { applied: false, message: `No loaded fact file has a source "${args.sourceId}".` };
    const offset = analysis.document.offsetAt(args.position);
    const fix = insertCitationFix(analysis.result.model, analysis.facts, {
      sourceId: args.sourceId,
      locator: args.locator,
      at: { offset },
    });
    return this.apply(analysis, fix.title, fix.edits);
  }

  /** The fact's figure at the position, in the briefing's style, then a citation of its source right after it. */
  private async insertFact(args: InsertFactArgs): Promise<EditResult> {
    const analysis = await this.briefing(args.uri);
    const entry = analysis.facts.factById(args.factId);
    if (!entry) return { applied: false, message: `No loaded fact file has a fact "${args.factId}".` };
    const { model } = analysis.result;
    const offset = analysis.document.offsetAt(args.position);
    const before = offset > 0 ? model.text[offset - 1]! : '\n';
    const figure = (/\s|[([“"'‘—-]/.test(before) ? '' : ' ') + figureFor(model, entry.fact);
    const cite = insertCitationFix(model, analysis.facts, { sourceId: entry.fact.source, locator: entry.fact.locator, at: { offset } });
    // Edits at one position apply in array order: the figure first, then the reference.
    const edits: CoreEdit[] = [{ span: { start: offset, end: offset }, newText: figure }, ...cite.edits];
    return this.apply(analysis, `Insert ${entry.fact.id}`, edits);
  }

  private async indexFor(uri: string | undefined): Promise<FactIndex> {
    if (uri) {
      const analysis = await this.analyzer.analyze(uri).catch(() => undefined);
      if (analysis) return analysis.facts;
    }
    // No briefing: every fact file and bibliography of every folder.
    const files = new Set<string>();
    for (const folder of this.analyzer.workspace.all()) {
      const settings = await this.analyzer.settings.get(pathToUri(folder));
      for (const f of await this.analyzer.store.sourceFilesOfFolder(folder, settings)) files.add(f);
    }
    return this.analyzer.store.indexFor([...files]);
  }

  private async searchFacts(args: SearchFactsArgs): Promise<FactItem[]> {
    const index = await this.indexFor(args.uri);
    const limit = Math.min(MAX_LIMIT, Math.max(1, args.limit ?? DEFAULT_LIMIT));
    const uris = new Map<string, string>();
    const uriOf = (path: string) => uris.get(path) ?? uris.set(path, pathToUri(path)).get(path)!;
    // Values are shown as Find Fact would insert them into this briefing ("€8.3 billion"), a fall with its sign.
    const analysis = args.uri ? await this.analyzer.analyze(args.uri).catch(() => undefined) : undefined;
    const display = analysis ? (f: FactEntry['fact']) => `${f.value < 0 ? '-' : ''}${figureFor(analysis.result.model, f)}` : describeValue;
    const found = index.search(String(args.query ?? ''), limit);
    // Replaced figures after current ones: a writer looking for a figure wants the newest.
    const ordered = [...found.filter((e) => !e.fact.supersededBy), ...found.filter((e) => e.fact.supersededBy)];
    return ordered.map((entry) => this.factItem(index, entry, uriOf(entry.file), display));
  }

  private async listSources(args: DocumentArgs): Promise<SourceItem[]> {
    const index = await this.indexFor(args.uri);
    return [...index.sources.values()].map((s) => ({
      id: s.id,
      title: s.source.title,
      publisher: s.source.publisher,
      published: s.source.published,
      url: s.source.url,
      facts: index.factsOfSource(s.id).length,
      file: pathToUri(s.file),
      line: s.line,
    }));
  }

  private async listFactFiles(args: Partial<DocumentArgs>): Promise<string[]> {
    if (args.uri) {
      const analysis = await this.analyzer.analyze(args.uri).catch(() => undefined);
      if (analysis) return analysis.factFiles.map(pathToUri);
    }
    const files = new Set<string>();
    for (const folder of this.analyzer.workspace.all()) {
      const settings = await this.analyzer.settings.get(pathToUri(folder));
      for (const f of await this.analyzer.store.factFilesOfFolder(folder, settings)) files.add(f);
    }
    return [...files].map(pathToUri);
  }

  private factItem(
    index: FactIndex,
    entry: FactEntry,
    file: string,
    display: (fact: FactEntry['fact']) => string = describeValue,
  ): FactItem {
    const f = entry.fact;
    return {
      id: f.id,
      statement: f.statement,
      value: f.value,
      unit: f.unit,
      display: display(f),
      source: f.source,
      sourceTitle: index.sources.get(f.source)?.source.title,
      quote: f.quote,
      ...(f.supersededBy ? { supersededBy: f.supersededBy } : {}),
      ...(f.locator ? { locator: f.locator } : {}),
      file,
      line: entry.line,
    };
  }

  /**
   * Appends a new fact for a figure to the JSON fact file of the source its sentence cites:
   * the figure, its unit, its sentence as the statement, and a quote for the writer to
   * paste. The fact file is then shown with that quote selected, where the client can.
   */
  private async recordFact(args: RecordFactArgs): Promise<EditResult> {
    const analysis = await this.briefing(args.uri);
    if (analysis.version !== args.version) return { applied: false, message: 'The briefing has changed since; try again.' };
    const { model, matches } = analysis.result;
    const index = statisticStartingAt(model, args.offset);
    const stat = model.stats[index];
    const sourceId = matches[index]?.sources[0];
    const source = sourceId === undefined ? undefined : analysis.facts.sources.get(sourceId);
    if (!stat || !source) return { applied: false, message: 'This figure cites no known source to record it for.' };
    if (!/\.json$/i.test(source.file))
      return { applied: false, message: `${source.file} is not a JSON fact file; add the fact there by hand.` };
    // Read from the model before any await: a check of a newer version may move its objects (ARCHITECTURE.md, "The identity contract").
    const statement = statementOf(model, stat);
    const fact = newFactFor({ stat, sentence: statement, source: source.id, taken: (id) => analysis.facts.factById(id) !== undefined });
    if (!fact)
      return {
        applied: false,
        message: 'The figure\'s unit is not clear enough to record ("$" may be several dollars); add the fact by hand.',
      };
    const uri = pathToUri(source.file);
    const open = this.analyzer.documents.get(uri);
    const text = open?.getText() ?? (await readFile(source.file, 'utf8').catch(() => undefined));
    if (text === undefined) return { applied: false, message: `Cannot read ${source.file}.` };
    const appended = appendFactEdit(text, fact);
    if (!appended) return { applied: false, message: `${source.file} has no "facts" array that can be added to (is it valid JSON?).` };
    const document = open ?? TextDocument.create(uri, 'json', 0, text);
    const [edit] = toTextEdits(document, [appended.edit]);
    const workspaceEdit: WorkspaceEdit =
      this.versionedEdits && open
        ? { documentChanges: [{ textDocument: { uri, version: open.version }, edits: [edit!] }] }
        : { changes: { [uri]: [edit!] } };
    const result = await this.connection.workspace.applyEdit({ label: `Record ${fact.id}`, edit: workspaceEdit });
    if (!result.applied) return { applied: false, message: result.failureReason ?? 'The editor refused the edit.' };
    const after = TextDocument.applyEdits(document, [edit!]);
    const shown = TextDocument.create(uri, 'json', 0, after);
    void this.connection.window
      .showDocument({
        uri,
        takeFocus: true,
        selection: { start: shown.positionAt(appended.quote.start), end: shown.positionAt(appended.quote.end) },
      })
      .catch(() => undefined);
    return { applied: true };
  }

  private async apply(analysis: Analysis, label: string, edits: readonly CoreEdit[]): Promise<EditResult> {
    const textEdits: TextEdit[] = toTextEdits(analysis.document, edits);
    const edit: WorkspaceEdit = this.versionedEdits
      ? { documentChanges: [{ textDocument: { uri: analysis.uri, version: analysis.version }, edits: textEdits }] }
      : { changes: { [analysis.uri]: textEdits } };
    const result = await this.connection.workspace.applyEdit({ label, edit });
    return result.applied
      ? { applied: true }
      : { applied: false, message: result.failureReason ?? 'The editor refused the edit (the document may have changed).' };
  }
}
