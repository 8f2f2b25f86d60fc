/**
 * Quick fixes in a fact file. A value typed as a string ("value": "3000", as a spreadsheet
 * export writes it) is the commonest mistake and has one right repair: the number itself.
 * Only text that is unambiguously a number is offered ("3,000", "8.7"; not "3.000", which
 * reads as three in English and three thousand elsewhere).
 */
import { CodeActionKind, type CodeAction, type CodeActionParams } from 'vscode-languageserver';
import type { TextDocument } from 'vscode-languageserver-textdocument';
import { parseFactSource } from '../../core';
import { DIAGNOSTIC_SOURCE } from '../convert';

const STRING_NOT_NUMBER = /expected a number, got string "/;
const PLAIN = /^[+-]?\d+(?:\.\d+)?$/;
const GROUPED = /^[+-]?\d{1,3}(?:,\d{3})+(?:\.\d+)?$/;

/** The number a string value stands for, or undefined when it is not plainly one. */
export function numberOfString(text: string): number | undefined {
  const t = text.trim();
  if (PLAIN.test(t)) return Number(t);
  if (GROUPED.test(t)) return Number(t.replace(/,/g, ''));
  return undefined;
}

export function factFileCodeActions(document: TextDocument, params: CodeActionParams): CodeAction[] {
  const actions: CodeAction[] = [...quoteFigureActions(document, params)];
  for (const diagnostic of params.context.diagnostics) {
    if (
      diagnostic.source !== DIAGNOSTIC_SOURCE ||
      diagnostic.code !== 'facts.invalid' ||
      !STRING_NOT_NUMBER.test(String(diagnostic.message))
    )
      continue;
    const written = document.getText(diagnostic.range);
    let value: unknown;
    try {
      value = JSON.parse(written);
    } catch {
      continue;
    }
    if (typeof value !== 'string') continue;
    const number = numberOfString(value);
    if (number === undefined) continue;
    actions.push({
      title: `Write ${number} as a number`,
      kind: CodeActionKind.QuickFix,
      diagnostics: [diagnostic],
      isPreferred: true,
      edit: { changes: { [document.uri]: [{ range: diagnostic.range, newText: String(number) }] } },
    });
  }
  return actions;
}

/**
 * facts.quoteMismatch: the quote's figure as the value, when the quote has exactly one
 * figure in the fact's unit (the engine offers the fix only then). The file is parsed
 * again for it: a diagnostic carries no fix, and quick fixes are asked for rarely.
 */
function quoteFigureActions(document: TextDocument, params: CodeActionParams): CodeAction[] {
  const wanted = params.context.diagnostics.filter((d) => d.source === DIAGNOSTIC_SOURCE && d.code === 'facts.quoteMismatch');
  if (wanted.length === 0) return [];
  const findings = parseFactSource(document.uri, document.getText()).findings.filter((f) => f.code === 'facts.quoteMismatch' && f.fixes);
  const actions: CodeAction[] = [];
  for (const diagnostic of wanted) {
    const start = document.offsetAt(diagnostic.range.start);
    const end = document.offsetAt(diagnostic.range.end);
    const fix = findings.find((f) => f.span.start === start && f.span.end === end)?.fixes?.[0];
    if (!fix) continue;
    const edits = fix.edits.map((e) => ({
      range: { start: document.positionAt(e.span.start), end: document.positionAt(e.span.end) },
      newText: e.newText,
    }));
    actions.push({
      title: fix.title,
      kind: CodeActionKind.QuickFix,
      diagnostics: [diagnostic],
      isPreferred: true,
      edit: { changes: { [document.uri]: edits } },
    });
  }
  return actions;
}
