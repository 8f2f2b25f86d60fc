import type { Nodes, Root, RootContent } from 'mdast';
import remarkGfm from 'remark-gfm';
import remarkParse from 'remark-parse';
import { unified } from 'unified';
import { frontMatterOf } from '../analyze/analyzeBriefing';
import { linkDefinitionsIn, type LinkDefinition } from '../analyze/linkDefinitions';
import { topNodeOf, type TopMode, type TopNode } from '../analyze/outline';
import { fillMissingPositions } from '../analyze/prose';
import type { SegmentAnalysis } from '../analyze/segment';
import { parseMarkdown } from '../markdown/parse';
import type { BriefingModel } from '../model';
import { footnoteLabelDefinition, linkLabelDefinition, type LabelDefinition } from './labels';

// Front matter exists only at the start of the document: later runs parse without it, or a
// run opening with `---` lines would read them as front matter (a lead, see Cuts, parses
// with it, as it is the start of a document).
const withoutFrontMatter = unified().use(remarkParse).use(remarkGfm).freeze();

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

/**
 * One run of top-level blocks, parsed alone. The parser is given definitions of the labels
 * the run may use (after the run, or for the last run before it, so that an unclosed code
 * block cannot swallow them) and, right after every run but the last, a sentinel line: it is
 * parsed as a top-level block of its own only if nothing in the run stays open across the
 * line that follows the run in the document, i.e. only if the cut after the run is sound.
 */
export class ParsedRun {
  /** Whether the cut after the run is sound (always true for the last run). */
  readonly sound: boolean;
  /** Offsets in `input` minus this are offsets in the run. */
  readonly prefix: number;
  /** The run's top-level blocks, offsets in `input`. */
  readonly topNodes: TopNode[];
  /** Definitions the run makes, in order. */
  readonly linkDefinitions: LinkDefinition[];
  readonly labelDefinitions: LabelDefinition[];
  readonly frontMatter: BriefingModel['frontMatter'] | undefined;
  /** The last analysis of the run, with the modes and link destinations it was made for. */
  analysis: { modes: TopMode[]; links: Map<string, string>; result: SegmentAnalysis } | undefined;
  /** The parsed blocks; dropped once analysed (a run is re-parsed if it needs analysing again). */
  private nodes: RootContent[] | undefined;
  private readonly input: string;

  constructor(
    text: string,
    definitions: readonly LabelDefinition[],
    readonly place: RunPlace,
    private readonly lead: string,
  ) {
    const defs = definitions.map((d) => `${d.line}\n\n`).join('');
    const before = (place.first ? '' : lead) + (place.last && !place.first ? defs : '');
    this.prefix = before.length;
    const end = this.prefix + text.length;
    this.input = before + text + (place.last ? '' : `${place.next}\n\n${defs}`);
    const tree = this.parse();
    const nodes = tree.children.filter((n) => n.position!.start.offset! >= this.prefix && n.position!.start.offset! < end);
    this.nodes = nodes;
    this.sound = place.last || (tree.children.some((n) => n.position!.start.offset === end) && nodes.every((n) => n.position!.end.offset! <= end));
    this.topNodes = nodes.map((n) => topNodeOf(n, this.input));
    this.linkDefinitions = [];
    for (const n of nodes) linkDefinitionsIn(n, this.linkDefinitions);
    this.labelDefinitions = [];
    for (const n of nodes) labelDefinitionsIn(n, this.labelDefinitions);
    this.frontMatter = place.first ? frontMatterOf({ type: 'root', children: nodes }) : undefined;
  }

  /** The text the run was parsed from; its offsets are those of `topNodes` and the analyses. */
  get source(): string {
    return this.input;
  }

  /** The parsed blocks, for one analysis; the tree is not kept after `release`. */
  blocks(): RootContent[] {
    if (!this.nodes) {
      const tree = this.parse();
      this.nodes = tree.children.filter((n) => n.position!.start.offset! >= this.prefix).slice(0, this.topNodes.length);
    }
    return this.nodes;
  }

  release(): void {
    this.nodes = undefined;
  }

  private parse(): Root {
    const tree = this.place.first || this.lead ? parseMarkdown(this.input) : withoutFrontMatter.parse(this.input);
    fillMissingPositions(tree, this.input);
    return tree;
  }
}

/** Link and footnote definitions a block makes (containers only: none sits in inline content). */
function labelDefinitionsIn(node: Nodes, into: LabelDefinition[]): void {
  if (node.type === 'definition') into.push(linkLabelDefinition(node.identifier.toLowerCase(), node.label ?? node.identifier));
  else if (node.type === 'footnoteDefinition') into.push(footnoteLabelDefinition(node.identifier.toLowerCase(), node.label ?? node.identifier));
  if ('children' in node && node.type !== 'paragraph' && node.type !== 'heading' && node.type !== 'table') {
    for (const child of node.children as Nodes[]) labelDefinitionsIn(child, into);
  }
}
