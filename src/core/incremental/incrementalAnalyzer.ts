import type { AnalyzeOptions } from '../analyze/analyzeBriefing';
import { assembleModel, type AssembleMemo, type Piece } from '../analyze/assemble';
import { definitionMap } from '../analyze/linkDefinitions';
import { findNotesSection, modeAt, type SectionBounds, type TopNode } from '../analyze/outline';
import type { TopMode } from '../analyze/outline';
import type { BriefingModel } from '../model';
import { firstAtOrAbove } from '../sortedSearch';
import type { Span } from '../types';
import { cut, type Cuts } from './boundaries';
import { guessLabels, labelsUsedIn, relevant, type LabelDefinition } from './labels';
import { ParsedRun, sentinelAfter } from './runParse';

/** What is known of one run's text, whatever the rest of the document says. */
interface RunText {
  length: number;
  /** Labels the run may look up. */
  used: Set<string>;
  /** Of those, the link identifiers (whose destinations the analysis reads). */
  links: string[];
  /** Parses of the run, by the definitions it was given. */
  parses: Map<string, ParsedRun>;
  /** Any parse: whether the cut after it is sound and what it defines do not depend on the definitions given. */
  any: ParsedRun;
  /** The parse the last version used. */
  chosen: ParsedRun | undefined;
}

/** A run to analyse, with how: its blocks' modes and the destinations of the links it uses. */
export interface AnalysisJob {
  parse: ParsedRun;
  modes: TopMode[];
  links: Map<string, string>;
}

/** A version of the document, parsed, with what its analysis still needs (see IncrementalAnalyzer.plan). */
export interface Plan {
  text: string;
  runs: Run[];
  topNodes: TopNode[];
  bounds: SectionBounds | undefined;
  jobs: AnalysisJob[];
}

interface Run {
  start: number;
  text: RunText;
  parse: ParsedRun;
  /** Index of the run's first top-level block among the document's. */
  firstTop: number;
}

/**
 * Analyses successive versions of one briefing, re-parsing and re-analysing only the runs
 * of top-level blocks that changed. `update(text)` returns the same model as
 * `analyzeBriefing(text, options)`.
 */
export class IncrementalAnalyzer {
  /** The last version, and its runs by start. */
  private text = '';
  private lead = '';
  private runs: RunsByStart = { starts: [], texts: [] };
  /** The label definitions of the last version: the first guess for a new run's. */
  private labels = new Map<string, LabelDefinition>();
  private readonly assembled: AssembleMemo = new WeakMap();

  constructor(readonly options: AnalyzeOptions = {}) {}

  update(text: string): BriefingModel {
    const plan = this.plan(text, cut(text));
    for (const job of plan.jobs) job.parse.analyze(job.modes, job.links, this.options);
    return this.assemble(plan);
  }

  /**
   * Starts from the analysis of another version, made elsewhere: the runs of `text` cut at
   * their starts, each parsed with the definitions `labels` gives it (see chunks.ts). A
   * `plan` of the same text then reuses them, or parses again what does not fit.
   */
  seed(
    text: string,
    lead: string,
    runs: readonly { start: number; parse: ParsedRun; used: Set<string>; definitions: readonly LabelDefinition[] }[],
    labels: ReadonlyMap<string, LabelDefinition>,
  ): void {
    this.text = text;
    this.lead = lead;
    this.labels = new Map(labels);
    this.runs = { starts: [], texts: [] };
    for (const { start, parse, used, definitions } of runs) {
      this.runs.starts.push(start);
      this.runs.texts.push({
        length: parse.length,
        used,
        links: linksOf(used),
        parses: new Map([[keyOf(definitions), parse]]),
        any: parse,
        chosen: parse,
      });
    }
  }

