import type { Html, Nodes, Paragraph, RootContent, Table } from 'mdast';
import type { CitedKey, Heading, NoteDef, NoteRef } from '../model';
import { extractStatistics, type ExtractedStatistic } from '../stats/extract';
import type { Span } from '../types';
import type { FoundSuperscript } from './inlinePatterns';
import { findFootnoteRefs } from './inlinePatterns';
import { referenceUrls } from './linkDefinitions';
import { bracketLineDefinitions, footnoteDefinition, htmlDefinitions, listDefinitions, plainText } from './noteDefinitions';
import type { TopMode } from './outline';
import { footnoteRef, HTML_SUP_REF_SOURCE, htmlSupRefs, scanInline, type InlineSink, type PendingCitation } from './prose';
import { splitSentences } from './sentences';

/**
 * The analysis of a run of top-level blocks, with offsets into the text it was parsed
 * from and indices local to the run. Everything here depends only on the blocks, their
 * modes and the link definitions they use, so a run that did not change keeps its
 * analysis; the document-wide passes (assemble.ts) combine runs into the model.
 */
export interface SegmentAnalysis {
  /** References in the order they were found (superscripts excluded). */
  refs: NoteRef[];
  /** `@id` keys of inline citations, in the order found. */
  keys: CitedKey[];
  /** Note definitions, by start. */
  defs: NoteDef[];
  headings: Heading[];
  blocks: BlockAnalysis[];
  tableCount: number;
  /** Captions of tables inside containers (their neighbours are in the run too). */
  captions: { table: number; block: number }[];
  /** Per top-level block: the prose block a paragraph became, the table a table became. */
  topBlocks: (number | undefined)[];
  topTables: (number | undefined)[];
}

/** A unit of running text with its citations, sentences and statistics. */
export interface BlockAnalysis {
  span: Span;
  masked: string;
  table: { table: number; row: number; column: number } | undefined;
  /** Note citations' `ref` index the run's refs. */
  citations: PendingCitation[];
  superscripts: FoundSuperscript[];
  /** Sentences, relative to the block's start. */
  sentences: Span[];
  /** Statistics, relative to the block's start, each with its sentence (index into `sentences`). */
  stats: { stat: ExtractedStatistic; sentence: number }[];
}

export interface SegmentOptions {
  citationScope?: 'sentence' | 'paragraph';
}

const HTML_SUP_REFS = new RegExp(HTML_SUP_REF_SOURCE, 'gid');

function spanOf(node: Nodes): Span {
  return { start: node.position!.start.offset!, end: node.position!.end.offset! };
}

/** The index of the last span starting at or before `offset`, or 0. */
function spanAt(spans: Span[], offset: number): number {
  let found = 0;
  for (let i = 0; i < spans.length; i++) if (spans[i]!.start <= offset) found = i;
  return found;
}

/**
 * Analyses top-level blocks `nodes` of a tree parsed from `text`: finds notes, citations,
 * sentences and statistics. `modes[i]` says whether block i is prose or part of the notes.
 */
