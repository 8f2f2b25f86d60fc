/**
 * One entry point for every fact-file format (docs/fact-files.md), chosen by the file
 * name: `*.facts.json`, `*.facts.yaml`/`.yml`, `*.facts.csv`/`.tsv`, `*.facts.xlsx`.
 * All give the same ParsedFactFile, with spans into the text (a workbook, which has
 * no text: spans at 0, and each problem and fact names its cell).
 */
import { parseCsvFactFile } from './parseCsvFactFile';
import { parseFactFile, type ParsedFactFile } from './parseFactFile';
import { parseXlsxFactFile } from './parseXlsxFactFile';
import { withQuoteMismatches } from './quoteMismatch';
import { parseYamlFactFile } from './parseYamlFactFile';

export type FactFileFormat = 'json' | 'yaml' | 'csv' | 'xlsx';

/** The format of a fact file by its extension (any `*.json` is JSON); undefined for other files. */
export function factFileFormatOf(fileName: string): FactFileFormat | undefined {
  const extension = /\.([^./\\]+)$/.exec(fileName)?.[1]?.toLowerCase();
  switch (extension) {
    case 'json':
      return 'json';
    case 'yaml':
    case 'yml':
      return 'yaml';
    case 'csv':
    case 'tsv':
      return 'csv';
    case 'xlsx':
      return 'xlsx';
    default:
      return undefined;
  }
}

/**
 * Parses a fact file of any format. `content` is the file's text, or its bytes (a
 * workbook must be given as bytes; text formats given as bytes are decoded as UTF-8).
 * Never throws; a file of an unknown format is read as JSON, as before.
 */
export function parseFactSource(fileName: string, content: string | Uint8Array): ParsedFactFile {
  const format = factFileFormatOf(fileName) ?? 'json';
  if (format === 'xlsx') return parseXlsxFactFile(typeof content === 'string' ? undefined : content, fileName);
  const text = typeof content === 'string' ? content : new TextDecoder('utf-8').decode(content);
  if (format === 'yaml') return withQuoteMismatches(parseYamlFactFile(text, fileName));
  if (format === 'csv') return withQuoteMismatches(parseCsvFactFile(text, fileName));
  return parseFactFile(text, fileName);
}
