import type { BriefingModel, Citation, CitedKey, Heading, NoteDef, NoteRef, ProseBlock, Sentence, Statistic, TableInfo } from '../model';
import type { Span } from '../types';
import type { SectionBounds, TopNode } from './outline';
import type { BlockAnalysis, SegmentAnalysis } from './segment';

/**
 * The document-wide passes over analysed runs of top-level blocks: superscripts count
 * only when the document has a notes list, references are numbered in document order,
 * table captions may sit in a neighbouring run, and every index and offset becomes the
 * document's. Runs are in document order and do not overlap.
 */

export interface Piece {
  analysis: SegmentAnalysis;
  /** Added to the run's offsets to make them the document's. */
  shift: number;
  /** Index of the run's first top-level block among the document's. */
  firstTop: number;
}

export interface Frame {
  text: string;
  /** Only their kinds are read, not their spans (which may be offsets in a run). */
  topNodes: readonly TopNode[];
  bounds: SectionBounds | undefined;
  frontMatter: BriefingModel['frontMatter'];
}

const shiftSpan = (s: Span, by: number): Span => ({ start: s.start + by, end: s.end + by });
const shiftKey = (k: CitedKey, by: number): CitedKey => ({ id: k.id, span: shiftSpan(k.span, by) });

function shiftDef(d: NoteDef, by: number): NoteDef {
  return {
    ...d,
    labelSpan: shiftSpan(d.labelSpan, by),
    span: shiftSpan(d.span, by),
    textSpan: shiftSpan(d.textSpan, by),
    keys: d.keys.map((k) => shiftKey(k, by)),
    urls: d.urls.map((u) => ({ url: u.url, span: shiftSpan(u.span, by) })),
  };
}

/** A run's references in document order: found ones, then (when they count) superscripts; ties keep finding order. */
function orderedRefs(analysis: SegmentAnalysis, superscripts: boolean): { refs: NoteRef[]; supRef: number[][] } {
  const refs = [...analysis.refs];
  const supRef: number[][] = analysis.blocks.map(() => []);
  if (superscripts) {
    analysis.blocks.forEach((b, i) => {
      for (const sup of b.superscripts) {
        supRef[i]!.push(refs.length);
        refs.push({
          namespace: 'endnote',
          form: 'superscript',
          key: String(sup.number),
          label: String(sup.number),
          number: sup.number,
          span: sup.span,
          groupSpan: sup.span,
          inDefinition: false,
        });
      }
    });
  }
  return { refs, supRef };
}

/** Where a piece's objects start in the document's arrays, and what else decides them. */
interface Numbering {
  shift: number;
  superscripts: boolean;
  refBase: number;
  blockBase: number;
  sentenceBase: number;
  statBase: number;
  tableBase: number;
}

/** What one piece became in a model: its objects, with the document's offsets and indices. */
interface Assembled {
  numbering: Numbering;
  refs: NoteRef[];
  defs: NoteDef[];
  keys: CitedKey[];
  headings: Heading[];
  blocks: ProseBlock[];
  sentences: Sentence[];
  stats: Statistic[];
  /** Per block, its sentences' indices (for captions). */
  blockSentences: number[][];
}

/**
 * What analyses became in the last model, for assembling the next: a piece whose offset and
 * numbering are unchanged (every one before an edit, and after it unless the edit moved
 * text or added or removed something counted) is the same objects again.
 */
export type AssembleMemo = WeakMap<SegmentAnalysis, Assembled>;

function sameNumbering(a: Numbering, b: Numbering): boolean {
  return (
    a.shift === b.shift &&
    a.superscripts === b.superscripts &&
    a.refBase === b.refBase &&
    a.blockBase === b.blockBase &&
    a.sentenceBase === b.sentenceBase &&
    a.statBase === b.statBase &&
    a.tableBase === b.tableBase
  );
}

function append<T>(into: T[], items: readonly T[]): void {
  for (const item of items) into.push(item);
}

export function assembleModel(frame: Frame, pieces: readonly Piece[], memo?: AssembleMemo): BriefingModel {
  const { text, topNodes, bounds } = frame;
  // Superscript numerals are notes only where the document has a notes list for them.
  const superscripts = bounds !== undefined || pieces.some((p) => p.analysis.defs.some((d) => d.namespace === 'endnote'));
  const refs: NoteRef[] = [];
  const defs: NoteDef[] = [];
  const keys: CitedKey[] = [];
  const headings: Heading[] = [];
  const blocks: ProseBlock[] = [];
  const sentences: Sentence[] = [];
  const stats: Statistic[] = [];
  const tables: TableInfo[] = [];
  const blockSentences: number[][] = [];
  /** Per top-level block, its prose block and table in the document's numbering. */
  const topBlock: (number | undefined)[] = [];
  const topTable: (number | undefined)[] = [];
  const captions: { table: number; block: number }[] = [];

  for (const { analysis, shift, firstTop } of pieces) {
    const numbering: Numbering = {
      shift,
      superscripts,
      refBase: refs.length,
      blockBase: blocks.length,
      sentenceBase: sentences.length,
      statBase: stats.length,
      tableBase: tables.length,
    };
    let piece = memo?.get(analysis);
    if (!piece || !sameNumbering(piece.numbering, numbering)) {
      piece = assemblePiece(analysis, numbering);
      memo?.set(analysis, piece);
    }
    append(refs, piece.refs);
    append(defs, piece.defs);
    append(keys, piece.keys);
    append(headings, piece.headings);
    append(blocks, piece.blocks);
    append(sentences, piece.sentences);
    append(stats, piece.stats);
    append(blockSentences, piece.blockSentences);
    const { blockBase, tableBase } = numbering;
    // Tables are new objects in every model: captions' citations are added to them below.
    for (let t = 0; t < analysis.tableCount; t++) tables.push({ captionCitations: [] });
    for (const c of analysis.captions) captions.push({ table: tableBase + c.table, block: blockBase + c.block });
    analysis.topBlocks.forEach((b, i) => b !== undefined && (topBlock[firstTop + i] = blockBase + b));
    analysis.topTables.forEach((t, i) => t !== undefined && (topTable[firstTop + i] = tableBase + t));
  }

  // A caption is a one-line paragraph right before or after the table.
  topTable.forEach((table, i) => {
    if (table === undefined) return;
    for (const n of [i - 1, i + 1]) {
      const block = topBlock[n];
      if (block !== undefined && topNodes[n]!.oneLine) captions.push({ table, block });
    }
  });
  for (const c of captions) for (const s of blockSentences[c.block]!) tables[c.table]!.captionCitations.push(...sentences[s]!.citations);

  return {
    text,
    refs,
    defs,
    keys,
    blocks,
    sentences,
    stats,
    tables,
    headings,
    notesSection: bounds?.section,
    frontMatter: frame.frontMatter,
  };
}

