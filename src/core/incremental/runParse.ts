import type { Nodes, Root, RootContent } from 'mdast';
import { frontMatterOf } from '../analyze/analyzeBriefing';
import { linkDefinitionsIn, type LinkDefinition } from '../analyze/linkDefinitions';
import { topNodeOf, type TopMode, type TopNode } from '../analyze/outline';
import { fillMissingPositions } from '../analyze/prose';
import { analyzeSegment, type SegmentAnalysis, type SegmentOptions } from '../analyze/segment';
import { parseMarkdown } from '../markdown/parse';
import type { BriefingModel } from '../model';
import { footnoteLabelDefinition, linkLabelDefinition, type LabelDefinition } from './labels';

/** Where a run sits in its document, which decides how it is parsed. */
export interface RunPlace {
  first: boolean;
  last: boolean;
  /** The sentinel: see sentinelAfter. */
  next: string;
}

/**
 * The line that stands for what follows a run ending at `end` in `text` (none after the
 * last). Whether that line opens a container (a block quote or a footnote definition)
 * decides where a container left open at the end of the run ends, so a line that may is
 * itself the sentinel; such a line cannot swallow what is parsed after it either. Any other
 * line closes what is open alike, as a paragraph does.
 */
export function sentinelAfter(text: string, end: number): string {
  if (end >= text.length) return '';
  const first = text.charCodeAt(end);
  if (first !== 62 && first !== 91) return 'x';
  const lineEnd = text.indexOf('\n', end);
  return text.slice(end, lineEnd < 0 ? text.length : lineEnd).replace(/\r$/, '');
}

/** What a parse of a run found, as plain data: what a worker thread sends back (see ParsedRun.restore). */
export interface ParsedRunData {
  input: string;
  length: number;
  place: RunPlace;
  lead: string;
  sound: boolean;
  prefix: number;
  topNodes: TopNode[];
  linkDefinitions: LinkDefinition[];
  labelDefinitions: LabelDefinition[];
  frontMatter: BriefingModel['frontMatter'] | undefined;
}

/**
 * One run of top-level blocks, parsed alone. The parser is given definitions of the labels
 * the run may use (after the run, or for the last run before it, so that an unclosed code
 * block cannot swallow them) and, right after every run but the last, a sentinel line: it is
 * parsed as a top-level block of its own only if nothing in the run stays open across the
 * line that follows the run in the document, i.e. only if the cut after the run is sound.
 */
export class ParsedRun {
  /** The last analysis of the run, with the modes and link destinations it was made for. */
  analysis: { modes: TopMode[]; links: Map<string, string>; result: SegmentAnalysis } | undefined;
  /** The parsed blocks; dropped once analysed (a run is re-parsed if it needs analysing again). */
  private nodes: RootContent[] | undefined;

  private constructor(
    /** The text the run was parsed from: its offsets are those of `topNodes` and the analyses. */
    readonly source: string,
    readonly place: RunPlace,
    private readonly lead: string,
    /** Whether the cut after the run is sound (always true for the last run). */
    readonly sound: boolean,
    /** Offsets in `source` minus this are offsets in the run. */
    readonly prefix: number,
    /** The length of the run (`source` holds more around it). */
    readonly length: number,
    /** The run's top-level blocks, offsets in `source`. */
    readonly topNodes: TopNode[],
    /** Definitions the run makes, in order. */
    readonly linkDefinitions: LinkDefinition[],
    readonly labelDefinitions: LabelDefinition[],
    readonly frontMatter: BriefingModel['frontMatter'] | undefined,
    nodes: RootContent[] | undefined,
  ) {
    this.nodes = nodes;
  }

  /** Parses `text`, a run of a document at `place`, with `definitions` of labels it may use. */
  static parse(text: string, definitions: readonly LabelDefinition[], place: RunPlace, lead: string): ParsedRun {
    const defs = definitions.map((d) => `${d.line}\n\n`).join('');
    const before = (place.first ? '' : lead) + (place.last && !place.first ? defs : '');
    const prefix = before.length;
    const end = prefix + text.length;
    const input = before + text + (place.last ? '' : `${place.next}\n\n${defs}`);
    const tree = parseRunInput(input, place, lead);
    const nodes = tree.children.filter((n) => n.position!.start.offset! >= prefix && n.position!.start.offset! < end);
    const sound =
      place.last || (tree.children.some((n) => n.position!.start.offset === end) && nodes.every((n) => n.position!.end.offset! <= end));
    const linkDefinitions: LinkDefinition[] = [];
    const labelDefinitions: LabelDefinition[] = [];
    for (const n of nodes) {
      linkDefinitionsIn(n, linkDefinitions);
      labelDefinitionsIn(n, labelDefinitions);
    }
    const frontMatter = place.first ? frontMatterOf({ type: 'root', children: nodes }) : undefined;
    const topNodes = nodes.map((n) => topNodeOf(n, input));
    return new ParsedRun(input, place, lead, sound, prefix, text.length, topNodes, linkDefinitions, labelDefinitions, frontMatter, nodes);
  }

  /** A parse made elsewhere (in a worker thread, which keeps the tree): re-parsed here only if it must be analysed here. */
  static restore(data: ParsedRunData): ParsedRun {
    return new ParsedRun(
      data.input,
      data.place,
      data.lead,
      data.sound,
      data.prefix,
      data.length,
      data.topNodes,
      data.linkDefinitions,
      data.labelDefinitions,
      data.frontMatter,
      undefined,
    );
  }

  /** What a worker thread sends of its parse. */
  toData(): ParsedRunData {
    const { source: input, length, place, lead, sound, prefix, topNodes, linkDefinitions, labelDefinitions, frontMatter } = this;
    return { input, length, place, lead, sound, prefix, topNodes, linkDefinitions, labelDefinitions, frontMatter };
  }

  /** Analyses the run's blocks in `modes`, with the destinations of the links it uses; the tree is then dropped. */
  analyze(modes: TopMode[], links: Map<string, string>, options: SegmentOptions): void {
    this.analysis = { modes, links, result: analyzeSegment(this.source, this.blocks(), modes, links, options) };
    this.nodes = undefined;
  }

  /** The parsed blocks, for one analysis. */
  private blocks(): RootContent[] {
    if (!this.nodes) {
      const tree = parseRunInput(this.source, this.place, this.lead);
      this.nodes = tree.children.filter((n) => n.position!.start.offset! >= this.prefix).slice(0, this.topNodes.length);
    }
    return this.nodes;
  }
}

function parseRunInput(input: string, place: RunPlace, lead: string): Root {
  // Front matter exists only at the start of the document: later runs parse without it, or
  // a run opening with `---` lines would read them as front matter (a lead, see Cuts,
  // parses with it, as it is the start of a document).
  const tree = parseMarkdown(input, place.first || lead !== '');
  fillMissingPositions(tree, input);
  return tree;
}

/** Link and footnote definitions a block makes (containers only: none sits in inline content). */
function labelDefinitionsIn(node: Nodes, into: LabelDefinition[]): void {
  if (node.type === 'definition') into.push(linkLabelDefinition(node.identifier.toLowerCase(), node.label ?? node.identifier));
  else if (node.type === 'footnoteDefinition')
    into.push(footnoteLabelDefinition(node.identifier.toLowerCase(), node.label ?? node.identifier));
  if ('children' in node && node.type !== 'paragraph' && node.type !== 'heading' && node.type !== 'table') {
    for (const child of node.children as Nodes[]) labelDefinitionsIn(child, into);
  }
}
