/**
 * Reads a workbook fact file (`*.facts.xlsx`) through SheetJS (@e965/xlsx): the sheet
 * named `facts` (any case), else the first sheet, read like a CSV fact file (see
 * readFactTable.ts). A workbook has no lines to point at, so every problem is reported
 * at the start of the file (line 1) and names its sheet and cell, `facts!C7`; each
 * fact names the cell of its id in `FactEntry.cell`.
 *
 * A number cell gives its number, not the text it shows, except that a cell formatted
 * as a percentage (0.12 shown as 12%) of a fact whose unit is a percentage gives 12.
 * A date cell gives its date as YYYY-MM-DD (for `asOf`), whatever format shows it.
 */
import { read, SSF, utils, type CellObject, type WorkSheet } from '@e965/xlsx';
import { factsInvalidFinding } from '../rules/facts.invalid';
import type { Finding } from '../types';
import type { ParsedFactFile } from './parseFactFile';
import { readFactTable, type TableCell, type TableRow } from './readFactTable';

const AT_START = { start: 0, end: 0 };

export function parseXlsxFactFile(bytes: Uint8Array | undefined, path: string): ParsedFactFile {
  const empty = (message: string): ParsedFactFile => ({
    path,
    text: '',
    sources: [],
    facts: [],
    factIdSpans: new Int32Array(0),
    findings: [factsInvalidFinding(AT_START, message)],
  });
  if (!bytes) return empty('A workbook must be read as bytes, not text');
  // SheetJS reads CSV, HTML and other formats too; an .xlsx file is a zip archive.
  if (bytes.length < 4 || bytes[0] !== 0x50 || bytes[1] !== 0x4b || bytes[2] !== 0x03 || bytes[3] !== 0x04) {
    return empty('This is not an .xlsx workbook (save it from the spreadsheet as "Excel Workbook (.xlsx)")');
  }
  let sheetName: string | undefined;
  let sheet: WorkSheet | undefined;
  let date1904 = false;
  try {
    const workbook = read(bytes, { type: 'array', cellNF: true, cellText: true, cellDates: false, dense: false });
    sheetName = workbook.SheetNames.find((name) => name.trim().toLowerCase() === 'facts') ?? workbook.SheetNames[0];
    sheet = sheetName === undefined ? undefined : workbook.Sheets[sheetName];
    date1904 = workbook.Workbook?.WBProps?.date1904 === true;
  } catch (error) {
    return empty(`Could not read this workbook: ${error instanceof Error ? error.message : String(error)}`);
  }
  if (!sheet || sheetName === undefined) return empty('This workbook has no sheet');
  const rows = sheetRows(sheet, date1904);
  const prefix = /^[A-Za-z_][\w.]*$/.test(sheetName) ? sheetName : `'${sheetName.replace(/'/g, "''")}'`;
  const cellRef = (row: TableRow, column: number) => `${prefix}!${utils.encode_col(column)}${row.rowNumber}`;
  const findings: Finding[] = [];
  return readFactTable({
    path,
    text: '',
    rows,
    findings,
    decimalComma: false,
    cellName: (row, column) => cellRef(row, column),
    cellRef,
  });
}

/** Every row of the sheet's used range, numbered as the sheet numbers them. */
function sheetRows(sheet: WorkSheet, date1904: boolean): TableRow[] {
  const ref = sheet['!ref'];
  if (!ref) return [];
  const range = utils.decode_range(ref);
  const rows: TableRow[] = [];
  for (let r = range.s.r; r <= range.e.r; r++) {
    const cells: TableCell[] = [];
    // Columns before the used range are empty, so column letters stay those of the sheet.
    for (let c = 0; c <= range.e.c; c++) cells.push(cellOf(sheet[utils.encode_cell({ r, c })] as CellObject | undefined, date1904));
    rows.push({ cells, span: AT_START, line: 0, rowNumber: r + 1 });
  }
  return rows;
}

function cellOf(cell: CellObject | undefined, date1904: boolean): TableCell {
  if (!cell || cell.v === undefined || cell.v === null) return { text: '', span: AT_START };
  const shown = cell.w ?? String(cell.v);
  if (cell.t === 'n' && typeof cell.v === 'number') {
    const format = typeof cell.z === 'string' ? cell.z : '';
    // A date is a number (days since 1900 or 1904) with a date format.
    if (isDateFormat(format)) return { text: isoDate(cell.v, date1904) ?? shown, span: AT_START };
    return { text: shown, span: AT_START, number: cell.v, percent: format.includes('%') };
  }
  if (cell.t === 'd' && cell.v instanceof Date) return { text: shown, span: AT_START };
  return { text: typeof cell.v === 'string' ? cell.v : shown, span: AT_START };
}

function isoDate(serial: number, date1904: boolean): string | undefined {
  const parts = (
    SSF as { parse_date_code(value: number, options: { date1904: boolean }): { y: number; m: number; d: number } | null }
  ).parse_date_code(serial, { date1904 });
  if (!parts || parts.y < 1000) return undefined;
  return `${parts.y}-${String(parts.m).padStart(2, '0')}-${String(parts.d).padStart(2, '0')}`;
}

function isDateFormat(format: string): boolean {
  // Quoted text and [colour] parts are not date codes.
  const codes = format.replace(/"[^"]*"|\[[^\]]*\]/g, '');
  return /[dmyhs]/i.test(codes) && !/^(general|0|#)/i.test(codes);
}
