import type { Report } from '../report';

/** GitHub has no "info" annotation; "notice" is its lowest level. */
const COMMAND = { error: 'error', warning: 'warning', info: 'notice' } as const;

/**
 * GitHub's escaping of a workflow command's message (as @actions/core does it): without
 * it a newline would end the command and a `%` could be read as an escape.
 */
export function escapeData(s: string): string {
  return s.replace(/%/g, '%25').replace(/\r/g, '%0D').replace(/\n/g, '%0A');
}

/** A property value also may not hold the `:` and `,` that separate the command's parts. */
export function escapeProperty(s: string): string {
  return escapeData(s).replace(/:/g, '%3A').replace(/,/g, '%2C');
}

/**
 * GitHub Actions workflow commands, one annotation a line:
 * `::error file=…,line=…,col=…,endLine=…,endColumn=…,title=<code>::message`.
 * Paths use `/` whatever the runner, as GitHub matches them to the repository's files.
 */
export function formatGithub(reports: Report[]): string {
  return reports
    .map((r) => {
      const properties = [
        `file=${escapeProperty(r.file.replace(/\\/g, '/'))}`,
        `line=${r.line}`,
        `col=${r.column}`,
        `endLine=${r.endLine}`,
        `endColumn=${r.endColumn}`,
        `title=${escapeProperty(r.code)}`,
      ];
      return `::${COMMAND[r.severity]} ${properties.join(',')}::${escapeData(r.message)}\n`;
    })
    .join('');
}
