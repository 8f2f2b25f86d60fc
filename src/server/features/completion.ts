/**
 * Completion: after `[^` the labels in use and the next free number; after `@` the
 * ids of the loaded sources, with title and publisher.
 */
import { type BibEntry, formatNames, nextNoteNumber } from '../../core';
import { CompletionItemKind, MarkupKind, type CompletionItem, type CompletionParams } from 'vscode-languageserver';
import type { Analysis } from '../analysis';
import { describeSource } from './markdownText';

export const COMPLETION_TRIGGERS = ['^', '@'];

const FOOTNOTE_PREFIX = /\[\^([^\]\s^]*)$/;
// Pandoc's citation-key characters (docs/fact-files.md#sources), after a space, `[`, `;` or `(` or at the line start.
const KEY_PREFIX = /(?:^|[\s[;(])@([\p{L}\p{N}_:.#$%&\-+?<>~/]*)$/u;

export function completion(analysis: Analysis, params: CompletionParams): CompletionItem[] {
  const { document, result } = analysis;
  const offset = document.offsetAt(params.position);
  const text = document.getText();
  const lineStart = text.lastIndexOf('\n', offset - 1) + 1;
  const before = text.slice(lineStart, offset);
  const after = text.slice(offset, offset + 1);

  const footnote = FOOTNOTE_PREFIX.exec(before);
  if (footnote) {
    const range = { start: document.positionAt(offset - footnote[1]!.length), end: params.position };
    const close = after === ']' ? '' : ']';
    const items: CompletionItem[] = [];
    const seen = new Set<string>();
    for (const def of result.model.defs) {
      if (def.namespace !== 'footnote' || seen.has(def.key)) continue;
      seen.add(def.key);
      items.push({
        label: def.label,
        kind: CompletionItemKind.Reference,
        detail: def.text.trim().split('\n')[0],
        textEdit: { range, newText: def.label + close },
        sortText: `0${def.number !== undefined ? String(def.number).padStart(6, '0') : def.label}`,
      });
    }
    for (const ref of result.model.refs) {
      if (ref.namespace !== 'footnote' || seen.has(ref.key)) continue;
      seen.add(ref.key);
      items.push({
        label: ref.label,
        kind: CompletionItemKind.Reference,
        detail: 'No definition yet',
        textEdit: { range, newText: ref.label + close },
        sortText: `1${ref.label}`,
      });
    }
    const next = String(nextNoteNumber(result.model));
    items.push({
      label: next,
      kind: CompletionItemKind.Value,
      detail: 'Next free note number',
      textEdit: { range, newText: next + close },
      sortText: '2',
      preselect: true,
    });
    return items;
  }

  const key = KEY_PREFIX.exec(before);
  if (key) {
    const range = { start: document.positionAt(offset - key[1]!.length), end: params.position };
    return [...analysis.facts.sources.values()].map((source) => ({
      label: source.id,
      kind: CompletionItemKind.Reference,
      detail: source.bib ? bibDetail(source.bib) : [source.source.title, source.source.publisher].filter(Boolean).join(' — '),
      documentation: {
        kind: MarkupKind.Markdown,
        value: `${describeSource(source)}\n\n${analysis.facts.factsOfSource(source.id).length} facts`,
      },
      textEdit: { range, newText: source.id },
    }));
  }
  return [];
}

/** "Lindqvist and Müller, 2023 — Quota swaps and the mackerel dispute": who, when and what, as a reference manager lists it. */
function bibDetail(entry: BibEntry): string {
  const who = formatNames(entry.authors.length > 0 ? entry.authors : entry.editors);
  const when = entry.issued?.year ?? entry.issued?.text;
  return [[who, when].filter((x) => x !== undefined && x !== '').join(', '), entry.title].filter(Boolean).join(' — ');
}