  /**
   * What analysing `text`, cut at `cuts`, takes: the runs (parsed, or kept from the last
   * version), where the notes section is, and the runs that need analysing (`jobs`), in any
   * order or place. `assemble` makes the model once every job's run has its analysis.
   */
  plan(text: string, cuts: Cuts): Plan {
    const { starts, lead } = cuts;
    // Runs wholly before or after the edited part are the last version's, maybe moved.
    const before = lead === this.lead ? commonPrefix(this.text, text) : 0;
    const after = lead === this.lead ? commonSuffix(this.text, text, before) : 0;
    const delta = text.length - this.text.length;
    const previous = this.runs;
    // Runs are found in document order, each start once (a run whose cut is not sound is found again, longer: the longer one replaces it).
    const current: RunsByStart = { starts: [], texts: [] };
    // Before the first version there is nothing to go by but the text.
    const cold = this.text === '' && this.labels.size === 0;
    const guessed = cold ? guessLabels(text, new Map()) : this.labels;
    const textOf = (start: number, end: number): RunText => {
      const first = start === 0;
      const last = end === text.length;
      const moved = end <= before ? 0 : start >= text.length - after ? delta : undefined;
      const old = moved === undefined ? undefined : runAtStart(previous, start - moved);
      const next = sentinelAfter(text, end);
      const place = old?.any.place;
      let known =
        old && old.length === end - start && place!.first === first && place!.last === last && place!.next === next ? old : undefined;
      if (!known) {
        const source = text.slice(start, end);
        const used = labelsUsedIn(source);
        const definitions = relevant(used, cold ? guessed : guessLabels(source, guessed));
        const parse = ParsedRun.parse(source, definitions, { first, last, next }, lead);
        known = {
          length: end - start,
          used,
          links: linksOf(used),
          parses: new Map([[keyOf(definitions), parse]]),
          any: parse,
          chosen: undefined,
        };
      }
      const newest = current.starts.length - 1;
      if (newest >= 0 && current.starts[newest] === start) current.texts[newest] = known;
      else {
        current.starts.push(start);
        current.texts.push(known);
      }
      return known;
    };

    // Runs whose cut the parser does not confirm join the next one.
    for (let i = 0; i < starts.length;) {
      const start = starts[i]!;
      let j = i + 1;
      let run = textOf(start, starts[j] ?? text.length);
      while (!run.any.sound) {
        j++;
        run = textOf(start, starts[j] ?? text.length);
      }
      i = j;
    }
    const found = current.texts;

    // Definitions anywhere in the document decide what each run's brackets are. While they
    // stay the same, a run of the last version keeps the parse it had.
    const labels = new Map<string, LabelDefinition>();
    const linkDefinitions = new Map<string, string>();
    for (const r of found) {
      for (const d of r.any.labelDefinitions) if (!labels.has(d.key)) labels.set(d.key, d);
      definitionMap(r.any.linkDefinitions, linkDefinitions);
    }
    const sameLabels = sameLabelDefinitions(labels, this.labels);
    this.labels = labels;
    this.text = text;
    this.lead = lead;
    this.runs = current;
    const runs = new Array<Run>(found.length);
    let firstTop = 0;
    for (let k = 0; k < found.length; k++) {
      const r = found[k]!;
      const start = current.starts[k]!;
      let parse = sameLabels ? r.chosen : undefined;
      if (!parse) {
        const definitions = relevant(r.used, labels);
        const key = keyOf(definitions);
        parse = r.parses.get(key);
        if (!parse) {
          parse = ParsedRun.parse(text.slice(start, start + r.length), definitions, r.any.place, lead);
          // Only the parse this version uses is kept.
          r.parses.clear();
          r.parses.set(key, parse);
        }
        r.chosen = parse;
      }
      runs[k] = { start, text: r, parse, firstTop };
      firstTop += parse.topNodes.length;
    }

    // The runs' top-level blocks, with their offsets in the runs (spanOf shifts the few the notes section needs).
    const topNodes: TopNode[] = [];
    for (const r of runs) append(topNodes, r.parse.topNodes);
    const spanOf = (i: number): Span => {
      const r = runs[runAt(runs, i)]!;
      const span = r.parse.topNodes[i - r.firstTop]!.span;
      const shift = r.start - r.parse.prefix;
      return { start: span.start + shift, end: span.end + shift };
    };
    const bounds = findNotesSection(topNodes, text.length, spanOf);
    const jobs: AnalysisJob[] = [];
    for (const r of runs) {
      const count = r.parse.topNodes.length;
      // A run wholly outside the notes section is all prose; most are.
      const prose = !bounds || r.firstTop + count <= bounds.from || r.firstTop >= bounds.to;
      const last = r.parse.analysis;
      let same = last !== undefined && sameLinks(r.text.links, linkDefinitions, last.links);
      for (let i = 0; same && i < count; i++) same = last!.modes[i] === (prose ? 'prose' : modeAt(bounds, r.firstTop + i));
      if (!same) {
        const modes = Array.from({ length: count }, (_, i) => (prose ? 'prose' : modeAt(bounds, r.firstTop + i)));
        const links = new Map<string, string>();
        for (const id of r.text.links) {
          const url = linkDefinitions.get(id);
          if (url !== undefined) links.set(id, url);
        }
        r.parse.analysis = undefined;
        jobs.push({ parse: r.parse, modes, links });
      }
    }
    return { text, runs, topNodes, bounds, jobs };
  }

