/**
 * How many statistics of the workspace's briefings each fact supports, for the Facts
 * view's usage counts: every briefing is checked (open ones as they stand in the editor,
 * others from disk) and each supported statistic counts for its fact.
 */
import { readFile } from 'node:fs/promises';
import type { FactUsage } from '../../shared/protocol';
import type { Analysis, Analyzer } from '../analysis';
import { uriToPath } from '../workspace';
import { listBriefings } from './workspaceCheck';

export async function factUsage(analyzer: Analyzer): Promise<FactUsage> {
  const usage: FactUsage = { briefings: 0, supported: {} };
  for (const uri of await listBriefings(analyzer)) {
    const analysis = await analysisOf(analyzer, uri);
    if (!analysis) continue;
    usage.briefings++;
    for (const match of analysis.result.matches) {
      if (match.status !== 'supported' || !match.fact) continue;
      const id = match.fact.fact.id;
      usage.supported[id] = (usage.supported[id] ?? 0) + 1;
    }
  }
  return usage;
}

async function analysisOf(analyzer: Analyzer, uri: string): Promise<Analysis | undefined> {
  if (analyzer.documents.get(uri)) return analyzer.analyze(uri).catch(() => undefined);
  const path = uriToPath(uri);
  const text = path === undefined ? undefined : await readFile(path, 'utf8').catch(() => undefined);
  return text === undefined ? undefined : analyzer.analyzeText(uri, text.replace(/^\uFEFF/, '')).catch(() => undefined);
}
