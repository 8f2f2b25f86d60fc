/**
 * Reads CSL-JSON (an array of items, as Zotero and Better BibTeX export it) and CSL-YAML
 * (pandoc's `references:` list, or a bare list). Both parsers recover from syntax
 * errors and give every node's offsets, so an item with an error in it is reported at
 * the error and skipped, and the other items are still read.
 */
import { parseTree, printParseErrorCode, getNodeValue, type Node, type ParseError } from 'jsonc-parser/lib/esm/main.js';
import { isMap, isScalar, isSeq, parseDocument, type Node as YamlNode } from 'yaml';
import { LineMap } from '../positions';
import type { Span } from '../types';
import { readCslItem } from './cslItem';
import type { BibEntry, BibProblem, ParsedBibliography } from './types';

/** An item of the list, before it is read: its value (undefined when broken), where it is and where its id is. */
interface ItemSlot {
  value: unknown;
  span: Span;
  idSpan?: Span;
}

interface SyntaxProblem {
  span: Span;
  message: string;
}

export function parseCslJson(text: string): ParsedBibliography {
  const errors: ParseError[] = [];
  // A BOM is treated as a space so that offsets stay those of `text`.
  const json = text.charCodeAt(0) === 0xfeff ? ' ' + text.slice(1) : text;
  const root = parseTree(json, errors, { allowTrailingComma: false, disallowComments: true });
  const syntax = errors.map((e) => ({
    span: { start: e.offset, end: e.offset + Math.max(e.length, 1) },
    message: `Invalid JSON: ${printParseErrorCode(e.error)}`,
  }));
  if (root?.type !== 'array') {
    const span = root ? { start: root.offset, end: root.offset + root.length } : { start: 0, end: 0 };
    const list = root ? [{ span, message: 'A CSL-JSON bibliography must be an array of items' }] : [];
    return collect(text, [], [...syntax, ...list]);
  }
  const slots = (root.children ?? []).map((node): ItemSlot => {
    const idNode = node.type === 'object' ? node.children?.find((p) => p.children?.[0]?.value === 'id')?.children?.[1] : undefined;
    return { value: getNodeValue(node) as unknown, span: nodeSpan(node), idSpan: idNode && nodeSpan(idNode) };
  });
  return collect(text, slots, syntax);
}

export function parseCslYaml(text: string): ParsedBibliography {
  const doc = parseDocument(text, { prettyErrors: false, uniqueKeys: false });
  const syntax = doc.errors.map((e) => ({
    span: { start: e.pos[0], end: Math.max(e.pos[1], e.pos[0] + 1) },
    message: `Invalid YAML: ${firstLine(e.message)}`,
  }));
  const list = itemList(doc.contents);
  if (!list) {
    const message = 'A CSL-YAML bibliography must be a list of items, or have a "references:" list';
    const span = doc.contents?.range ? { start: doc.contents.range[0], end: doc.contents.range[1] } : { start: 0, end: 0 };
    return collect(text, [], doc.contents === null && syntax.length === 0 ? [] : [...syntax, { span, message }]);
  }
  const slots = list.items.map((node): ItemSlot => {
    const item = node as YamlNode;
    const span = item.range ? { start: item.range[0], end: item.range[1] } : { start: 0, end: 0 };
    const idNode = isMap(item) ? item.get('id', true) : undefined;
    const idSpan = isScalar(idNode) && idNode.range ? { start: idNode.range[0], end: idNode.range[1] } : undefined;
    return { value: item.toJSON(), span, idSpan };
  });
  return collect(text, slots, syntax);
}

function itemList(contents: unknown) {
  if (isSeq(contents)) return contents;
  if (isMap(contents)) {
    const references = contents.get('references', true);
    if (isSeq(references)) return references;
  }
  return undefined;
}

/** Entries from the items that have no syntax error in them; one problem per error, and per item that is not a source. */
function collect(text: string, slots: ItemSlot[], syntax: SyntaxProblem[]): ParsedBibliography {
  const lines = new LineMap(text);
  const entries: BibEntry[] = [];
  const problems: BibProblem[] = [];
  for (const slot of slots) {
    // An unclosed bracket is reported where the item has ended: it is that item's error.
    const errors = syntax.filter((error) => error.span.start <= slot.span.end && error.span.end > slot.span.start);
    for (const error of errors) {
      if (error.span.start >= slot.span.end && slot.span.end > slot.span.start)
        error.span = { start: slot.span.end - 1, end: slot.span.end };
    }
    if (errors.length > 0) continue;
    const reading = readCslItem(slot.value);
    if (reading.problem !== undefined || reading.id === undefined) {
      problems.push(problemAt(lines, { start: slot.span.start, end: slot.span.start + 1 }, reading.problem ?? 'no id'));
      continue;
    }
    const keySpan = unquoted(text, slot.idSpan ?? { start: slot.span.start, end: slot.span.start });
    const position = lines.position(keySpan.start);
    entries.push({
      id: reading.id,
      type: reading.type,
      ...reading.parts,
      span: slot.span,
      keySpan,
      line: position.line - 1,
      character: position.column - 1,
    });
  }
  problems.push(...syntax.map((error) => problemAt(lines, error.span, error.message)));
  problems.sort((a, b) => a.span.start - b.span.start);
  return { entries, problems };
}

/** The span of a quoted id without its quotes, so that it covers the key itself. */
function unquoted(text: string, span: Span): Span {
  const first = text[span.start];
  if (span.end - span.start >= 2 && (first === '"' || first === "'") && text[span.end - 1] === first)
    return { start: span.start + 1, end: span.end - 1 };
  return span;
}

function problemAt(lines: LineMap, span: Span, message: string): BibProblem {
  const position = lines.position(span.start);
  return { code: 'bibliography.invalid', message, span, line: position.line - 1, character: position.column - 1 };
}

function nodeSpan(node: Node): Span {
  return { start: node.offset, end: node.offset + node.length };
}

function firstLine(message: string): string {
  return message.split('\n')[0]!;
}
