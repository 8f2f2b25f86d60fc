import type { Root } from 'mdast';
import { readFrontMatter } from '../markdown/frontMatter';
import { parseMarkdown } from '../markdown/parse';
import type { BriefingModel } from '../model';
import { assembleModel } from './assemble';
import { definitionMap, linkDefinitionsIn } from './linkDefinitions';
import { findNotesSection, modeAt, topNodeOf } from './outline';
import { fillMissingPositions } from './prose';
import { analyzeSegment } from './segment';

export interface AnalyzeOptions {
  /** What a statistic's citation must share with it: its sentence (default) or paragraph. */
  citationScope?: 'sentence' | 'paragraph';
}

/** What the model says about a document's front matter, from its parsed tree. */
export function frontMatterOf(tree: Root): BriefingModel['frontMatter'] {
  const first = tree.children[0];
  const span = first?.type === 'yaml' ? { start: first.position!.start.offset!, end: first.position!.end.offset! } : undefined;
  return { ...readFrontMatter(tree), span };
}

/**
 * Analyses a briefing: finds its notes (both styles), citations, sentences and
 * statistics. Pure: text in, model out. The whole document is one run of blocks here;
 * IncrementalAnalyzer analyses runs separately and gets the same model.
 */
export function analyzeBriefing(text: string, options: AnalyzeOptions = {}): BriefingModel {
  const tree = parseMarkdown(text);
  fillMissingPositions(tree, text);
  const topNodes = tree.children.map((node) => topNodeOf(node, text));
  const bounds = findNotesSection(topNodes, text.length);
  const modes = topNodes.map((_, i) => modeAt(bounds, i));
  const analysis = analyzeSegment(text, tree.children, modes, definitionMap(linkDefinitionsIn(tree)), options);
  return assembleModel({ text, topNodes, bounds, frontMatter: frontMatterOf(tree) }, [{ analysis, shift: 0, firstTop: 0 }]);
}
