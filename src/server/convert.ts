/**
 * Translation between the engine's offsets and LSP's line/UTF-16 character positions,
 * and from findings to diagnostics. The engine's spans are UTF-16 offsets, which is
 * exactly what TextDocument.positionAt takes.
 */
import { DiagnosticSeverity, type Diagnostic, type Range, type TextEdit } from 'vscode-languageserver';
import type { TextDocument } from 'vscode-languageserver-textdocument';
import { type Finding, ruleDocUrl, type Severity, type Span, type TextEdit as CoreEdit } from '../core';
import type { DiagnosticData } from '../shared/protocol';

export const DIAGNOSTIC_SOURCE = 'briefing';

export function toRange(document: TextDocument, span: Span): Range {
  return { start: document.positionAt(span.start), end: document.positionAt(span.end) };
}

export function toSpan(document: TextDocument, range: Range): Span {
  return { start: document.offsetAt(range.start), end: document.offsetAt(range.end) };
}

export function toTextEdits(document: TextDocument, edits: readonly CoreEdit[]): TextEdit[] {
  // LSP applies edits at one position in array order; the engine's order is the intended one.
  return edits.map((e) => ({ range: toRange(document, e.span), newText: e.newText }));
}

export function toSeverity(severity: Severity): DiagnosticSeverity {
  return severity === 'error'
    ? DiagnosticSeverity.Error
    : severity === 'warning'
      ? DiagnosticSeverity.Warning
      : DiagnosticSeverity.Information;
}

/** One `codeDescription` per code, shared by its diagnostics: a long briefing has thousands. */
const codeDescriptions = new Map<string, { href: string }>();

export function codeDescriptionOf(code: string): { href: string } {
  let description = codeDescriptions.get(code);
  if (!description) codeDescriptions.set(code, (description = { href: ruleDocUrl(code) }));
  return description;
}

/**
 * A finding as an LSP diagnostic; `data` names the version, so code actions find its fixes,
 * and `codeDescription` links the code to its page (VS Code shows the code as a link).
 */
export function toDiagnostic(document: TextDocument, finding: Finding, version: number): Diagnostic {
  const data: DiagnosticData = {
    version,
    ...(finding.factId !== undefined ? { factId: finding.factId } : {}),
  };
  return {
    range: toRange(document, finding.span),
    severity: toSeverity(finding.severity),
    code: finding.code,
    codeDescription: codeDescriptionOf(finding.code),
    source: DIAGNOSTIC_SOURCE,
    message: finding.message,
    data,
  };
}

/** Whether `offset` lies in `span`, its end included (a cursor right after `[^1]` is on it). */
export function touches(span: Span, offset: number): boolean {
  return offset >= span.start && offset <= span.end;
}
