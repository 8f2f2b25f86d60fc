import type { AnalyzeOptions } from '../analyze/analyzeBriefing';
import type { BriefingModel } from '../model';
import { cut, type Cuts } from './boundaries';
import { IncrementalAnalyzer, type Plan } from './incrementalAnalyzer';
import { guessLabels, labelsUsedIn, relevant, type LabelDefinition } from './labels';
import { ParsedRun, sentinelAfter } from './runParse';

/**
 * Analysing a long briefing in a few large chunks that can be parsed at the same time (by
 * worker threads, see src/node/parallelAnalysis.ts). A chunk is a run of top-level blocks
 * between two cuts (boundaries.ts), parsed alone as IncrementalAnalyzer parses its runs, so
 * the same checks make the result that of a whole-document analysis: the parser verifies
 * each chunk's end, the label definitions each chunk was parsed with are compared with the
 * document's, and anything that does not fit is parsed again on the spot.
 */

/** One chunk to parse: from cut `from` to cut `to` (or further, while the cut there is unsound). */
export interface ChunkRequest {
  /** Index into `starts` of the chunk's first cut. */
  from: number;
  /** Index into `starts` of the cut that ends the chunk; `starts.length` is the end of the text. */
  to: number;
}

/** What every chunk of one text is parsed with. */
export interface ChunkContext {
  text: string;
  cuts: Cuts;
  /** Label definitions guessed from the whole text: what every chunk is parsed with. */
  labels: LabelDefinition[];
}

/** A parsed chunk, with where it ended, the labels it may use and the definitions it was parsed with. */
export interface ChunkParse {
  start: number;
  end: number;
  parse: ParsedRun;
  used: Set<string>;
  definitions: LabelDefinition[];
}

/**
 * Where to split `text` into at most `count` chunks of about equal size, each starting at a
 * cut. `weights[i]` (default 1) is the share of chunk i relative to the others.
 */
export function planChunks(text: string, count: number, weights?: readonly number[]): { context: ChunkContext; requests: ChunkRequest[] } {
  const cuts = cut(text);
  const labels = [...guessLabels(text, new Map()).values()];
  const { starts } = cuts;
  const shares = Array.from({ length: Math.max(1, count) }, (_, i) => weights?.[i] ?? 1);
  const total = shares.reduce((a, b) => a + b, 0);
  const requests: ChunkRequest[] = [];
  let from = 0;
  let goal = 0;
  for (let i = 0; i < shares.length && from < starts.length; i++) {
    goal += (shares[i]! / total) * text.length;
    let to = from + 1;
    if (i === shares.length - 1) to = starts.length;
    else while (to < starts.length && starts[to]! < goal) to++;
    requests.push({ from, to });
    from = to;
  }
  return { context: { text, cuts, labels }, requests };
}

/** Parses one chunk, extending it cut by cut while the cut after it is unsound. */
export function parseChunk(context: ChunkContext, request: ChunkRequest): ChunkParse {
  const { text, cuts, labels } = context;
  const { starts, lead } = cuts;
  const byKey = new Map(labels.map((d) => [d.key, d]));
  const start = starts[request.from]!;
  for (let to = request.to; ; to++) {
    const end = starts[to] ?? text.length;
    const source = text.slice(start, end);
    const used = labelsUsedIn(source);
    const definitions = relevant(used, byKey);
    const parse = ParsedRun.parse(
      source,
      definitions,
      { first: start === 0, last: end === text.length, next: sentinelAfter(text, end) },
      lead,
    );
    if (parse.sound) return { start, end, parse, used, definitions };
  }
}

/**
 * The analysis of a text from its parsed chunks: an IncrementalAnalyzer seeded with them
 * plans the text (parsing again whatever the chunks got wrong), its jobs are done wherever
 * their trees are, and `assemble` makes the model.
 */
export class ChunkedAnalysis {
  private readonly analyzer: IncrementalAnalyzer;

  constructor(
    private readonly context: ChunkContext,
    options: AnalyzeOptions = {},
  ) {
    this.analyzer = new IncrementalAnalyzer(options);
  }

  /** The plan, given the chunks in order: a chunk that does not start where the one before ended is left out. */
  plan(chunks: readonly ChunkParse[]): Plan {
    const { text, cuts, labels } = this.context;
    const kept: ChunkParse[] = [];
    const starts: number[] = [];
    let at = 0;
    for (const c of chunks) {
      if (c.start < at) {
        // The chunk before ran past this one's start: plan() parses the text up to its end.
        if (c.end <= at) continue;
        starts.push(at);
        at = c.end;
        continue;
      }
      if (c.start > at) starts.push(at);
      kept.push(c);
      starts.push(c.start);
      at = c.end;
    }
    if (at < text.length) starts.push(at);
    this.analyzer.seed(text, cuts.lead, kept, new Map(labels.map((d) => [d.key, d])));
    return this.analyzer.plan(text, { starts: starts.length > 0 ? starts : [0], lead: cuts.lead });
  }

  assemble(plan: Plan): BriefingModel {
    return this.analyzer.assemble(plan);
  }
}

/** The chunked analysis done in this thread, chunk after chunk: for tests, and the reference for the parallel one. */
export function analyzeInChunks(text: string, count: number, options: AnalyzeOptions = {}): BriefingModel {
  const { context, requests } = planChunks(text, count);
  const analysis = new ChunkedAnalysis(context, options);
  const plan = analysis.plan(requests.map((r) => parseChunk(context, r)));
  for (const job of plan.jobs) job.parse.analyze(job.modes, job.links, options);
  return analysis.assemble(plan);
}
