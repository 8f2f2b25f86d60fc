/**
 * Quick fixes in a fact file. A value typed as a string ("value": "3000", as a spreadsheet
 * export writes it) is the commonest mistake and has one right repair: the number itself.
 * Only text that is unambiguously a number is offered ("3,000", "8.7"; not "3.000", which
 * reads as three in English and three thousand elsewhere).
 */
import { CodeActionKind, type CodeAction, type CodeActionParams } from 'vscode-languageserver';
import type { TextDocument } from 'vscode-languageserver-textdocument';
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
  const actions: CodeAction[] = [];
  for (const diagnostic of params.context.diagnostics) {
    if (diagnostic.source !== DIAGNOSTIC_SOURCE || diagnostic.code !== 'facts.invalid' || !STRING_NOT_NUMBER.test(String(diagnostic.message))) continue;
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
