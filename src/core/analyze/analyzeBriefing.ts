import type { Nodes, Paragraph, Root, RootContent, Table } from 'mdast';
import { readFrontMatter } from '../markdown/frontMatter';
import { parseMarkdown } from '../markdown/parse';
import type { BriefingModel, Heading, NoteDef, NotesSection, ProseBlock, Sentence, Statistic, TableInfo } from '../model';
import type { Span } from '../types';
import { extractStatistics } from '../stats/extract';
import { findFootnoteRefs } from './inlinePatterns';
import {
  bracketLineDefinitions,
  footnoteDefinition,
  htmlDefinitions,
  listDefinitions,
  notesHeadingDepth,
  plainText,
} from './noteDefinitions';
import { fillMissingPositions, HTML_SUP_REF_SOURCE, numberOf, scanInline, type InlineSink, type PendingCitation } from './prose';
import { splitSentences } from './sentences';
import type { FoundSuperscript } from './inlinePatterns';

export interface AnalyzeOptions {
  /** What a statistic's citation must share with it: its sentence (default) or paragraph. */
  citationScope?: 'sentence' | 'paragraph';
}

const HTML_SUP_REFS = new RegExp(HTML_SUP_REF_SOURCE, 'gi');

interface PendingBlock {
  block: ProseBlock;
  citations: PendingCitation[];
  superscripts: FoundSuperscript[];
}

/** Where the notes section sits among the root's children. */
interface SectionBounds {
  from: number;
  to: number;
  section: NotesSection;
}

function spanOf(node: Nodes): Span {
  return { start: node.position!.start.offset!, end: node.position!.end.offset! };
}

/** The notes section: under the last heading named Notes/Endnotes/…, to the next heading as high. */
function findNotesSection(root: Root, text: string): SectionBounds | undefined {
  const children = root.children;
  let from = -1;
  let depth = 0;
  children.forEach((child, i) => {
    const d = notesHeadingDepth(child);
    if (d !== undefined) {
      from = i;
      depth = d;
    }
  });
  if (from < 0) return undefined;
  let to = children.length;
  for (let i = from + 1; i < children.length; i++) {
    const child = children[i]!;
    if (child.type === 'heading' && child.depth <= depth) {
      to = i;
      break;
    }
  }
  const headingSpan = spanOf(children[from]!);
  const end = to < children.length ? children[to]!.position!.start.offset! : text.length;
  return { from, to, section: { headingSpan, span: { start: headingSpan.start, end } } };
}

function collectLinkDefinitions(root: Root): Map<string, string> {
  const definitions = new Map<string, string>();
  const walk = (node: Nodes) => {
    if (node.type === 'definition') {
      const id = node.identifier.toLowerCase();
      if (!definitions.has(id)) definitions.set(id, node.url);
    } else if ('children' in node && node.type !== 'paragraph' && node.type !== 'heading' && node.type !== 'table') {
      for (const child of node.children as Nodes[]) walk(child);
    }
  };
  walk(root);
  return definitions;
}

/** Reference-link destinations inside a node (for URLs cited by a note definition). */
function referenceUrls(node: Nodes, definitions: Map<string, string>): string[] {
  const urls: string[] = [];
  const walk = (n: Nodes) => {
    if (n.type === 'linkReference') {
      const url = definitions.get(n.identifier.toLowerCase());
      if (url) urls.push(url);
    }
    if ('children' in n) for (const child of n.children as Nodes[]) walk(child);
  };
  walk(node);
  return urls;
}

/**
 * Analyses a briefing: finds its notes (both styles), citations, sentences and
 * statistics. Pure: text in, model out.
 */
