/**
 * A new fact for a figure no recorded fact supports ("Record as a new fact…"), written
 * into the JSON fact file that defines its source as one minimal edit: appended to the
 * `facts` array with the file's own indentation. The figure, its unit and its sentence
 * are taken from the briefing; the quote is left for the writer to paste from the
 * source, so the new fact says plainly that it is not yet evidence.
 */
import { applyEdits, findNodeAtLocation, modify, parseTree } from 'jsonc-parser/lib/esm/main.js';
import type { Statistic } from '../model';
import type { Span, TextEdit } from '../types';
import { uniqueId } from './sourceId';

/** What the quote says until the writer pastes the source's own words. */
export const QUOTE_PLACEHOLDER = 'TODO: paste the words of the source that give this figure';

export interface NewFactInput {
  stat: Statistic;
  /** The sentence the figure stands in, as the fact's statement (notes and markup already removed). */
  sentence: string;
  source: string;
  /** Ids already taken. */
  taken: (id: string) => boolean;
}

export interface NewFact {
  id: string;
  statement: string;
  value: number;
  unit: string;
  source: string;
  quote: string;
}

/** The unit a fact file writes for a statistic, or undefined when the figure does not say ("$" may be several dollars). */
export function factUnitOf(stat: Pick<Statistic, 'unit'>): string | undefined {
  switch (stat.unit.kind) {
    case 'percent':
    case 'percentage-points':
      return stat.unit.kind;
    case 'currency':
      return stat.unit.codes.length === 1 || stat.unit.codes[0] === 'USD' ? stat.unit.codes[0] : undefined;
    case 'count':
      return stat.unit.nouns.join(' ');
  }
}

/** The fact to record for a statistic, or undefined when its unit is not known. */
export function newFactFor({ stat, sentence, source, taken }: NewFactInput): NewFact | undefined {
  const unit = factUnitOf(stat);
  if (unit === undefined) return undefined;
  const id = factIdFor(source, sentence, taken);
  return { id, statement: sentence.trim().replace(/\s+/g, ' '), value: stat.value, unit, source, quote: QUOTE_PLACEHOLDER };
}

/** An id for a fact of `source` about `sentence`: the source's id and the sentence's first long words, made unique with `-2`, `-3`…. */
export function factIdFor(source: string, sentence: string, taken: (id: string) => boolean): string {
  const words = sentence
    .toLowerCase()
    .replace(/[^\p{L}\p{N}\s-]/gu, ' ')
    .split(/\s+/)
    .filter((w) => w.length > 3)
    .slice(0, 4);
  const base = [source, ...words].join('-').replace(/-+/g, '-').slice(0, 60).replace(/-$/, '');
  return uniqueId(base, taken);
}

/**
 * The edit that appends `fact` to the `facts` array of a JSON fact file, keeping its
 * indentation; undefined when the text has no such array (a broken file is not edited).
 */
export function appendFactEdit(text: string, fact: NewFact): { edit: TextEdit; quote: Span } | undefined {
  const tree = parseTree(text);
  const facts = tree && findNodeAtLocation(tree, ['facts']);
  if (!facts || facts.type !== 'array') return undefined;
  const edits = modify(text, ['facts', facts.children?.length ?? 0], fact, {
    isArrayInsertion: true,
    formattingOptions: jsonFormattingOf(text),
  });
  if (edits.length !== 1) return undefined;
  const [edit] = edits;
  const after = applyEdits(text, edits);
  const at = after.indexOf(JSON.stringify(QUOTE_PLACEHOLDER), edit!.offset);
  const quote = { start: at + 1, end: at + 1 + QUOTE_PLACEHOLDER.length };
  return { edit: { span: { start: edit!.offset, end: edit!.offset + edit!.length }, newText: edit!.content }, quote };
}

/** How a JSON file is laid out (its indentation, its line ends), so an edit to it looks like the rest of it. */
export function jsonFormattingOf(text: string): { insertSpaces: boolean; tabSize: number; eol: string } {
  const indent = /\n([ \t]+)"/.exec(text)?.[1] ?? '  ';
  return {
    insertSpaces: !indent.includes('\t'),
    tabSize: indent.includes('\t') ? 1 : indent.length,
    eol: text.includes('\r\n') ? '\r\n' : '\n',
  };
}
