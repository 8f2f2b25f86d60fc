/**
 * Reads a CSV or TSV fact file (`*.facts.csv`, `*.facts.tsv`): one fact a row, under a
 * header row naming the columns (see readFactTable.ts). The values come from csv-parse
 * (quoted fields with delimiters, quotes and line breaks in them, a UTF-8 BOM, `\r\n`,
 * `\n` or `\r` line ends). The delimiter is the one the header row uses most of `,`,
 * `;` and tab, so the `;`-separated files European Excel saves are read too (and
 * their numbers with a decimal comma).
 *
 * csv-parse does not say where a field is, so a scan of the same quoting rules
 * (RFC 4180) finds each record's and field's offsets; a problem is reported at its
 * cell. A syntax error (a quote never closed) costs its row: it is reported there and
 * reading goes on at the next line.
 */
import { parse } from 'csv-parse/sync';
import { LineMap } from '../positions';
import { factsInvalidFinding } from '../rules/facts.invalid';
import type { Finding, Span } from '../types';
import type { ParsedFactFile } from './parseFactFile';
import { readFactTable, type TableCell, type TableRow } from './readFactTable';

export type CsvDelimiter = ',' | ';' | '\t';

export function parseCsvFactFile(text: string, path: string): ParsedFactFile {
  const bom = text.charCodeAt(0) === 0xfeff ? 1 : 0;
  const delimiter = detectDelimiter(text.slice(bom), /\.tsv$/i.test(path) ? '\t' : ',');
  const lines = new LineMap(text);
  const rows: TableRow[] = [];
  const findings: Finding[] = [];
  let segment = bom;
  while (segment < text.length) {
    const { records, error } = parseRecords(text.slice(segment), delimiter);
    const located = locateRecords(text, segment, delimiter);
    records.forEach((values, k) => {
      const where = located[k];
      const cells: TableCell[] = values.map((value, column) => ({
        text: value,
        span: where?.fields[column] ?? where?.span ?? { start: segment, end: segment },
      }));
      const span = where?.span ?? { start: segment, end: segment };
      rows.push({ cells, span, line: lines.lineIndexOf(span.start), rowNumber: rows.length + 1 });
    });
    if (!error) break;
    // The record that failed starts where the last one read ended; skip its first line.
    const start = located[records.length]?.span.start ?? segment;
    const lineEnd = text.indexOf('\n', start);
    findings.push(
      factsInvalidFinding({ start, end: lineEnd === -1 ? text.length : lineEnd }, `Invalid CSV: ${error}; this row is skipped`),
    );
    rows.push({ cells: [], span: { start, end: start }, line: lines.lineIndexOf(start), rowNumber: rows.length + 1 });
    if (lineEnd === -1) break;
    segment = lineEnd + 1;
  }
  return readFactTable({
    path,
    text,
    rows,
    findings,
    decimalComma: delimiter === ';',
    cellName: (row, _column, name) => `row ${row.rowNumber}, ${name}`,
  });
}

/** The records of `text` as csv-parse reads them, up to the first error (with its message). */
function parseRecords(text: string, delimiter: CsvDelimiter): { records: string[][]; error?: string } {
  const records: string[][] = [];
  try {
    parse(text, {
      bom: true,
      delimiter,
      record_delimiter: ['\r\n', '\n', '\r'],
      relax_column_count: true,
      skip_empty_lines: false,
      on_record: (record: string[]) => {
        records.push(record);
        return record;
      },
    });
    return { records };
  } catch (error) {
    const message = error instanceof Error ? error.message : String(error);
    return { records, error: message.replace(/:? (?:at|on) line \d+.*$/s, '').replace(/^([^:]+): /, '$1 — ') };
  }
}

interface RecordSpan {
  span: Span;
  fields: Span[];
}

/**
 * Where each record of `text` from `from` on is, and each field in it (quotes
 * included), by RFC 4180's rules, which csv-parse follows for the files it accepts.
 */
function locateRecords(text: string, from: number, delimiter: CsvDelimiter): RecordSpan[] {
  const records: RecordSpan[] = [];
  let at = from;
  if (text.charCodeAt(at) === 0xfeff) at++;
  while (at < text.length) {
    const fields: Span[] = [];
    const start = at;
    let fieldStart = at;
    let quoted = false;
    let end = text.length;
    let next = text.length;
    for (let i = at; i < text.length; i++) {
      const c = text[i];
      if (quoted) {
        if (c === '"') {
          if (text[i + 1] === '"') i++;
          else quoted = false;
        }
      } else if (c === '"' && i === fieldStart) quoted = true;
      else if (c === delimiter) {
        fields.push({ start: fieldStart, end: i });
        fieldStart = i + 1;
      } else if (c === '\n' || c === '\r') {
        end = i;
        next = c === '\r' && text[i + 1] === '\n' ? i + 2 : i + 1;
        break;
      }
    }
    fields.push({ start: fieldStart, end });
    records.push({ span: { start, end }, fields });
    at = next;
  }
  return records;
}

/** The delimiter the header row (the first line with text) uses most, outside quotes; `fallback` on a tie. */
export function detectDelimiter(text: string, fallback: CsvDelimiter): CsvDelimiter {
  const header = /^[^\r\n]*\S[^\r\n]*/m.exec(text)?.[0] ?? '';
  const counts: Record<CsvDelimiter, number> = { ',': 0, ';': 0, '\t': 0 };
  let quoted = false;
  for (const c of header) {
    if (c === '"') quoted = !quoted;
    else if (!quoted && (c === ',' || c === ';' || c === '\t')) counts[c]++;
  }
  let best = fallback;
  for (const delimiter of [',', ';', '\t'] as const) if (counts[delimiter] > counts[best]) best = delimiter;
  return best;
}
