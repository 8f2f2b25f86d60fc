/**
 * Semantic tokens: every statistic the engine read, exactly as it reads it. The TextMate
 * grammar can only guess with regular expressions (it misses counts such as "3,000
 * workers" and figures that wrap onto the next line); the server knows. Tokens are one
 * line each, so a wrapped figure is split at its line breaks.
 */
import { SemanticTokensBuilder, type SemanticTokens, type SemanticTokensLegend } from 'vscode-languageserver';
import type { Analysis } from '../analysis';

export const SEMANTIC_TOKENS_LEGEND: SemanticTokensLegend = { tokenTypes: ['statistic'], tokenModifiers: [] };

export function semanticTokens(analysis: Analysis): SemanticTokens {
  const { document, result } = analysis;
  const builder = new SemanticTokensBuilder();
  const text = result.model.text;
  for (const stat of result.model.stats) {
    let start = stat.span.start;
    while (start < stat.span.end) {
      let end = start;
      while (end < stat.span.end && text[end] !== '\n' && text[end] !== '\r') end++;
      if (end > start) {
        const at = document.positionAt(start);
        builder.push(at.line, at.character, end - start, 0, 0);
      }
      start = end;
      while (start < stat.span.end && (text[start] === '\n' || text[start] === '\r' || text[start] === ' ' || text[start] === '\t'))
        start++;
    }
  }
  return builder.build();
}