export function analyzeBriefing(text: string, options: AnalyzeOptions = {}): BriefingModel {
  const tree = parseMarkdown(text);
  fillMissingPositions(tree, text);
  const sink: InlineSink = { text, refs: [], keys: [], linkDefinitions: collectLinkDefinitions(tree) };
  const defs: NoteDef[] = [];
  const headings: Heading[] = [];
  const pending: PendingBlock[] = [];
  const tables: TableInfo[] = [];
  const tableCaptions: { table: number; node: Paragraph }[] = [];
  const blockOfParagraph = new Map<Paragraph, number>();
  const bounds = findNotesSection(tree, text);

  const addProse = (node: Paragraph | Table['children'][number]['children'][number], table: ProseBlock['table']) => {
    const result = scanInline(node, sink, { inDefinition: false, endnotes: true });
    pending.push({ block: { span: spanOf(node), masked: result.masked, table }, citations: result.citations, superscripts: result.superscripts });
    if (node.type === 'paragraph') blockOfParagraph.set(node, pending.length - 1);
  };

  /** Inside note definitions and the notes list: references count, prose does not. */
  const scanNoteContent = (node: Nodes) => {
    if (node.type === 'paragraph' || node.type === 'heading' || node.type === 'tableCell') {
      scanInline(node, sink, { inDefinition: true, endnotes: false });
    } else if (node.type === 'html') {
      scanHtml(node, true);
    } else if (node.type === 'footnoteDefinition') {
      visitFootnoteDefinition(node);
    } else if ('children' in node) {
      for (const child of node.children as Nodes[]) scanNoteContent(child);
    }
  };

  const visitFootnoteDefinition = (node: Extract<Nodes, { type: 'footnoteDefinition' }>) => {
    defs.push(footnoteDefinition(text, node, referenceUrls(node, sink.linkDefinitions)));
    for (const child of node.children) scanNoteContent(child);
  };

  const scanHtml = (node: Extract<Nodes, { type: 'html' }>, inDefinition: boolean) => {
    const itemDefs = htmlDefinitions(text, node);
    defs.push(...itemDefs);
    // GFM does not parse Markdown inside an HTML block, so `[^1]` there stays literal
    // text that renders as-is: an undefined reference the author did not mean.
    if (node.value.startsWith('<!--')) return;
    const start = node.position!.start.offset!;
    // Web editors export endnote references as <sup><a href="#fnN">N</a></sup>, often
    // inside HTML blocks that Markdown passes through untouched.
    if (!inDefinition) {
      for (const m of node.value.matchAll(HTML_SUP_REFS)) {
        const span = { start: start + m.index, end: start + m.index + m[0].length };
        // A note item repeats its own number as <sup>N</sup>; that is its label, not a citation.
        if (itemDefs.some((d) => span.start >= d.span.start && span.start < d.span.end)) continue;
        sink.refs.push({ namespace: 'endnote', form: 'html', key: String(Number(m[1])), label: m[1]!, number: Number(m[1]), span, groupSpan: span, inDefinition });
      }
    }
    const withoutTags = node.value.replace(/<[^>]*>/g, (tag) => ' '.repeat(tag.length));
    for (const f of findFootnoteRefs(withoutTags, start)) {
      sink.refs.push({ namespace: 'footnote', form: 'gfm', key: f.label.toLowerCase(), label: f.label, number: numberOf(f.label), span: f.span, groupSpan: f.span, inDefinition });
    }
  };

  const visitBlock = (node: Nodes, siblings: RootContent[] | undefined, index: number) => {
    switch (node.type) {
      case 'paragraph':
        addProse(node, undefined);
        return;
      case 'heading':
        headings.push({ depth: node.depth, text: plainText(node).trim(), span: spanOf(node) });
        scanInline(node, sink, { inDefinition: false, endnotes: true });
        return;
      case 'footnoteDefinition':
        visitFootnoteDefinition(node);
        return;
      case 'html':
        scanHtml(node, false);
        return;
      case 'table': {
        const tableIndex = tables.length;
        tables.push({ captionCitations: [] });
        node.children.forEach((row, r) =>
          row.children.forEach((cell, c) => addProse(cell, { table: tableIndex, row: r, column: c })),
        );
        // A caption is a one-line paragraph right before or after the table.
        for (const neighbour of [siblings?.[index - 1], siblings?.[index + 1]]) {
          if (neighbour?.type === 'paragraph' && !text.slice(...spanTuple(neighbour)).trim().includes('\n')) {
            tableCaptions.push({ table: tableIndex, node: neighbour });
          }
        }
        return;
      }
      case 'list':
      case 'listItem':
      case 'blockquote':
        node.children.forEach((child, i) => visitBlock(child, node.children as RootContent[], i));
        return;
      default:
        // code, yaml, definition, thematicBreak: not prose.
        return;
    }
  };

  tree.children.forEach((child, i) => {
    if (bounds && i >= bounds.from && i < bounds.to) {
      if (i === bounds.from) {
        if (child.type === 'heading') headings.push({ depth: child.depth, text: plainText(child).trim(), span: spanOf(child) });
        return;
      }
      if (child.type === 'list' && child.ordered) {
        defs.push(...listDefinitions(text, child));
        for (const item of child.children) scanNoteContent(item);
      } else if (child.type === 'paragraph') {
        defs.push(...bracketLineDefinitions(text, child));
        scanNoteContent(child);
      } else if (child.type === 'heading') {
        headings.push({ depth: child.depth, text: plainText(child).trim(), span: spanOf(child) });
        scanNoteContent(child);
      } else {
        scanNoteContent(child);
      }
      return;
    }
    visitBlock(child, tree.children, i);
  });

  // Superscript numerals are notes only where the document has a notes list for them.
  const hasEndnoteList = defs.some((d) => d.namespace === 'endnote') || bounds !== undefined;
  if (hasEndnoteList) {
    for (const p of pending) {
      for (const sup of p.superscripts) {
        sink.refs.push({ namespace: 'endnote', form: 'superscript', key: String(sup.number), label: String(sup.number), number: sup.number, span: sup.span, groupSpan: sup.span, inDefinition: false });
        p.citations.push({ kind: 'note', span: sup.span, ref: sink.refs.length - 1 });
      }
    }
  }
  // References were found block by block (and superscripts last): put them in document
  // order, and point the citations at their new places.
  const order = sink.refs.map((_, i) => i).sort((a, b) => sink.refs[a]!.span.start - sink.refs[b]!.span.start || a - b);
  const newIndex: number[] = [];
  order.forEach((old, i) => (newIndex[old] = i));
  const refs = order.map((old) => sink.refs[old]!);
  for (const p of pending) for (const c of p.citations) if (c.kind === 'note') c.ref = newIndex[c.ref]!;

  const blocks: ProseBlock[] = [];
  const sentences: Sentence[] = [];
  const stats: Statistic[] = [];
  const scope = options.citationScope ?? 'sentence';
  const blockSentences: number[][] = [];
  for (const p of pending) {
    const blockIndex = blocks.length;
    blocks.push(p.block);
    const base = p.block.span.start;
    const spans =
      scope === 'paragraph' || p.block.table
        ? [{ start: 0, end: p.block.masked.length }]
        : splitSentences(p.block.masked);
    if (spans.length === 0) spans.push({ start: 0, end: p.block.masked.length });
    const first = sentences.length;
    const ids: number[] = [];
    for (const s of spans) {
      ids.push(sentences.length);
      sentences.push({ span: { start: base + s.start, end: base + s.end }, block: blockIndex, citations: [], stats: [] });
    }
    blockSentences.push(ids);
    const sentenceAt = (offset: number) => {
      let found = first;
      for (let i = first; i < sentences.length; i++) if (sentences[i]!.span.start <= offset) found = i;
      return found;
    };
    for (const c of p.citations) sentences[sentenceAt(c.span.start)]!.citations.push(c);
    for (const e of extractStatistics(p.block.masked)) {
      const sentence = sentenceAt(base + e.span.start);
      const shift = (s: Span): Span => ({ start: base + s.start, end: base + s.end });
      stats.push({
        span: shift(e.span),
        numberSpan: shift(e.numberSpan),
        numberSpan2: e.numberSpan2 && shift(e.numberSpan2),
        hedge: e.hedge,
        hedgeSpan: e.hedgeSpan && shift(e.hedgeSpan),
        hedgeKind: e.hedgeKind,
        value: e.value,
        low: e.low,
        high: e.high,
        lowInclusive: e.lowInclusive,
        highInclusive: e.highInclusive,
        scale: e.scale,
        decimals: e.decimals,
        unit: e.unit,
        sentence,
      });
      sentences[sentence]!.stats.push(stats.length - 1);
    }
  }

  for (const caption of tableCaptions) {
    const block = blockOfParagraph.get(caption.node);
    if (block === undefined) continue;
    for (const s of blockSentences[block]!) tables[caption.table]!.captionCitations.push(...sentences[s]!.citations);
  }

  const fm = readFrontMatter(tree);
  const yaml = tree.children[0]?.type === 'yaml' ? spanOf(tree.children[0]) : undefined;
  return {
    text,
    refs,
    defs: defs.sort((a, b) => a.span.start - b.span.start),
    keys: [...sink.keys, ...defs.flatMap((d) => d.keys)].sort((a, b) => a.span.start - b.span.start),
    blocks,
    sentences,
    stats,
    tables,
    headings,
    notesSection: bounds?.section,
    frontMatter: { ...fm, span: yaml },
  };
}

function spanTuple(node: Nodes): [number, number] {
  return [node.position!.start.offset!, node.position!.end.offset!];
}
