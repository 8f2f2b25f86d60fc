/**
 * Add Fact from Selection, server side: the figures of a selection in any text with the
 * facts they propose, and the one WorkspaceEdit that writes a fact (and a new source)
 * into a JSON, YAML or CSV fact file, or creates a JSON one beside the briefing. The
 * edit goes to the client with `workspace/applyEdit` like every other rewrite; the fact
 * store then re-reads the file and briefings re-check.
 */
import { readFile, stat } from 'node:fs/promises';
import type { Connection, TextEdit, WorkspaceEdit } from 'vscode-languageserver';
import { TextDocument } from 'vscode-languageserver-textdocument';
import {
  appendToFactFile,
  factFileFormatOf,
  factIdFor,
  type FactIndex,
  figuresInSelection,
  newJsonFactFile,
  parseFactSource,
  quoteOf,
  recordedUrlOf,
  SOURCE_ID_PATTERN,
} from '../../core';
import type {
  AddFactArgs,
  AddFactResult,
  FactProposal,
  FigureCounts,
  ProposeFactsArgs,
  ProposeFactsResult,
  DocumentArgs,
} from '../../shared/protocol';
import type { Analyzer } from '../analysis';
import { toTextEdits } from '../convert';
import { uriToPath } from '../workspace';

export class FactCapture {
  constructor(
    private readonly connection: Connection,
    private readonly analyzer: Analyzer,
    private readonly versionedEdits: boolean,
    private readonly indexFor: (uri: string | undefined) => Promise<FactIndex>,
  ) {}

  async propose(args: ProposeFactsArgs): Promise<ProposeFactsResult> {
    const text = String(args.text ?? '');
    const document = TextDocument.create('untitled:selection', 'plaintext', 0, text);
    const selection = { start: document.offsetAt(args.selection.start), end: document.offsetAt(args.selection.end) };
    const index = await this.indexFor(args.briefing);
    const chosen = new Set<string>();
    const taken = (id: string) => chosen.has(id) || index.factById(id) !== undefined;
    const proposals = figuresInSelection(text, selection).map((figure): FactProposal => {
      const id = factIdFor(args.sourceId || 'fact', figure.statement, taken);
      chosen.add(id);
      return {
        figure: figure.text,
        range: { start: document.positionAt(figure.span.start), end: document.positionAt(figure.span.end) },
        value: figure.value,
        ...(figure.unit === undefined ? {} : { unit: figure.unit }),
        statement: figure.statement,
        id,
      };
    });
    const url = recordedUrlOf(text);
    return { quote: quoteOf(text, selection), proposals, ...(url ? { url } : {}) };
  }

  async figureCounts(args: DocumentArgs): Promise<FigureCounts | undefined> {
    const analysis = await this.analyzer.analyze(String(args.uri)).catch(() => undefined);
    if (!analysis) return undefined;
    const findings: Record<string, number> = {};
    for (const finding of analysis.result.findings) findings[finding.code] = (findings[finding.code] ?? 0) + 1;
    return { figures: analysis.result.model.stats.length, findings };
  }

  async addFact(args: AddFactArgs): Promise<AddFactResult> {
    const { fact, source } = args;
    const problem = this.invalid(args);
    if (problem) return { applied: false, message: problem };
    const index = await this.indexFor(args.briefing);
    if (index.factById(fact.id)) return { applied: false, message: `A fact "${fact.id}" exists already; choose another id.` };
    if (source && index.sources.has(source.id))
      return { applied: false, message: `A source "${source.id}" exists already; pick it instead of creating it.` };
    if (!source && args.briefing && !index.sources.has(fact.source))
      return { applied: false, message: `No fact file of this briefing defines a source "${fact.source}".` };

    const uri = args.target;
    const path = uriToPath(uri);
    if (path === undefined) return { applied: false, message: `${uri} is not a file on disk.` };
    const format = factFileFormatOf(path);
    let edit: WorkspaceEdit;
    let after: string;
    let before: string | undefined;
    if (args.create) {
      if (format !== 'json') return { applied: false, message: 'A new fact file is a JSON file (<name>.facts.json).' };
      if (
        this.analyzer.documents.get(uri) ||
        (await stat(path).then(
          () => true,
          () => false,
        ))
      )
        return { applied: false, message: `${path} exists already.` };
      after = newJsonFactFile(fact, source);
      edit = {
        documentChanges: [
          { kind: 'create', uri, options: { overwrite: false, ignoreIfExists: false } },
          {
            textDocument: { uri, version: null },
            edits: [{ range: { start: { line: 0, character: 0 }, end: { line: 0, character: 0 } }, newText: after }],
          },
        ],
      };
    } else {
      const open = this.analyzer.documents.get(uri);
      const text = open?.getText() ?? (await readFile(path, 'utf8').catch(() => undefined));
      if (text === undefined) return { applied: false, message: `Cannot read ${path}.` };
      before = text;
      const defined = index.sources.get(fact.source);
      if (!source && format !== 'csv' && defined && defined.file !== path) {
        return {
          applied: false,
          message: `${path} does not define the source "${fact.source}" (${defined.file} does): a fact goes in the fact file of its source, or in a CSV table.`,
        };
      }
      const appended = appendToFactFile(path, text, fact, source);
      if ('error' in appended) return { applied: false, message: appended.error };
      const document = open ?? TextDocument.create(uri, format ?? 'json', 0, text);
      const edits: TextEdit[] = toTextEdits(document, [appended.edit]);
      after = TextDocument.applyEdits(document, edits);
      edit =
        this.versionedEdits && open
          ? { documentChanges: [{ textDocument: { uri, version: open.version }, edits }] }
          : { changes: { [uri]: edits } };
    }
    // Never write a file the checker would then call broken: no new error, and (where the file holds its sources) the fact read back.
    const errors = (findings: readonly { severity: string }[]) => findings.filter((f) => f.severity === 'error').length;
    const reparsed = parseFactSource(path, after);
    const readBack = format === 'csv' || reparsed.facts.some((f) => f.fact.id === fact.id);
    if (!readBack || errors(reparsed.findings) > (before === undefined ? 0 : errors(parseFactSource(path, before).findings))) {
      return {
        applied: false,
        message: 'The fact could not be written cleanly into this file (is it valid, and does it define the source?).',
      };
    }
    if (args.apply === false) return { applied: false, edit };
    const result = await this.connection.workspace.applyEdit({ label: `Add fact ${fact.id}`, edit });
    return result.applied ? { applied: true, edit } : { applied: false, message: result.failureReason ?? 'The editor refused the edit.' };
  }

  /** Why the fields cannot make a fact, or undefined. */
  private invalid({ fact, source, target }: AddFactArgs): string | undefined {
    if (typeof target !== 'string' || !fact) return 'Expected { target, fact }.';
    if (!fact.id?.trim()) return 'The fact needs an id.';
    if (!Number.isFinite(fact.value)) return 'The fact needs a numeric value.';
    if (!fact.unit?.trim()) return 'The fact needs a unit.';
    if (!fact.statement?.trim() || !fact.quote?.trim()) return 'The fact needs a statement and a quote.';
    if (!SOURCE_ID_PATTERN.test(fact.source ?? '')) return `"${fact.source}" cannot be cited as @id.`;
    if (source && (source.id !== fact.source || !source.title?.trim())) return 'A new source needs a title, and the fact must cite it.';
    return undefined;
  }
}
