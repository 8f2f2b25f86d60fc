/**
 * Writes a new fact (and, where the format can hold one, a new source) into a fact file
 * of any text format as one minimal edit that keeps the file as its author wrote it:
 * JSON through jsonc-parser's `modify` (the file's indentation; see newFact.ts), YAML as
 * text in the file's own list and mapping indentation (comments and key order untouched),
 * CSV as one row in the header's column order, with the file's delimiter and quoting.
 * A file that cannot be read as its format is not edited: the caller says why.
 */
import { applyEdits, findNodeAtLocation, modify, parseTree } from 'jsonc-parser/lib/esm/main.js';
import { isMap, isSeq, parseDocument, stringify, type Node as YamlNode } from 'yaml';
import { parse } from 'csv-parse/sync';
import { factFileFormatOf } from '../facts/parseFactSource';
import { detectDelimiter } from '../facts/parseCsvFactFile';
import type { TextEdit } from '../types';
import { appendFactEdit, jsonFormattingOf, type NewFact } from './newFact';
import { changedStretch } from './changedStretch';

export interface FactToWrite extends NewFact {
  locator?: string;
}

export interface SourceToWrite {
  id: string;
  title: string;
  publisher?: string;
  url?: string;
  published?: string;
  accessed?: string;
}

export type AppendResult = { edit: TextEdit } | { error: string };

/** The edit that adds `fact` (and `source`, when given) to the fact file `fileName` whose text is `text`. */
export function appendToFactFile(fileName: string, text: string, fact: FactToWrite, source?: SourceToWrite): AppendResult {
  switch (factFileFormatOf(fileName)) {
    case 'json':
      return appendJson(text, fact, source);
    case 'yaml':
      return appendYaml(text, fact, source);
    case 'csv':
      if (source) return { error: 'A CSV fact file holds facts only; define a new source in a JSON or YAML fact file.' };
      return appendCsv(fileName, text, fact);
    default:
      return { error: `${fileName} is not a fact file this command can write (JSON, YAML or CSV).` };
  }
}

/** The text of a new JSON fact file holding one source and one fact, indented as the examples are. */
export function newJsonFactFile(fact: FactToWrite, source: SourceToWrite | undefined): string {
  const content = { sources: source ? { [source.id]: sourceFields(source) } : {}, facts: [factFields(fact)] };
  return `${JSON.stringify(content, null, 2)}\n`;
}

function factFields(fact: FactToWrite): Record<string, unknown> {
  const { id, statement, value, unit, source, locator, quote } = fact;
  return locator ? { id, statement, value, unit, source, locator, quote } : { id, statement, value, unit, source, quote };
}

function sourceFields(source: SourceToWrite): Record<string, string> {
  const fields: Record<string, string> = { title: source.title };
  for (const key of ['publisher', 'url', 'published', 'accessed'] as const) if (source[key]) fields[key] = source[key]!;
  return fields;
}

function appendJson(text: string, fact: FactToWrite, source: SourceToWrite | undefined): AppendResult {
  let after = text;
  if (source) {
    const tree = parseTree(text);
    const existing = tree && findNodeAtLocation(tree, ['sources', source.id]);
    if (existing) return { error: `The fact file already has a source "${source.id}".` };
    const edits = modify(text, ['sources', source.id], sourceFields(source), { formattingOptions: jsonFormattingOf(text) });
    if (edits.length === 0) return { error: 'The fact file has no "sources" object that can be added to (is it valid JSON?).' };
    after = applyEdits(text, edits);
  }
  const appended = appendFactEdit(after, { ...factFields(fact) } as unknown as NewFact);
  if (!appended) return { error: 'The fact file has no "facts" array that can be added to (is it valid JSON?).' };
  const span = appended.edit.span;
  return { edit: changedStretch(text, after.slice(0, span.start) + appended.edit.newText + after.slice(span.end)) };
}

