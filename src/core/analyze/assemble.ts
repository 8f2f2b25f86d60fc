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
 * What analyses became in the last model, for assembling the next: a piece of the last model
 * is the same objects again, moved in place (relocate) when the edit moved its text or
 * renumbered what it counts. So a model an assembler with a memo returns is valid until the
 * next one: see ARCHITECTURE.md, "The identity contract".
 */
export type AssembleMemo = WeakMap<SegmentAnalysis, Assembled>;

/** Whether a piece numbered `a` sits at `shift` after the objects counted in `totals` (superscripts aside). */
function numberedAt(
  a: Numbering,
  shift: number,
  totals: { refs: number; blocks: number; sentences: number; stats: number; tables: number },
): boolean {
  return (
    a.shift === shift &&
    a.refBase === totals.refs &&
    a.blockBase === totals.blocks &&
    a.sentenceBase === totals.sentences &&
    a.statBase === totals.stats &&
    a.tableBase === totals.tables
  );
}

function copy<T>(into: T[], at: number, items: readonly T[]): void {
  for (let i = 0; i < items.length; i++) into[at + i] = items[i]!;
}

export function assembleModel(frame: Frame, pieces: readonly Piece[], memo?: AssembleMemo): BriefingModel {
  const { text, topNodes, bounds } = frame;
  // Superscript numerals are notes only where the document has a notes list for them.
  const superscripts = bounds !== undefined || pieces.some((p) => p.analysis.defs.some((d) => d.namespace === 'endnote'));
  // Each piece's objects first (numbered from the lengths before it), then the document's
  // arrays at their final sizes: a long document's arrays hold tens of thousands of objects,
  // and growing them push by push allocates several times that.
  const assembled: Assembled[] = [];
  const totals = { refs: 0, defs: 0, keys: 0, headings: 0, blocks: 0, sentences: 0, stats: 0, tables: 0 };
  for (const { analysis, shift } of pieces) {
    let piece = memo?.get(analysis);
    // Most pieces are where they were: their numbering is compared before one is made.
    if (!piece || piece.numbering.superscripts !== superscripts || !numberedAt(piece.numbering, shift, totals)) {
      const numbering: Numbering = {
        shift,
        superscripts,
        refBase: totals.refs,
        blockBase: totals.blocks,
        sentenceBase: totals.sentences,
        statBase: totals.stats,
        tableBase: totals.tables,
      };
      if (!piece || piece.numbering.superscripts !== superscripts) {
        piece = assemblePiece(analysis, numbering);
        memo?.set(analysis, piece);
      } else relocate(piece, numbering);
    }
    assembled.push(piece);
    totals.refs += piece.refs.length;
    totals.defs += piece.defs.length;
    totals.keys += piece.keys.length;
    totals.headings += piece.headings.length;
    totals.blocks += piece.blocks.length;
    totals.sentences += piece.sentences.length;
    totals.stats += piece.stats.length;
    totals.tables += analysis.tableCount;
  }
  const refs = new Array<NoteRef>(totals.refs);
  const defs = new Array<NoteDef>(totals.defs);
  const keys = new Array<CitedKey>(totals.keys);
  const headings = new Array<Heading>(totals.headings);
  const blocks = new Array<ProseBlock>(totals.blocks);
  const sentences = new Array<Sentence>(totals.sentences);
  const stats = new Array<Statistic>(totals.stats);
  const blockSentences = new Array<number[]>(totals.blocks);
  // Tables are new objects in every model: captions' citations are added to them below.
  const tables: TableInfo[] = [];
  for (let t = 0; t < totals.tables; t++) tables.push({ captionCitations: [] });
  /** Per top-level block, its prose block and table in the document's numbering. */
  const topBlock = new Array<number | undefined>(topNodes.length);
  const topTable = new Array<number | undefined>(topNodes.length);
  const captions: { table: number; block: number }[] = [];
  let defAt = 0;
  let keyAt = 0;
  let headingAt = 0;
  for (let p = 0; p < pieces.length; p++) {
    const { analysis, firstTop } = pieces[p]!;
    const piece = assembled[p]!;
    const { refBase, blockBase, sentenceBase, statBase, tableBase } = piece.numbering;
    copy(refs, refBase, piece.refs);
    copy(defs, defAt, piece.defs);
    copy(keys, keyAt, piece.keys);
    copy(headings, headingAt, piece.headings);
    copy(blocks, blockBase, piece.blocks);
    copy(sentences, sentenceBase, piece.sentences);
    copy(stats, statBase, piece.stats);
    copy(blockSentences, blockBase, piece.blockSentences);
    defAt += piece.defs.length;
    keyAt += piece.keys.length;
    headingAt += piece.headings.length;
    for (const c of analysis.captions) captions.push({ table: tableBase + c.table, block: blockBase + c.block });
    const { topBlocks, topTables } = analysis;
    for (let i = 0; i < topBlocks.length; i++) if (topBlocks[i] !== undefined) topBlock[firstTop + i] = blockBase + topBlocks[i]!;
    for (let i = 0; i < topTables.length; i++) if (topTables[i] !== undefined) topTable[firstTop + i] = tableBase + topTables[i]!;
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
    for (const ref of supRef[i]!) {
      // A span object of its own: relocate() moves every span once.
      const { start, end } = refs[newIndex[ref]! - refBase]!.span;
      citations.push({ kind: 'note', span: { start, end }, ref: newIndex[ref]! });
    }
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

const move = (s: Span, by: number): void => {
  s.start += by;
  s.end += by;
};

/**
 * Moves a piece's objects in place to `to`'s offsets and indices: what an edit before it
 * changes. Every span object is moved once (assemblePiece gives each place its own, except
 * that a definition's keys are also in `keys`).
 */
function relocate(piece: Assembled, to: Numbering): void {
  const from = piece.numbering;
  const by = to.shift - from.shift;
  const refBy = to.refBase - from.refBase;
  const blockBy = to.blockBase - from.blockBase;
  const sentenceBy = to.sentenceBase - from.sentenceBase;
  const statBy = to.statBase - from.statBase;
  const tableBy = to.tableBase - from.tableBase;
  piece.numbering = to;
  if (by !== 0) {
    for (const r of piece.refs) {
      move(r.span, by);
      if (r.groupSpan !== r.span) move(r.groupSpan, by);
    }
    for (const d of piece.defs) {
      move(d.labelSpan, by);
      move(d.span, by);
      move(d.textSpan, by);
      for (const u of d.urls) move(u.span, by);
    }
    for (const k of piece.keys) move(k.span, by);
    for (const h of piece.headings) move(h.span, by);
    for (const b of piece.blocks) move(b.span, by);
    for (const s of piece.stats) {
      move(s.span, by);
      move(s.numberSpan, by);
      if (s.numberSpan2) move(s.numberSpan2, by);
      if (s.hedgeSpan) move(s.hedgeSpan, by);
    }
  }
  if (tableBy !== 0) for (const b of piece.blocks) if (b.table) b.table.table += tableBy;
  if (sentenceBy !== 0) for (const s of piece.stats) s.sentence += sentenceBy;
  for (const s of piece.sentences) {
    if (by !== 0) move(s.span, by);
    s.block += blockBy;
    if (statBy !== 0) for (let i = 0; i < s.stats.length; i++) s.stats[i]! += statBy;
    for (const c of s.citations) {
      if (by !== 0) move(c.span, by);
      if (c.kind === 'note') c.ref += refBy;
      else if (c.kind === 'inline' && by !== 0) for (const k of c.keys) move(k.span, by);
    }
  }
  if (sentenceBy !== 0) for (const ids of piece.blockSentences) for (let i = 0; i < ids.length; i++) ids[i]! += sentenceBy;
}
