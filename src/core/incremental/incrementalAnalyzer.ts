import type { AnalyzeOptions } from '../analyze/analyzeBriefing';
import { assembleModel, type Piece } from '../analyze/assemble';
import { definitionMap } from '../analyze/linkDefinitions';
import { findNotesSection, modeAt, type TopMode, type TopNode } from '../analyze/outline';
import { analyzeSegment } from '../analyze/segment';
import type { BriefingModel } from '../model';
import { cut } from './boundaries';
import { footnoteLabelDefinition, labelsUsedIn, linkLabelDefinition, normalizeLabel, type LabelDefinition } from './labels';
import { ParsedRun } from './runParse';

/** What is known of one run's text, whatever the rest of the document says. */
interface RunText {
  /** Labels the run may look up. */
  used: Set<string>;
  /** Of those, the link identifiers (whose destinations the analysis reads). */
  links: string[];
  /** Parses of the run, by the definitions it was given. */
  parses: Map<string, ParsedRun>;
  /** Any parse: whether the cut after it is sound and what it defines do not depend on the definitions given. */
  any: ParsedRun;
}

interface Run {
  start: number;
  text: RunText;
  parse: ParsedRun;
}

// Lines that may define a label, to guess a new run's definitions before parsing the
// runs that hold them; a wrong guess only costs a second parse.
const DEFINITION_LINE = /^[ \t>]*(?:(?:[-*+]|\d{1,9}[.)])[ \t]+)?\[(\^?)((?:[^[\]\\]|\\[\s\S]){1,1000})\]:/gm;

/**
 * Analyses successive versions of one briefing, re-parsing and re-analysing only the runs
 * of top-level blocks that changed. `update(text)` returns the same model as
 * `analyzeBriefing(text, options)`.
 */
export class IncrementalAnalyzer {
  /** The last version, and its runs by `start:end`. */
  private text = '';
  private lead = '';
  private runs = new Map<string, RunText>();
  /** The label definitions of the last version: the first guess for a new run's. */
  private labels = new Map<string, LabelDefinition>();

  constructor(readonly options: AnalyzeOptions = {}) {}

  update(text: string): BriefingModel {
    const { starts, lead } = cut(text);
    // Runs wholly before or after the edited part are the last version's, maybe moved.
    const before = lead === this.lead ? commonPrefix(this.text, text) : 0;
    const after = lead === this.lead ? commonSuffix(this.text, text, before) : 0;
    const delta = text.length - this.text.length;
    const previous = this.runs;
    const current = new Map<string, RunText>();
    // Before the first version there is nothing to go by but the text.
    const cold = this.text === '' && this.labels.size === 0;
    const guessed = cold ? this.guessLabels(text, new Map()) : this.labels;
    const textOf = (start: number, end: number): RunText => {
      const first = start === 0;
      const last = end === text.length;
      const moved = end <= before ? 0 : start >= text.length - after ? delta : undefined;
      const old = moved === undefined ? undefined : previous.get(`${start - moved}:${end - moved}`);
      let known = old && old.any.place.first === first && old.any.place.last === last ? old : undefined;
      if (!known) {
        const source = text.slice(start, end);
        const used = labelsUsedIn(source);
        const definitions = relevant(used, cold ? guessed : this.guessLabels(source, guessed));
        const parse = new ParsedRun(source, definitions, { first, last }, lead);
        const links = [...used].filter((k) => k.startsWith('link:')).map((k) => k.slice(5)).sort();
        known = { used, links, parses: new Map([[keyOf(definitions), parse]]), any: parse };
      }
      current.set(`${start}:${end}`, known);
      return known;
    };

    // Runs whose cut the parser does not confirm join the next one.
    const found: { start: number; end: number; text: RunText }[] = [];
    for (let i = 0; i < starts.length; ) {
      const start = starts[i]!;
      let j = i + 1;
      let end = starts[j] ?? text.length;
      let run = textOf(start, end);
      while (!run.any.sound) {
        end = starts[++j] ?? text.length;
        run = textOf(start, end);
      }
      found.push({ start, end, text: run });
      i = j;
    }

    // Definitions anywhere in the document decide what each run's brackets are.
    const labels = new Map<string, LabelDefinition>();
    const linkDefinitions = definitionMap(found.flatMap((r) => r.text.any.linkDefinitions));
    for (const r of found) for (const d of r.text.any.labelDefinitions) if (!labels.has(d.key)) labels.set(d.key, d);
    this.labels = labels;
    this.text = text;
    this.lead = lead;
    this.runs = current;
    const runs: Run[] = found.map((r) => {
      const definitions = relevant(r.text.used, labels);
      const key = keyOf(definitions);
      let parse = r.text.parses.get(key);
      if (!parse) {
        parse = new ParsedRun(text.slice(r.start, r.end), definitions, { first: r.start === 0, last: r.end === text.length }, lead);
        // Only the parse this version uses is kept.
        r.text.parses.clear();
        r.text.parses.set(key, parse);
      }
      return { start: r.start, text: r.text, parse };
    });

    const topNodes: TopNode[] = [];
    for (const r of runs) {
      const shift = r.start - r.parse.prefix;
      for (const n of r.parse.topNodes) topNodes.push({ ...n, span: { start: n.span.start + shift, end: n.span.end + shift } });
    }
    const bounds = findNotesSection(topNodes, text.length);
    const pieces: Piece[] = [];
    let firstTop = 0;
    for (const r of runs) {
      const count = r.parse.topNodes.length;
      const modes = Array.from({ length: count }, (_, i) => modeAt(bounds, firstTop + i));
      const own = new Map<string, string>();
      for (const id of r.text.links) {
        const url = linkDefinitions.get(id);
        if (url !== undefined) own.set(id, url);
      }
      const key = modes.map((m) => MODE_CODE[m]).join('') + JSON.stringify([...own]);
      let analysis = r.parse.analyses.get(key);
      if (!analysis) {
        analysis = analyzeSegment(r.parse.source, r.parse.blocks(), modes, own, this.options);
        r.parse.analyses.clear();
        r.parse.analyses.set(key, analysis);
        r.parse.release();
      }
      pieces.push({ analysis, shift: r.start - r.parse.prefix, firstTop });
      firstTop += count;
    }
    const frontMatter = runs[0]?.parse.frontMatter ?? { briefing: false, facts: undefined, span: undefined };
    return assembleModel({ text, topNodes, bounds, frontMatter }, pieces);
  }

  /** `known` and the lines of `text` that look like definitions. */
  private guessLabels(text: string, known: Map<string, LabelDefinition>): Map<string, LabelDefinition> {
    const guess = new Map(known);
    for (const m of text.matchAll(DEFINITION_LINE)) {
      const identifier = normalizeLabel(m[2]!);
      const d = m[1] ? footnoteLabelDefinition(identifier, m[2]!) : linkLabelDefinition(identifier, m[2]!);
      if (!guess.has(d.key)) guess.set(d.key, d);
    }
    return guess;
  }
}

const MODE_CODE: Record<TopMode, string> = { prose: 'p', notesHeading: 'h', notes: 'n' };

/** The definitions of the labels a run uses, in a stable order. */
function relevant(used: Set<string>, labels: Map<string, LabelDefinition>): LabelDefinition[] {
  const found: LabelDefinition[] = [];
  for (const key of used) {
    const d = labels.get(key);
    if (d) found.push(d);
  }
  return found.sort((a, b) => (a.key < b.key ? -1 : a.key > b.key ? 1 : 0));
}

function keyOf(definitions: LabelDefinition[]): string {
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
