/**
 * How the statistics of the workspace's briefings use the facts, for the Facts view: how
 * many statistics each fact supports, and where the statistics one fact supports are
 * ("Find Statistics That Use This Fact"). Every briefing is checked (open ones as they
 * stand in the editor, others from disk); a statistic counts for the fact that supports it.
 */
import { readFile } from 'node:fs/promises';
import type { FactUse, FactUsage } from '../../shared/protocol';
import type { Analysis, Analyzer } from '../analysis';
import { toRange } from '../convert';
import { uriToPath } from '../workspace';
import { listBriefings } from './workspaceCheck';

export async function factUsage(analyzer: Analyzer): Promise<FactUsage> {
  const usage: FactUsage = { briefings: 0, supported: {} };
  await eachBriefing(analyzer, (analysis) => {
    usage.briefings++;
    for (const match of analysis.result.matches) {
      if (match.status !== 'supported' || !match.fact) continue;
      const id = match.fact.fact.id;
      usage.supported[id] = (usage.supported[id] ?? 0) + 1;
    }
  });
  return usage;
}

/** The statistics that `factId` supports, in briefing order. */
export async function factUses(analyzer: Analyzer, factId: string): Promise<FactUse[]> {
  const uses: FactUse[] = [];
  await eachBriefing(analyzer, (analysis) => {
    const { model, matches } = analysis.result;
    matches.forEach((match, index) => {
      if (match.status !== 'supported' || match.fact?.fact.id !== factId) return;
      const stat = model.stats[index]!;
      const sentence = model.sentences[stat.sentence]!;
      uses.push({
        uri: analysis.uri,
        range: toRange(analysis.document, stat.span),
        sentence: model.text.slice(sentence.span.start, sentence.span.end).replace(/\s+/g, ' ').trim(),
      });
    });
  });
  return uses;
}

/** The briefings on disk, and those open in the editor only (new, untitled or outside the folders). */
async function eachBriefing(analyzer: Analyzer, visit: (analysis: Analysis) => void): Promise<void> {
  const uris = new Set(await listBriefings(analyzer));
  for (const document of analyzer.documents.all()) if (document.languageId === 'markdown') uris.add(document.uri);
  for (const uri of uris) {
    const analysis = await analysisOf(analyzer, uri);
    if (analysis) visit(analysis);
  }
}

async function analysisOf(analyzer: Analyzer, uri: string): Promise<Analysis | undefined> {
  if (analyzer.documents.get(uri)) return analyzer.analyze(uri).catch(() => undefined);
  const path = uriToPath(uri);
  const text = path === undefined ? undefined : await readFile(path, 'utf8').catch(() => undefined);
  return text === undefined ? undefined : analyzer.analyzeText(uri, text.replace(/^\uFEFF/, '')).catch(() => undefined);
}
