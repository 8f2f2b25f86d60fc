/**
 * Facts from a table: a CSV/TSV file or a workbook's sheet (docs/fact-files.md). The first
 * row names the columns (`id, statement, value, unit, source, quote, locator, asOf,
 * keywords, supersededBy`, in any order and case; other columns are ignored, a near
 * miss of a known name is reported); each further row is a fact. `keywords` are
 * separated by `;`. A table holds facts only: their sources are defined in
 * bibliographies or other fact files, so a fact's `source` is checked by the caller.
 *
 * Each row is validated as a JSON fact would be (the same zod schema and checks, via
 * parseFactFile's checkFact); a problem is reported at its cell, and its message
 * names the cell as the user sees it (`row 7, value` in a CSV, `facts!C7` in a workbook).
 */
import { factsInvalidFinding } from '../rules/facts.invalid';
import type { Finding, Span } from '../types';
import { closestName } from './keyTypos';
import { checkFact } from './factEntryChecks';
import type { FactEntry, ParsedFactFile } from './parseFactFile';
import { FactSchema } from './schema';
import { parseTableNumber } from './tableValue';

export interface TableCell {
  /** The cell as text (a workbook: the text it shows, or its number as text). */
  text: string;
  /** Where the cell is in the file's text ({0, 0} for a workbook). */
  span: Span;
  /** A workbook's number cell: its value; `percent` when it is formatted as a percentage (so 0.12 shows as 12%). */
  number?: number;
  percent?: boolean;
}

export interface TableRow {
  cells: TableCell[];
  /** The whole row in the file's text ({0, 0} for a workbook). */
  span: Span;
  /** 0-based line of the row's start in the text (0 for a workbook). */
  line: number;
  /** The row number a user sees: 1 for the header row. */
  rowNumber: number;
}

export interface FactTable {
  path: string;
  /** The file's text ('' for a workbook). */
  text: string;
  rows: TableRow[];
  /** How a cell is named in messages: `row 7, value`, `facts!C7`. */
  cellName(row: TableRow, column: number, columnName: string): string;
  /** Whether a single `,` before three digits is a decimal mark (a `;`-separated CSV). */
  decimalComma: boolean;
  /** A workbook: names the cell of each fact's id in `FactEntry.cell`. */
  cellRef?(row: TableRow, column: number): string;
  /** Problems found before the rows (the CSV parser's), in text order. */
  findings: Finding[];
}

const COLUMNS = Object.keys(FactSchema.shape);
const REQUIRED = COLUMNS.filter((name) => !FactSchema.shape[name as keyof typeof FactSchema.shape].safeParse(undefined).success);

export function readFactTable(table: FactTable): ParsedFactFile {
  const { path, text, rows } = table;
  const result: ParsedFactFile = { path, text, sources: [], facts: [], factIdSpans: new Int32Array(0), findings: [...table.findings] };
  const header = rows.find((row) => !isBlank(row));
  if (!header) return result;
  const columns = readHeader(header, table, result.findings);
  if (!columns) return result;
  const idSpans: number[] = [];
  let index = 0;
  for (const row of rows) {
    if (row.rowNumber <= header.rowNumber || isBlank(row)) continue;
    const entry = readRow(row, index++, columns, table, result.findings);
    if (!entry) continue;
    result.facts.push(entry.fact);
    idSpans.push(entry.idSpan.start, entry.idSpan.end);
  }
  result.factIdSpans = Int32Array.from(idSpans);
  result.findings.sort((a, b) => a.span.start - b.span.start);
  return result;
}