export function analyzeSegment(
  text: string,
  nodes: readonly RootContent[],
  modes: readonly TopMode[],
  linkDefinitions: Map<string, string>,
  options: SegmentOptions,
): SegmentAnalysis {
  const sink: InlineSink = { text, refs: [], keys: [], linkDefinitions };
  const defs: NoteDef[] = [];
  const headings: Heading[] = [];
  const blocks: BlockAnalysis[] = [];
  const captions: { table: number; node: Paragraph }[] = [];
  const blockOfParagraph = new Map<Paragraph, number>();
  let tableCount = 0;
  const scope = options.citationScope ?? 'sentence';

  const addProse = (node: Paragraph | Table['children'][number]['children'][number], table: BlockAnalysis['table']) => {
    const result = scanInline(node, sink, { inDefinition: false, endnotes: true });
    const masked = result.masked;
    const sentences = scope === 'paragraph' || table ? [{ start: 0, end: masked.length }] : splitSentences(masked);
    if (sentences.length === 0) sentences.push({ start: 0, end: masked.length });
    const stats = extractStatistics(masked).map((stat) => ({ stat, sentence: spanAt(sentences, stat.span.start) }));
    blocks.push({ span: spanOf(node), masked, table, citations: result.citations, superscripts: result.superscripts, sentences, stats });
    if (node.type === 'paragraph') blockOfParagraph.set(node, blocks.length - 1);
  };

  const addHeading = (node: Extract<Nodes, { type: 'heading' }>) =>
    headings.push({ depth: node.depth, text: plainText(node).trim(), span: spanOf(node) });

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
    defs.push(footnoteDefinition(text, node, referenceUrls(node, linkDefinitions)));
    for (const child of node.children) scanNoteContent(child);
  };

  const scanHtml = (node: Html, inDefinition: boolean) => {
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
        const at = start + m.index;
        // A note item repeats its own number as <sup>N</sup>; that is its label, not a citation.
        if (itemDefs.some((d) => at >= d.span.start && at < d.span.end)) continue;
        for (const ref of htmlSupRefs(m, at)) sink.refs.push({ ...ref, inDefinition });
      }
    }
    const withoutTags = node.value.replace(/<[^>]*>/g, (tag) => ' '.repeat(tag.length));
    for (const f of findFootnoteRefs(withoutTags, start)) {
      sink.refs.push({ ...footnoteRef(f.label, f.span), inDefinition });
    }
  };

  const visitTable = (node: Table): number => {
    const tableIndex = tableCount++;
    node.children.forEach((row, r) => row.children.forEach((cell, c) => addProse(cell, { table: tableIndex, row: r, column: c })));
    return tableIndex;
  };

  const visitBlock = (node: Nodes, siblings: RootContent[]): void => {
    switch (node.type) {
      case 'paragraph':
        addProse(node, undefined);
        return;
      case 'heading':
        addHeading(node);
        scanInline(node, sink, { inDefinition: false, endnotes: true });
        return;
      case 'footnoteDefinition':
        visitFootnoteDefinition(node);
        return;
      case 'html':
        scanHtml(node, false);
        return;
      case 'table': {
        const table = visitTable(node);
        // A caption is a one-line paragraph right before or after the table.
        const index = siblings.indexOf(node);
        for (const neighbour of [siblings[index - 1], siblings[index + 1]]) {
          if (
            neighbour?.type === 'paragraph' &&
            !text
              .slice(...spanTuple(neighbour))
              .trim()
              .includes('\n')
          ) {
            captions.push({ table, node: neighbour });
          }
        }
        return;
      }
      case 'list':
      case 'listItem':
      case 'blockquote':
        for (const child of node.children) visitBlock(child, node.children);
        return;
      default:
        // code, yaml, definition, thematicBreak: not prose.
        return;
    }
  };

  const topBlocks: (number | undefined)[] = [];
  const topTables: (number | undefined)[] = [];
  nodes.forEach((child, i) => {
    const blocksBefore = blocks.length;
    switch (modes[i]) {
      case 'notesHeading':
        if (child.type === 'heading') addHeading(child);
        break;
      case 'notes':
        if (child.type === 'list' && child.ordered) {
          defs.push(...listDefinitions(text, child));
          for (const item of child.children) scanNoteContent(item);
        } else if (child.type === 'paragraph') {
          defs.push(...bracketLineDefinitions(text, child));
          scanNoteContent(child);
        } else {
          if (child.type === 'heading') addHeading(child);
          scanNoteContent(child);
        }
        break;
      default:
        // A top-level table's captions may lie in another run: the document-wide pass finds them.
        if (child.type === 'table') topTables[i] = visitTable(child);
        else visitBlock(child, []);
    }
    if (child.type === 'paragraph' && blocks.length > blocksBefore) topBlocks[i] = blocksBefore;
  });

  return {
    refs: sink.refs,
    keys: sink.keys,
    defs: defs.sort((a, b) => a.span.start - b.span.start),
    headings,
    blocks,
    tableCount,
    captions: captions.flatMap((c) => {
      const block = blockOfParagraph.get(c.node);
      return block === undefined ? [] : [{ table: c.table, block }];
    }),
    topBlocks,
    topTables,
  };
}

function spanTuple(node: Nodes): [number, number] {
  return [node.position!.start.offset!, node.position!.end.offset!];
}