  /** The model of a planned version, once every job has been done. */
  assemble(plan: Plan): BriefingModel {
    const { text, runs, topNodes, bounds } = plan;
    const pieces: Piece[] = runs.map((r) => {
      if (!r.parse.analysis) throw new Error('a run of the plan has not been analysed');
      return { analysis: r.parse.analysis.result, shift: r.start - r.parse.prefix, firstTop: r.firstTop };
    });
    const frontMatter = runs[0]?.parse.frontMatter ?? { briefing: false, facts: undefined, span: undefined };
    return assembleModel({ text, topNodes, bounds, frontMatter }, pieces, this.assembled);
  }
}

/** The runs of a version: their starts, ascending, and what is known of each run's text. */
interface RunsByStart {
  starts: number[];
  texts: RunText[];
}

function runAtStart(runs: RunsByStart, start: number): RunText | undefined {
  const i = firstAtOrAbove(runs.starts, start);
  return runs.starts[i] === start ? runs.texts[i] : undefined;
}

/** Whether the links a run uses have the destinations its last analysis read. */
function sameLinks(ids: readonly string[], now: ReadonlyMap<string, string>, then: ReadonlyMap<string, string>): boolean {
  for (const id of ids) if (now.get(id) !== then.get(id)) return false;
  return true;
}

/** Whether two sets of label definitions define the same labels alike. */
function sameLabelDefinitions(a: ReadonlyMap<string, LabelDefinition>, b: ReadonlyMap<string, LabelDefinition>): boolean {
  if (a.size !== b.size) return false;
  for (const [key, d] of a) if (b.get(key)?.line !== d.line) return false;
  return true;
}

/** The index of the run holding top-level block `top`. */
function runAt(runs: readonly Run[], top: number): number {
  let low = 0;
  let high = runs.length - 1;
  while (low < high) {
    const mid = (low + high + 1) >> 1;
    if (runs[mid]!.firstTop <= top) low = mid;
    else high = mid - 1;
  }
  return low;
}

function append<T>(into: T[], items: readonly T[]): void {
  for (const item of items) into.push(item);
}

/** The link identifiers among the labels a run uses (their destinations decide its analysis). */
function linksOf(used: Set<string>): string[] {
  return [...used]
    .filter((k) => k.startsWith('link:'))
    .map((k) => k.slice(5))
    .sort();
}

function keyOf(definitions: readonly LabelDefinition[]): string {
  return definitions.map((d) => d.line).join('\n');
}

/** The length of the longest common prefix of `a` and `b`. */
function commonPrefix(a: string, b: string): number {
  const max = Math.min(a.length, b.length);
  let n = 0;
  // Comparing slices runs in native code; characters are compared one by one only near the difference.
  for (let step = 4096; step >= 1; step >>= 4) {
    while (n + step <= max && a.slice(n, n + step) === b.slice(n, n + step)) n += step;
  }
  return n;
}

/** The length of the longest common suffix of `a` and `b` that does not overlap a common prefix of length `prefix`. */
function commonSuffix(a: string, b: string, prefix: number): number {
  const max = Math.min(a.length, b.length) - prefix;
  let n = 0;
  for (let step = 4096; step >= 1; step >>= 4) {
    while (n + step <= max && a.slice(a.length - n - step, a.length - n) === b.slice(b.length - n - step, b.length - n)) n += step;
  }
  return n;
}
