import type { Report } from '../report';

/** One JSON array, one object per finding, keys in the order docs/cli.md#json shows them. */
export function formatJson(reports: Report[]): string {
  return JSON.stringify(
    reports.map((r) => ({
      file: r.file,
      line: r.line,
      column: r.column,
      endLine: r.endLine,
      endColumn: r.endColumn,
      severity: r.severity,
      code: r.code,
      message: r.message,
      ...(r.factId !== undefined ? { factId: r.factId } : {}),
    })),
    null,
    2,
  );
}
