/**
 * Code actions. Quick fixes are rebuilt from the diagnostics the client sends back
 * (`context.diagnostics`): each carries the document version it was computed for in
 * `data`, and the fixes come from that same check's findings, computed on demand. Fixes
 * that depend on a choice (which source an undefined note should cite) and the
 * document-wide rewrites (renumber, convert, fix all) come from the current analysis.
 */
import {
  CodeActionKind,
  type CodeAction,
  type CodeActionParams,
  type Diagnostic,
  type TextEdit,
  type WorkspaceEdit,
} from 'vscode-languageserver';
import { applySafeFixes, convertEndnotesFix, type FixData, renumberFix } from '../../core';
import { ClientCommands, ServerCommands, type DiagnosticData, type RecordFactArgs } from '../../shared/protocol';
import type { Analysis } from '../analysis';
import { DIAGNOSTIC_SOURCE, toSpan, toTextEdits } from '../convert';
import { defineNoteFix } from './noteEdits';
import { recordFigureArgs, statisticStartingAt } from './recordFigure';

export const FIX_ALL_KIND = `${CodeActionKind.SourceFixAll}.briefing`;
const REWRITE_KIND = `${CodeActionKind.RefactorRewrite}.briefing`;
/** More sources than this and the list of "cite X" actions is noise: offer the empty definition only. */
const MAX_SOURCE_ACTIONS = 12;

export const CODE_ACTION_KINDS = [CodeActionKind.QuickFix, FIX_ALL_KIND, REWRITE_KIND];

export function codeActions(analysis: Analysis, params: CodeActionParams, clientCommands: readonly string[] = []): CodeAction[] {
  const only = params.context.only;
  const wanted = (kind: string) => !only || only.some((k) => kind === k || kind.startsWith(`${k}.`));
  const actions: CodeAction[] = [];
  if (wanted(CodeActionKind.QuickFix)) {
    for (const diagnostic of params.context.diagnostics) {
      if (diagnostic.source !== DIAGNOSTIC_SOURCE) continue;
      actions.push(...quickFixes(analysis, diagnostic, clientCommands));
    }
  }
  if (wanted(FIX_ALL_KIND) && (only !== undefined || params.context.diagnostics.length > 0)) {
    const fixAll = fixAllAction(analysis);
    if (fixAll) actions.push(fixAll);
  }
  if (wanted(REWRITE_KIND)) actions.push(...rewrites(analysis));
  return actions;
}

function edit(analysis: Analysis, edits: TextEdit[]): WorkspaceEdit {
  return { changes: { [analysis.uri]: edits } };
}

function quickFixes(analysis: Analysis, diagnostic: Diagnostic, clientCommands: readonly string[]): CodeAction[] {
  const data = diagnostic.data as DiagnosticData | undefined;
  const actions: CodeAction[] = [];
  // Fixes computed for another version would edit the wrong places.
  if (data && data.version === analysis.version) {
    // The finding behind the diagnostic, from the same check: its fixes are computed now,
    // on demand, rather than for every diagnostic on every keystroke.
    const span = toSpan(analysis.document, diagnostic.range);
    const finding = analysis.result.findings.find(
      (f) => f.code === diagnostic.code && f.span.start === span.start && f.span.end === span.end,
    );
    const fixes = finding?.fixes ?? [];
    const only = fixes.length === 1;
    for (const fix of fixes) {
      actions.push({
        title: fix.title,
        kind: CodeActionKind.QuickFix,
        diagnostics: [diagnostic],
        isPreferred: fix.preferred === true || only,
        edit: edit(analysis, toTextEdits(analysis.document, fix.edits)),
      });
    }
  }
  if (diagnostic.code === 'note.undefined') actions.push(...defineNoteActions(analysis, diagnostic));
  const current = data?.version === analysis.version;
  const recordsInClient = clientCommands.includes(ClientCommands.recordFigure);
  if (diagnostic.code === 'stat.unsupported' && current)
    actions.push(...(recordsInClient ? recordFigureActions(analysis, diagnostic) : recordFactActions(analysis, diagnostic)));
  if (diagnostic.code === 'stat.uncited' && clientCommands.includes(ClientCommands.insertCitation))
    actions.push(...pickCitationActions(analysis, diagnostic, clientCommands));
  if (diagnostic.code === 'stat.uncited' && current && recordsInClient) actions.push(...recordFigureActions(analysis, diagnostic));
  return actions;
}

/** "Record as a new fact…" in an editor that runs the Add Fact flow itself (VS Code): the quote, source and file are asked there. */
function recordFigureActions(analysis: Analysis, diagnostic: Diagnostic): CodeAction[] {
  const args = recordFigureArgs(analysis, toSpan(analysis.document, diagnostic.range).start);
  if (!args) return [];
  const title = 'Record as a new fact…';
  return [
    {
      title,
      kind: CodeActionKind.QuickFix,
      diagnostics: [diagnostic],
      command: { title, command: ClientCommands.recordFigure, arguments: [args] },
    },
  ];
}

/** For a figure its cited source's facts do not cover: record it as a new fact of that source (the server writes it). */
function recordFactActions(analysis: Analysis, diagnostic: Diagnostic): CodeAction[] {
  const span = toSpan(analysis.document, diagnostic.range);
  const index = statisticStartingAt(analysis.result.model, span.start);
  const source = analysis.result.matches[index]?.sources[0];
  const file = source === undefined ? undefined : analysis.facts.sources.get(source)?.file;
  if (!file || !/\.json$/i.test(file)) return [];
  const args: RecordFactArgs = { uri: analysis.uri, version: analysis.version, offset: span.start };
  const title = `Record as a new fact of ${source}…`;
  return [
    {
      title,
      kind: CodeActionKind.QuickFix,
      diagnostics: [diagnostic],
      command: { title, command: ServerCommands.recordFact, arguments: [args] },
    },
  ];
}

