import type { Severity } from '../core';

/** One finding as the CLI reports it (docs/cli.md#json). */
export interface Report {
  file: string;
  line: number;
  column: number;
  endLine: number;
  endColumn: number;
  severity: Severity;
  code: string;
  message: string;
  factId?: string;
}

export function compareReports(a: Report, b: Report): number {
  return a.file < b.file
    ? -1
    : a.file > b.file
      ? 1
      : a.line - b.line || a.column - b.column || (a.code < b.code ? -1 : a.code > b.code ? 1 : 0);
}
