import type { Nodes, Parent } from 'mdast';
import type { CitedKey, NoteRef } from '../model';
import type { Span } from '../types';
import {
  expandGroup,
  findEndnoteRefs,
  findFootnoteRefs,
  findInlineCitations,
  findSuperscripts,
  type FoundSuperscript,
  findKeys,
} from './inlinePatterns';

/** A citation found in a block before sentences exist; `ref` indexes the model's refs. */
export type PendingCitation =
  | { kind: 'note'; span: Span; ref: number }
  | { kind: 'inline'; span: Span; keys: CitedKey[]; narrative?: true }
  | { kind: 'link'; span: Span; url: string };

/** Shared state of one document's analysis that inline scanning adds to. */
export interface InlineSink {
  text: string;
  refs: NoteRef[];
  keys: CitedKey[];
  /** Link reference definitions: identifier → destination. */
  linkDefinitions: Map<string, string>;
}

export interface InlineOptions {
  /** Inside a note definition: references count, but nothing here is running text. */
  inDefinition: boolean;
  /** Look for `[n]` endnote references (not inside the notes list itself). */
  endnotes: boolean;
}

export interface InlineResult {
  /** The node's source with everything but running text blanked (same length). */
  masked: string;
  citations: PendingCitation[];
  /** Superscript numerals; they become references only if the document has a notes list. */
  superscripts: FoundSuperscript[];
}

/**
 * `<sup><a href="#fn3">3</a></sup>`, `<sup>3</sup>`, or a list as web and Word exports
 * write several notes at once (`<sup>1,2</sup>`, `<sup>4-6</sup>`): endnote references in
 * raw HTML. Used with the `d` flag: group 1's indices are the numbers' place.
 */
export const HTML_SUP_REF_SOURCE = String.raw`<sup\b[^>]*>\s*(?:<a\b[^>]*>\s*)?(\d{1,4}(?:\s*[,\u2013-]\s*\d{1,4})*)\s*(?:<\/a>\s*)?<\/sup>`;
const HTML_SUP_REF = new RegExp(HTML_SUP_REF_SOURCE, 'iyd');

/**
 * The references of one `<sup>` match at `start` in the text: one number covers the whole
 * tag; in a list each number covers its own digits (a range's numbers its whole range),
 * grouped by the tag, as in a bracket group `[1, 2]`.
 */
