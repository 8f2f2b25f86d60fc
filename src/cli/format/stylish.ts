import { ruleDocUrl } from '../../core';
import type { Report } from '../report';

const COLOURS = { error: '\x1b[31m', warning: '\x1b[33m', info: '\x1b[36m', dim: '\x1b[2m', bold: '\x1b[1m', reset: '\x1b[0m' };

/**
 * ESLint's "stylish" layout: findings grouped by file, then a count; with `verbose`, then
 * the page explaining each code reported, so a reader can look up what a finding means.
 */
export function formatStylish(reports: Report[], colour: boolean, verbose = false): string {
  const paint = (kind: keyof typeof COLOURS, s: string) => (colour ? `${COLOURS[kind]}${s}${COLOURS.reset}` : s);
  const lines: string[] = [];
  let file: string | undefined;
  for (const r of reports) {
    if (r.file !== file) {
      if (file !== undefined) lines.push('');
      file = r.file;
      lines.push(paint('bold', r.file));
    }
    const where = `${r.line}:${r.column}`.padEnd(8);
    lines.push(`  ${paint('dim', where)} ${paint(r.severity, r.severity.padEnd(7))}  ${r.message}  ${paint('dim', r.code)}`);
  }
  const count = (s: string) => reports.filter((r) => r.severity === s).length;
  const [errors, warnings, infos] = [count('error'), count('warning'), count('info')];
  if (reports.length === 0) return '';
  const total = reports.length;
  lines.push('');
  const summary = `✖ ${total} ${total === 1 ? 'problem' : 'problems'} (${errors} ${errors === 1 ? 'error' : 'errors'}, ${warnings} ${warnings === 1 ? 'warning' : 'warnings'}${infos ? `, ${infos} info` : ''})`;
  lines.push(paint(errors ? 'error' : 'warning', summary));
  if (verbose) {
    lines.push('');
    for (const code of [...new Set(reports.map((r) => r.code))].sort())
      lines.push(`  ${code.padEnd(20)} ${paint('dim', ruleDocUrl(code))}`);
  }
  return lines.join('\n') + '\n';
}
