import type { FootnoteDefinition, Html, List, Nodes, Paragraph, RootContent } from 'mdast';
import type { NoteDef } from '../model';
import type { Span } from '../types';
import { findKeys, findUrls, MAX_ENDNOTE } from './inlinePatterns';

/**
 * Note definitions in each written form: GFM `[^x]:`, items of the notes list (`1. text`
 * or `[1] text` lines) and `<li id="fnN">` items of raw-HTML endnotes.
 */

const NOTES_TITLE =
  /^(?:notes|endnotes|references|sources|footnotes)(?:\s+(?:and|&)\s+(?:notes|endnotes|references|sources|footnotes))?\s*:?$/i;

export function plainText(node: Nodes): string {
  if ('value' in node && typeof node.value === 'string' && node.type !== 'html') return node.value;
  if ('children' in node) return (node.children as Nodes[]).map(plainText).join('');
  return '';
}

/** Whether a block opens the notes: a heading named Notes/…, or a bold line alone. */
export function notesHeadingDepth(node: RootContent): number | undefined {
  if (node.type === 'heading') return NOTES_TITLE.test(plainText(node).trim()) ? node.depth : undefined;
  if (node.type === 'paragraph') {
    const parts = node.children.filter((c) => !(c.type === 'text' && c.value.trim() === ''));
    if (parts.length === 1 && parts[0]!.type === 'strong' && NOTES_TITLE.test(plainText(parts[0]).trim())) return 7;
  }
  return undefined;
}

function makeDef(
  text: string,
  form: NoteDef['form'],
  namespace: NoteDef['namespace'],
  label: string,
  labelSpan: Span,
  span: Span,
  textStart: number,
  extraUrls: string[] = [],
  textEndAt: number = span.end,
): NoteDef {
  let textEnd = textEndAt;
  while (textEnd > textStart && /\s/.test(text[textEnd - 1]!)) textEnd--;
  const start = Math.min(textStart, textEnd);
  const noteText = text.slice(start, textEnd);
  const number = /^[1-9]\d{0,8}$/.test(label) ? Number(label) : undefined;
  const urls = findUrls(noteText, start);
  for (const url of extraUrls) urls.push({ url, span: labelSpan });
  return {
    namespace,
    key: namespace === 'endnote' ? String(number ?? label) : label.toLowerCase(),
    label,
    number,
    labelSpan,
    span,
    textSpan: { start, end: textEnd },
    text: noteText,
    // pandoc keys may contain `<`, `>` and `/`, so `@id</li>` (an HTML note) would read
    // as one key: keys are looked for with tags blanked, offsets kept. URLs are looked
    // for in the raw text, where an `href="..."` still holds them.
    keys: findKeys(blankTags(noteText), start),
    urls,
    form,
  };
}

/** Replaces HTML tags by spaces of the same length. */
function blankTags(source: string): string {
  return source.replace(/<\/?[a-z][^<>]*>/gi, (tag) => ' '.repeat(tag.length));
}

/** A GFM footnote definition; `extraUrls` are destinations of reference links inside it. */
export function footnoteDefinition(text: string, node: FootnoteDefinition, extraUrls: string[]): NoteDef {
  const start = node.position!.start.offset!;
  const end = node.position!.end.offset!;
  const close = text.indexOf(']:', start);
  const labelEnd = close >= 0 && close < end ? close + 2 : start;
  let textStart = labelEnd;
  while (textStart < end && (text[textStart] === ' ' || text[textStart] === '\t')) textStart++;
  const label = node.label ?? node.identifier;
  return makeDef(text, 'gfm', 'footnote', label, { start, end: labelEnd }, { start, end }, textStart, extraUrls);
}

/**
 * The items of an ordered list in the notes section. Written numbers are the labels, except
 * in a lazily numbered list (`1.` `1.` `1.`), which Markdown numbers by position.
 */
export function listDefinitions(text: string, list: List): NoteDef[] {
  const markers = list.children.map((item) => {
    const at = item.position!.start.offset!;
    const m = /^[ \t]*(\d{1,9})([.)])/.exec(text.slice(at, at + 16));
    return m ? { number: Number(m[1]), start: at + m[0].length - m[1]!.length - 1, end: at + m[0].length } : undefined;
  });
  const numbers = markers.map((m) => m?.number ?? 0);
  const lazy = numbers.length > 1 && numbers.every((n) => n === numbers[0]);
  return list.children.map((item, i) => {
    const marker = markers[i]!;
    const number = lazy ? (list.start ?? 1) + i : numbers[i]!;
    const itemStart = item.position!.start.offset!;
    const labelSpan = marker ? { start: marker.start, end: marker.end } : { start: itemStart, end: itemStart };
    let textStart = labelSpan.end;
    while (text[textStart] === ' ' || text[textStart] === '\t') textStart++;
    return makeDef(
      text,
      'list-item',
      'endnote',
      String(number),
      labelSpan,
      { start: itemStart, end: item.position!.end.offset! },
      textStart,
    );
  });
}

// `[3] text`, or `\[3\] text` as HTML-to-Markdown converters escape it.
const BRACKET_LINE = /^([ \t]*)(\\?\[(\d{1,4})\\?\])[ \t]*/;

/** `[n] text` lines of a paragraph in the notes section; each runs to the next one. */
export function bracketLineDefinitions(text: string, paragraph: Paragraph): NoteDef[] {
  const start = paragraph.position!.start.offset!;
  const end = paragraph.position!.end.offset!;
  const source = text.slice(start, end);
  const heads: { number: number; labelSpan: Span; lineStart: number; textStart: number }[] = [];
  let lineStart = 0;
  for (const line of source.split('\n')) {
    const m = BRACKET_LINE.exec(line);
    if (m && Number(m[3]) >= 1 && Number(m[3]) <= MAX_ENDNOTE) {
      const open = start + lineStart + m[1]!.length;
      heads.push({
        number: Number(m[3]),
        labelSpan: { start: open, end: open + m[2]!.length },
        lineStart: start + lineStart,
        textStart: start + lineStart + m[0].length,
      });
    }
    lineStart += line.length + 1;
  }
  return heads.map((h, i) => {
    const defEnd = i + 1 < heads.length ? heads[i + 1]!.lineStart - 1 : end;
    return makeDef(text, 'bracket-line', 'endnote', String(h.number), h.labelSpan, { start: h.labelSpan.start, end: defEnd }, h.textStart);
  });
}

const HTML_NOTE_ITEM = /<li\b[^>]*\bid\s*=\s*["'](?:user-content-)?fn[-:]?(\d{1,4})["'][^>]*>/gi;

/** `<li id="fnN">` items of raw-HTML endnotes; each runs to its `</li>` or the next item. */
export function htmlDefinitions(text: string, node: Html): NoteDef[] {
  const start = node.position!.start.offset!;
  const source = node.value;
  const defs: NoteDef[] = [];
  const matches = [...source.matchAll(HTML_NOTE_ITEM)];
  matches.forEach((m, i) => {
    const tagStart = start + m.index;
    const tagEnd = tagStart + m[0].length;
    const nextItem = i + 1 < matches.length ? start + matches[i + 1]!.index : start + source.length;
    const close = text.indexOf('</li>', tagEnd);
    const defEnd = close >= 0 && close < nextItem ? close + 5 : nextItem;
    const textEnd = close >= 0 && close < nextItem ? close : nextItem;
    defs.push(
      makeDef(text, 'html-li', 'endnote', m[1]!, { start: tagStart, end: tagEnd }, { start: tagStart, end: defEnd }, tagEnd, [], textEnd),
    );
  });
  return defs;
}