/** Column index of each known column name; undefined (after reporting) when a required column is missing. */
function readHeader(header: TableRow, table: FactTable, findings: Finding[]): Map<string, number> | undefined {
  const columns = new Map<string, number>();
  const byLowerCase = new Map(COLUMNS.map((name) => [name.toLowerCase(), name]));
  header.cells.forEach((cell, column) => {
    const written = cell.text.trim();
    if (written === '') return;
    const name = byLowerCase.get(written.toLowerCase().replace(/[\s_-]+/g, ''));
    if (name !== undefined) {
      if (columns.has(name))
        findings.push(
          factsInvalidFinding(
            cell.span,
            `${table.cellName(header, column, written)}: the column "${name}" is named twice; the first is read`,
          ),
        );
      else columns.set(name, column);
      return;
    }
    const meant = closestName(written, COLUMNS);
    if (meant !== undefined && !columns.has(meant)) {
      findings.push(
        factsInvalidFinding(cell.span, `${table.cellName(header, column, written)}: unknown column "${written}"; did you mean "${meant}"?`),
      );
    }
  });
  const missing = REQUIRED.filter((name) => !columns.has(name));
  if (missing.length === 0) return columns;
  const list = missing.map((name) => `"${name}"`).join(', ');
  const first = header.cells.find((cell) => cell.text.trim() !== '') ?? header.cells[0];
  findings.push(
    factsInvalidFinding(
      first ? { start: first.span.start, end: header.span.end } : header.span,
      `The header row has no ${list} column${missing.length > 1 ? 's' : ''}; the first row must name the columns (${COLUMNS.join(', ')})`,
    ),
  );
  return undefined;
}

function readRow(
  row: TableRow,
  index: number,
  columns: Map<string, number>,
  table: FactTable,
  findings: Finding[],
): { fact: FactEntry; idSpan: Span } | undefined {
  const value: Record<string, unknown> = {};
  const unitCell = cellOf(row, columns.get('unit'));
  const percent = /^(?:percent|per ?cent|%|percentage)$/i.test(unitCell?.text.trim() ?? '');
  let unreadable = false;
  for (const [name, column] of columns) {
    const cell = row.cells[column];
    const written = cell?.text.trim() ?? '';
    if (cell === undefined || (written === '' && cell.number === undefined)) continue;
    if (name === 'keywords')
      value.keywords = written
        .split(';')
        .map((k) => k.trim())
        .filter((k) => k !== '');
    else if (name === 'value') {
      const number =
        cell.number !== undefined
          ? workbookNumber(cell, percent)
          : parseTableNumber(written, { decimalComma: table.decimalComma, percent });
      if (number === undefined) {
        findings.push(
          factsInvalidFinding(
            cell.span,
            `${table.cellName(row, column, name)}: "${written}" is not a number; write the value as a plain number (2.1 billion is 2100000000${percent ? '' : ', 37.4% is 37.4 with unit percent'})`,
          ),
        );
        unreadable = true;
      } else value.value = number;
    } else value[name] = written;
  }
  if (unreadable) return undefined;
  const { fact, problems } = checkFact(value, index, undefined);
  for (const problem of problems) {
    const key = problem.path[0];
    const column = typeof key === 'string' ? columns.get(key) : undefined;
    const cell = cellOf(row, column);
    const span = cell ? cell.span : firstCellSpan(row);
    const where = column === undefined ? `row ${row.rowNumber}` : table.cellName(row, column, String(key));
    findings.push(factsInvalidFinding(span, `${where}: ${tableMessage(problem.message)}`));
  }
  if (!fact) return undefined;
  const idColumn = columns.get('id')!;
  const idCell = cellOf(row, idColumn)!;
  const sourceCell = cellOf(row, columns.get('source'));
  const entry: FactEntry = { fact, file: table.path, span: row.span, line: row.line, index, sourceSpan: sourceCell?.span ?? row.span };
  if (table.cellRef) entry.cell = table.cellRef(row, idColumn);
  return { fact: entry, idSpan: idCell.span };
}

/** A workbook number: as shown when formatted as a percentage (0.12 shown as 12% is 12 percent). */
function workbookNumber(cell: TableCell, percentUnit: boolean): number | undefined {
  if (!Number.isFinite(cell.number)) return undefined;
  if (cell.percent && percentUnit) return Number((cell.number! * 100).toPrecision(15));
  return cell.number;
}

/** parseFactFile's message without its JSON path (`facts[3].value: ...`), in table words. */
function tableMessage(message: string): string {
  return message
    .replace(/^(?:facts\[\d+\]|fact "(?:[^"\\]|\\.)*")(?:\.[\w$]+|\[[^\]]*\])*:?\s*/, '')
    .replace('the required key', 'the required column')
    .replace(/ is missing$/, ' is empty');
}

function cellOf(row: TableRow, column: number | undefined): TableCell | undefined {
  return column === undefined ? undefined : row.cells[column];
}

function firstCellSpan(row: TableRow): Span {
  return row.cells[0]?.span ?? row.span;
}

function isBlank(row: TableRow): boolean {
  return row.cells.every((cell) => cell.text.trim() === '' && cell.number === undefined);
}