/** The objects of one piece, numbered from `numbering`'s bases. */
function assemblePiece(analysis: SegmentAnalysis, numbering: Numbering): Assembled {
  const { shift, refBase, blockBase, sentenceBase, statBase, tableBase } = numbering;
  const refs: NoteRef[] = [];
  const blocks: ProseBlock[] = [];
  const sentences: Sentence[] = [];
  const stats: Statistic[] = [];
  const blockSentences: number[][] = [];

  const { refs: found, supRef } = orderedRefs(analysis, numbering.superscripts);
  // References were found block by block (and superscripts last): put them in document order.
  const order = found.map((_, i) => i).sort((a, b) => found[a]!.span.start - found[b]!.span.start || a - b);
  const newIndex: number[] = [];
  order.forEach((old, i) => (newIndex[old] = refBase + i));
  for (const old of order) {
    const r = found[old]!;
    refs.push({ ...r, span: shiftSpan(r.span, shift), groupSpan: shiftSpan(r.groupSpan, shift) });
  }

  const defs = analysis.defs.map((d) => shiftDef(d, shift));
  const keys = [...analysis.keys.map((k) => shiftKey(k, shift)), ...defs.flatMap((d) => d.keys)].sort(
    (a, b) => a.span.start - b.span.start,
  );
  const headings = analysis.headings.map((h) => ({ depth: h.depth, text: h.text, span: shiftSpan(h.span, shift) }));

  analysis.blocks.forEach((b, i) => {
    const citations: Citation[] = b.citations.map((c) => shiftCitation(c, shift, newIndex));
    for (const ref of supRef[i]!) citations.push({ kind: 'note', span: refs[newIndex[ref]! - refBase]!.span, ref: newIndex[ref]! });
    addBlock(b, citations);
  });

  function addBlock(b: BlockAnalysis, citations: Citation[]): void {
    const blockIndex = blockBase + blocks.length;
    const base = b.span.start + shift;
    blocks.push({
      span: shiftSpan(b.span, shift),
      masked: b.masked,
      table: b.table && { table: tableBase + b.table.table, row: b.table.row, column: b.table.column },
    });
    const first = sentences.length;
    const ids: number[] = [];
    for (const s of b.sentences) {
      ids.push(sentenceBase + sentences.length);
      sentences.push({ span: shiftSpan(s, base), block: blockIndex, citations: [], stats: [] });
    }
    blockSentences.push(ids);
    const spans = b.sentences;
    for (const c of citations) {
      let found = 0;
      for (let i = 0; i < spans.length; i++) if (spans[i]!.start + base <= c.span.start) found = i;
      sentences[first + found]!.citations.push(c);
    }
    for (const { stat: e, sentence } of b.stats) {
      stats.push({
        span: shiftSpan(e.span, base),
        numberSpan: shiftSpan(e.numberSpan, base),
        numberSpan2: e.numberSpan2 && shiftSpan(e.numberSpan2, base),
        hedge: e.hedge,
        hedgeSpan: e.hedgeSpan && shiftSpan(e.hedgeSpan, base),
        hedgeKind: e.hedgeKind,
        value: e.value,
        low: e.low,
        high: e.high,
        lowInclusive: e.lowInclusive,
        highInclusive: e.highInclusive,
        scale: e.scale,
        decimals: e.decimals,
        unit: e.unit,
        sentence: sentenceBase + first + sentence,
      });
      sentences[first + sentence]!.stats.push(statBase + stats.length - 1);
    }
    // Lists grown by push keep room for 16 more; a long document's model holds thousands of them.
    for (let i = first; i < sentences.length; i++) {
      const s = sentences[i]!;
      if (s.citations.length > 0) s.citations = s.citations.slice();
      if (s.stats.length > 0) s.stats = s.stats.slice();
    }
  }

  return { numbering, refs, defs, keys, headings, blocks, sentences, stats, blockSentences };
}

function shiftCitation(c: Citation, by: number, newIndex: number[]): Citation {
  const span = shiftSpan(c.span, by);
  switch (c.kind) {
    case 'note':
      return { kind: 'note', span, ref: newIndex[c.ref]! };
    case 'inline':
      return c.narrative
        ? { kind: 'inline', span, keys: c.keys.map((k) => shiftKey(k, by)), narrative: true }
        : { kind: 'inline', span, keys: c.keys.map((k) => shiftKey(k, by)) };
    case 'link':
      return { kind: 'link', span, url: c.url };
  }
}