/** For an uncited figure, besides citing the source a fact names: pick any loaded source to cite (the editor's picker). */
function pickCitationActions(analysis: Analysis, diagnostic: Diagnostic, clientCommands: readonly string[]): CodeAction[] {
  if (analysis.facts.sources.size === 0) return [];
  const span = toSpan(analysis.document, diagnostic.range);
  const stat = analysis.result.model.stats.find((s) => s.span.start === span.start);
  if (!stat) return [];
  const sentence = analysis.result.model.sentences[stat.sentence]!;
  // After its closing punctuation, before the space that follows it.
  let end = sentence.span.end;
  while (end > sentence.span.start && /\s/.test(analysis.result.model.text[end - 1]!)) end--;
  const at = analysis.document.positionAt(end);
  const title = 'Insert citation…';
  const actions: CodeAction[] = [
    {
      title,
      kind: CodeActionKind.QuickFix,
      diagnostics: [diagnostic],
      command: { title, command: ClientCommands.insertCitation, arguments: [{ line: at.line, character: at.character }] },
    },
  ];
  if (clientCommands.includes(ClientCommands.findFact)) {
    // The figure's digits as the first search: the facts that have this value come first.
    const query = analysis.result.model.text.slice(stat.numberSpan.start, stat.numberSpan.end).replace(/,/g, '');
    const find = 'Find fact…';
    actions.push({
      title: find,
      kind: CodeActionKind.QuickFix,
      diagnostics: [diagnostic],
      command: { title: find, command: ClientCommands.findFact, arguments: [{ query, cite: { line: at.line, character: at.character } }] },
    });
  }
  return actions;
}

/** For an undefined note: a definition citing each loaded source, or an empty one. */
function defineNoteActions(analysis: Analysis, diagnostic: Diagnostic): CodeAction[] {
  const { model } = analysis.result;
  const span = toSpan(analysis.document, diagnostic.range);
  const ref = model.refs.find((r) => r.span.start === span.start && r.span.end === span.end);
  if (!ref) return [];
  const shown = ref.namespace === 'footnote' ? `[^${ref.label}]` : `[${ref.label}]`;
  const sources = [...analysis.facts.sources.values()];
  const fixes: FixData[] = [];
  if (sources.length > 0 && sources.length <= MAX_SOURCE_ACTIONS) {
    for (const source of sources) {
      fixes.push(defineNoteFix(model, ref, `@${source.id}.`, `Define note ${shown} citing ${source.id} (${source.source.title})`));
    }
  }
  fixes.push(defineNoteFix(model, ref, '', `Create an empty definition of note ${shown}`));
  return fixes.map((fix) => ({
    title: fix.title,
    kind: CodeActionKind.QuickFix,
    diagnostics: [diagnostic],
    isPreferred: fixes.length === 1,
    edit: edit(analysis, toTextEdits(analysis.document, fix.edits)),
  }));
}

/** source.fixAll.briefing: the safe fixes (convert endnotes, renumber), as one minimal edit. */
export function fixAllAction(analysis: Analysis): CodeAction | undefined {
  const text = analysis.document.getText();
  // The check's own model is the analysis of this text: only a converted text is analysed again.
  const fixed = applySafeFixes(text, { citationScope: analysis.settings.citationScope }, analysis.result.model);
  if (fixed.text === text) return undefined;
  return {
    title: `Fix all safe problems: ${fixed.applied.join('; ')}`,
    kind: FIX_ALL_KIND,
    edit: edit(analysis, [minimalEdit(analysis, text, fixed.text)]),
  };
}

/** Renumber and convert, offered anywhere in a briefing where they would change something. */
function rewrites(analysis: Analysis): CodeAction[] {
  const actions: CodeAction[] = [];
  const { model, notes } = analysis.result;
  const renumber = renumberFix({ model, notes });
  if (renumber)
    actions.push({ title: renumber.title, kind: REWRITE_KIND, edit: edit(analysis, toTextEdits(analysis.document, renumber.edits)) });
  const convert = convertEndnotesFix(model);
  if (convert)
    actions.push({ title: convert.title, kind: REWRITE_KIND, edit: edit(analysis, toTextEdits(analysis.document, convert.edits)) });
  return actions;
}

/** One replacement of the changed middle, so the cursor and folding outside it stay put. */
export function minimalEdit(analysis: Analysis, before: string, after: string): TextEdit {
  let start = 0;
  const max = Math.min(before.length, after.length);
  while (start < max && before.charCodeAt(start) === after.charCodeAt(start)) start++;
  let end = 0;
  while (end < max - start && before.charCodeAt(before.length - 1 - end) === after.charCodeAt(after.length - 1 - end)) end++;
  // Never split a surrogate pair.
  if (start > 0 && isHighSurrogate(before.charCodeAt(start - 1))) start--;
  if (end > 0 && isLowSurrogate(before.charCodeAt(before.length - end))) end--;
  return {
    range: { start: analysis.document.positionAt(start), end: analysis.document.positionAt(before.length - end) },
    newText: after.slice(start, after.length - end),
  };
}

function isHighSurrogate(code: number): boolean {
  return code >= 0xd800 && code <= 0xdbff;
}
function isLowSurrogate(code: number): boolean {
  return code >= 0xdc00 && code <= 0xdfff;
}