function appendYaml(text: string, fact: FactToWrite, source: SourceToWrite | undefined): AppendResult {
  const doc = parseDocument(text);
  if (doc.errors.length > 0) return { error: 'The fact file is not valid YAML; fix it first.' };
  const root = doc.contents;
  if (root !== null && !isMap(root)) return { error: 'The fact file is not a mapping with "sources" and "facts".' };
  const eol = eolOf(text);
  const sources = root?.get('sources', true) as YamlNode | undefined;
  const facts = root?.get('facts', true) as YamlNode | undefined;
  if (source && isMap(sources) && sources.has(source.id)) return { error: `The fact file already has a source "${source.id}".` };
  const blockSources = isMap(sources) && sources.items.length > 0 && !sources.flow;
  const blockFacts = isSeq(facts) && facts.items.length > 0 && !facts.flow;
  if ((source && !blockSources) || !blockFacts) {
    // An empty or flow-style list: the Document API writes it, keeping comments (formatting may change there).
    if (source) doc.setIn(['sources', source.id], sourceFields(source));
    if (isSeq(facts)) facts.add(doc.createNode(factFields(fact)));
    else doc.set('facts', [factFields(fact)]);
    return { edit: changedStretch(text, doc.toString({ lineWidth: 0 }).replace(/\r?\n/g, eol)) };
  }
  const inserts: { at: number; text: string }[] = [];
  if (source && isMap(sources)) {
    const first = sources.items[0]!;
    const keyIndent = columnOf(text, range(first.key as YamlNode).start);
    const firstValue = first.value as YamlNode | null;
    const inner =
      isMap(firstValue) && firstValue.items[0] ? columnOf(text, range(firstValue.items[0].key as YamlNode).start) - keyIndent : 2;
    const pad = ' '.repeat(keyIndent);
    const lines = [
      `${pad}${yamlScalar(source.id)}:`,
      ...Object.entries(sourceFields(source)).map(([k, v]) => `${pad}${' '.repeat(Math.max(1, inner))}${k}: ${yamlScalar(v)}`),
    ];
    inserts.push({
      at: lineEndAfter(text, range((sources.items[sources.items.length - 1]!.value as YamlNode) ?? (first.key as YamlNode)).end),
      text: eol + lines.join(eol),
    });
  }
  if (isSeq(facts)) {
    const firstItem = facts.items[0] as YamlNode;
    const itemColumn = columnOf(text, range(firstItem).start);
    const lineStart = text.lastIndexOf('\n', range(firstItem).start - 1) + 1;
    const dash = text.indexOf('-', lineStart);
    const dashPad = ' '.repeat(Math.max(0, dash - lineStart));
    const gap = ' '.repeat(Math.max(1, itemColumn - (dash - lineStart) - 1));
    const entries = Object.entries(factFields(fact));
    const lines = entries.map(([k, v], i) => `${i === 0 ? `${dashPad}-${gap}` : ' '.repeat(itemColumn)}${k}: ${yamlScalar(v)}`);
    const last = facts.items[facts.items.length - 1] as YamlNode;
    inserts.push({ at: lineEndAfter(text, range(last).end), text: eol + lines.join(eol) });
  }
  let after = text;
  for (const insert of [...inserts].sort((a, b) => b.at - a.at)) after = after.slice(0, insert.at) + insert.text + after.slice(insert.at);
  return { edit: changedStretch(text, after) };
}

/** A scalar as YAML writes it on one line: plain when it can be, else double-quoted (JSON's escapes are YAML's). */
function yamlScalar(value: unknown): string {
  if (typeof value === 'number') return String(value);
  const plain = stringify(value, { lineWidth: 0 }).trimEnd();
  return plain.includes('\n') ? JSON.stringify(value) : plain;
}

function appendCsv(fileName: string, text: string, fact: FactToWrite): AppendResult {
  const bom = text.charCodeAt(0) === 0xfeff ? 1 : 0;
  const delimiter = detectDelimiter(text.slice(bom), /\.tsv$/i.test(fileName) ? '\t' : ',');
  const headerLine = /^[^\r\n]*\S[^\r\n]*/m.exec(text.slice(bom))?.[0];
  if (!headerLine) return { error: 'The CSV fact file has no header row naming its columns.' };
  const names = splitHeader(headerLine, delimiter);
  if (!names) return { error: 'The header row of the CSV fact file cannot be read; check its quotes.' };
  const columns = names.map((name) => name.trim().toLowerCase());
  const fields = factFields(fact);
  const known = new Map(Object.keys(fields).map((key) => [key.toLowerCase(), key]));
  const missing = ['id', 'statement', 'value', 'unit', 'source', 'quote'].filter((key) => !columns.includes(key.toLowerCase()));
  if (missing.length > 0) return { error: `The CSV fact file has no ${missing.join(', ')} column${missing.length === 1 ? '' : 's'}.` };
  if (fact.locator && !columns.includes('locator'))
    return { error: 'The CSV fact file has no locator column; add it, or leave the locator empty.' };
  const cells = columns.map((column) => {
    const key = known.get(column);
    const value = key === undefined ? '' : fields[key];
    if (value === undefined) return '';
    // A `;`-separated file is read with a decimal comma (parseCsvFactFile).
    const text = typeof value === 'number' ? (delimiter === ';' ? String(value).replace('.', ',') : String(value)) : String(value);
    return csvField(text, delimiter);
  });
  const eol = eolOf(text);
  const needsBreak = text.length > 0 && !/[\r\n]$/.test(text);
  const row = `${needsBreak ? eol : ''}${cells.join(delimiter)}${eol}`;
  return { edit: { span: { start: text.length, end: text.length }, newText: row } };
}

function csvField(text: string, delimiter: string): string {
  return text.includes(delimiter) || /["\r\n]/.test(text) || text !== text.trim() ? `"${text.replaceAll('"', '""')}"` : text;
}

/** The header's names as csv-parse reads them (quoted names, `""` escapes); undefined when it cannot read the row. */
function splitHeader(line: string, delimiter: string): string[] | undefined {
  try {
    const records: string[][] = parse(line, { delimiter, relax_column_count: true, relax_quotes: true });
    const [names] = records;
    return names ?? [];
  } catch {
    return undefined;
  }
}

function eolOf(text: string): string {
  return text.includes('\r\n') ? '\r\n' : '\n';
}

function range(node: YamlNode | null | undefined): { start: number; end: number } {
  const r = node?.range;
  return r ? { start: r[0], end: r[1] } : { start: 0, end: 0 };
}

function columnOf(text: string, offset: number): number {
  return offset - (text.lastIndexOf('\n', offset - 1) + 1);
}

/** The end of the line holding the last character before `offset` (a node's range ends after its value). */
function lineEndAfter(text: string, offset: number): number {
  let end = offset;
  while (end > 0 && /\s/.test(text[end - 1]!)) end--;
  const lineEnd = text.slice(end).search(/\r?\n/);
  return lineEnd === -1 ? text.length : end + lineEnd;
}