export function htmlSupRefs(match: RegExpExecArray, start: number): Omit<NoteRef, 'inDefinition'>[] {
  const span = { start, end: start + match[0].length };
  const list = match[1]!;
  if (/^\d+$/.test(list)) {
    return [{ namespace: 'endnote', form: 'html', key: String(Number(list)), label: list, number: Number(list), span, groupSpan: span }];
  }
  const listStart = start + match.indices![1]![0] - match.index;
  return expandGroup(list, listStart).map((n) => ({
    namespace: 'endnote',
    form: 'html',
    key: String(n.number),
    label: String(n.number),
    number: n.number,
    span: n.span,
    groupSpan: span,
  }));
}
const ESCAPE_OR_ENTITY = /\\(?=[!-/:-@[-`{-~])|&(?:#\d+|#x[\da-f]+|[a-z][a-z\d]*);/gi;

function isHttp(url: string): boolean {
  return /^https?:\/\//i.test(url);
}

/** Blanks every character but newlines, keeping offsets. */
export function blank(source: string): string {
  return source.replace(/[^\n]/g, ' ');
}

/**
 * Scans the inline content of one block: records note references, inline citations and
 * links, and returns the block's source with everything that is not running text blanked,
 * so that sentence splitting and statistic extraction see prose at its true offsets.
 */
export function scanInline(node: Parent & Nodes, sink: InlineSink, options: InlineOptions): InlineResult {
  const { text } = sink;
  const start = node.position!.start.offset!;
  const end = node.position!.end.offset!;
  const keep: Span[] = [];
  const citations: PendingCitation[] = [];
  const superscripts: FoundSuperscript[] = [];
  let skipUntil = -1;

  const addRef = (ref: Omit<NoteRef, 'inDefinition'>) => {
    sink.refs.push({ ...ref, inDefinition: options.inDefinition });
    citations.push({ kind: 'note', span: ref.groupSpan, ref: sink.refs.length - 1 });
  };

  const visitText = (s: number, e: number, inLink: boolean) => {
    if (s < skipUntil) return;
    const source = text.slice(s, e);
    const excluded: Span[] = [];
    if (!inLink) {
      for (const f of findFootnoteRefs(source, s)) {
        excluded.push(f.span);
        addRef(footnoteRef(f.label, f.span));
      }
      const inline = findInlineCitations(source, s);
      for (const c of inline) {
        excluded.push(c.span);
        sink.keys.push(...c.keys);
        citations.push({ kind: 'inline', span: c.span, keys: c.keys });
      }
      // Pandoc's in-text citation ("As @kotra-2016 shows, …"): a key outside brackets. It is
      // not added to the keys that must name a source: an unknown one is a handle or a name,
      // not a citation, and the statistics rule counts it only when the key is a known source.
      for (const key of findKeys(source, s)) {
        if (inline.some((c) => key.span.start >= c.span.start && key.span.end <= c.span.end)) continue;
        if (excluded.some((x) => key.span.start >= x.start && key.span.end <= x.end)) continue;
        citations.push({ kind: 'inline', span: key.span, keys: [key], narrative: true });
      }
      if (options.endnotes) {
        for (const r of findEndnoteRefs(source, s)) {
          if (inline.some((c) => r.span.start >= c.span.start && r.span.end <= c.span.end)) continue;
          if (!excluded.includes(r.groupSpan)) excluded.push(r.groupSpan);
          addRef({
            namespace: 'endnote',
            form: 'bracket',
            key: String(r.number),
            label: String(r.number),
            number: r.number,
            span: r.span,
            groupSpan: r.groupSpan,
          });
        }
        for (const sup of findSuperscripts(source, s)) {
          excluded.push(sup.span);
          superscripts.push(sup);
        }
      }
    }
    for (const m of source.matchAll(ESCAPE_OR_ENTITY)) excluded.push({ start: s + m.index, end: s + m.index + m[0].length });
    keep.push(...subtract({ start: s, end: e }, excluded));
  };

  const visit = (n: Nodes, inLink: boolean) => {
    switch (n.type) {
      case 'text':
        visitText(n.position!.start.offset!, n.position!.end.offset!, inLink);
        return;
      case 'footnoteReference': {
        const span = { start: n.position!.start.offset!, end: n.position!.end.offset! };
        const label = n.label ?? n.identifier;
        addRef(footnoteRef(label, span, n.identifier));
        return;
      }
      case 'link': {
        if (isHttp(n.url)) citations.push({ kind: 'link', span: spanOf(n), url: n.url });
        // An autolink's text is the URL itself, not prose.
        const shown = text.slice(n.position!.start.offset, n.position!.end.offset);
        if (shown.startsWith('<') || shown === n.url || /^(?:https?:\/\/|www\.)/i.test(shown)) return;
        for (const child of n.children) visit(child, true);
        return;
      }
      case 'linkReference': {
        const url = sink.linkDefinitions.get(n.identifier.toLowerCase());
        if (url && isHttp(url)) citations.push({ kind: 'link', span: spanOf(n), url });
        for (const child of n.children) visit(child, true);
        return;
      }
      case 'html': {
        const at = n.position!.start.offset!;
        HTML_SUP_REF.lastIndex = at;
        const m = options.endnotes && !inLink ? HTML_SUP_REF.exec(text) : null;
        if (m && at + m[0].length <= end) {
          for (const ref of htmlSupRefs(m, at)) addRef(ref);
          skipUntil = at + m[0].length;
        }
        return;
      }
      case 'emphasis':
      case 'strong':
      case 'delete':
      case 'paragraph':
      case 'heading':
      case 'tableCell':
        for (const child of n.children) visit(child, inLink);
        return;
      default:
        // inlineCode, image, imageReference, break: not running text.
        return;
    }
  };

  for (const child of node.children as Nodes[]) visit(child, false);
  return { masked: buildMasked(text, start, end, keep), citations, superscripts };
}

/**
 * Gives positions to the nodes that lack them. remark-gfm finds some literal autolinks
 * (`[https://example.org]`, where micromark's own autolink syntax does not apply) in a
 * tree transform that splits a text node into text and link nodes without positions.
 * Every later step reads offsets, so each such run of siblings gets them back: the run
 * fills the gap between its positioned neighbours, and each link's text is its URL as
 * written, found in order; the text nodes take what lies between.
 */
export function fillMissingPositions(node: Nodes, text: string): void {
  if (!('children' in node)) return;
  const children = node.children as Nodes[];
  for (let i = 0; i < children.length; i++) {
    if (children[i]!.position) continue;
    let j = i;
    while (j < children.length && !children[j]!.position) j++;
    const from = i > 0 ? children[i - 1]!.position!.end.offset! : node.position ? node.position.start.offset! : 0;
    const to = j < children.length ? children[j]!.position!.start.offset! : node.position ? node.position.end.offset! : text.length;
    let at = from;
    for (let k = i; k < j; k++) {
      const child = children[k]!;
      let start = at;
      let end = k === j - 1 ? to : at;
      if (child.type === 'link') {
        const shown = plainValue(child);
        const found = shown ? text.indexOf(shown, at) : -1;
        start = found >= 0 && found + shown.length <= to ? found : at;
        end = found >= 0 && found + shown.length <= to ? found + shown.length : start;
        // The text node before the link ends where the link begins.
        const previous = children[k - 1];
        if (k > i && previous && previous.type !== 'link') previous.position!.end = point(start);
      }
      child.position = { start: point(start), end: point(Math.max(start, end)) };
      at = Math.max(start, end);
    }
    i = j - 1;
  }
  for (const child of children) fillMissingPositions(child, text);
}

function point(offset: number): { line: number; column: number; offset: number } {
  // Only offsets are read downstream; line and column are placeholders.
  return { line: 1, column: 1, offset };
}

function plainValue(node: Nodes): string {
  if ('value' in node && typeof node.value === 'string') return node.value;
  if ('children' in node) return (node.children as Nodes[]).map(plainValue).join('');
  return '';
}

function spanOf(n: Nodes): Span {
  return { start: n.position!.start.offset!, end: n.position!.end.offset! };
}

/** A GFM footnote reference `[^label]`; GFM matches labels case-insensitively, so its key is case-folded. */
export function footnoteRef(label: string, span: Span, identifier = label): Omit<NoteRef, 'inDefinition'> {
  return { namespace: 'footnote', form: 'gfm', key: identifier.toLowerCase(), label, number: numberOf(label), span, groupSpan: span };
}

export function numberOf(label: string): number | undefined {
  return /^[1-9]\d{0,8}$/.test(label) ? Number(label) : undefined;
}

/** `range` minus the `holes` (which lie inside it). */
function subtract(range: Span, holes: Span[]): Span[] {
  if (holes.length === 0) return [range];
  const sorted = [...holes].sort((a, b) => a.start - b.start);
  const parts: Span[] = [];
  let at = range.start;
  for (const h of sorted) {
    if (h.start > at) parts.push({ start: at, end: h.start });
    at = Math.max(at, h.end);
  }
  if (at < range.end) parts.push({ start: at, end: range.end });
  return parts;
}

function buildMasked(text: string, start: number, end: number, keep: Span[]): string {
  keep.sort((a, b) => a.start - b.start);
  let out = '';
  let at = start;
  for (const k of keep) {
    if (k.start > at) out += blank(text.slice(at, k.start));
    if (k.end > at) {
      out += text.slice(Math.max(at, k.start), k.end);
      at = k.end;
    }
  }
  if (at < end) out += blank(text.slice(at, end));
  // Container prefixes (`> `) on continuation lines sit inside text nodes' ranges.
  return out.replace(/\n[ \t]*(?:>[ \t]?)+/g, (m) => '\n' + ' '.repeat(m.length - 1));
}
