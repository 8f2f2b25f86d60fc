/**
 * The public face of the engine: what the CLI, the language server, the Node helpers and
 * the VS Code client use of it. They import the core through this file only; the modules
 * behind it are free to move. Tests may reach inside.
 */

// Checking a briefing.
export { analyzeBriefing, type AnalyzeOptions } from './analyze/analyzeBriefing';
export type { TopMode } from './analyze/outline';
export type { SegmentAnalysis, SegmentOptions } from './analyze/segment';
export { checkBriefing, checkModel, type CheckOptions, type CheckResult } from './check';
export type { BriefingModel, NoteDef, NoteNamespace, NoteRef, Statistic } from './model';
export { noteKey, refKey } from './notes/resolve';
export { LineMap } from './positions';
export type { Finding, FixData, Span, TextEdit } from './types';

// Rules and their settings.
export { isRuleCode, RULES, RULE_CODES, ruleDocUrl, severityFor, type RuleCode, type RuleSetting, type Severity } from './codes';
export { parseStaleAfter } from './rules/fact.stale';
export { verifiedQuotationAt } from './rules/quote.mismatch';

// Incremental checking, and long texts parsed in chunks (worker threads).
export { ChunkedAnalysis, parseChunk, planChunks, type ChunkContext, type ChunkParse, type ChunkRequest } from './incremental/chunks';
export type { AnalysisJob } from './incremental/incrementalAnalyzer';
export { IncrementalChecker } from './incremental/incrementalChecker';
export type { LabelDefinition } from './incremental/labels';
export { ParsedRun, type ParsedRunData } from './incremental/runParse';

// Fact files.
export {
  briefingFactFileFindings,
  frontMatterFactEntries,
  isBrokenJson,
  loadedFileStatus,
  missingFileStatus,
  type FactFileStatus,
} from './facts/briefingFactFiles';
export { FactIndex, type FactEntry, type SourceEntry } from './facts/factIndex';
export type { LoadedFactFile, ParsedFactFile } from './facts/parseFactFile';
export { factFileFormatOf, parseFactSource } from './facts/parseFactSource';
export { SOURCE_ID_PATTERN, type Fact } from './facts/schema';
export { readFrontMatterOf } from './markdown/frontMatter';

// Bibliographies.
export { bibliographyAsFactFile, entryLink, formatNames } from './bibliography/bibliographySources';
export { frontMatterReferences } from './bibliography/frontMatterReferences';
export { BibtexCache, parseBibliography } from './bibliography/parseBibliography';
export type { BibEntry } from './bibliography/types';

// Statistics.
export { claimAdmits } from './stats/claim';
export { prepareStatistics } from './stats/matchStatistic';
export { quoteFigureSupporting } from './stats/quoteFigures';
export { unitKeyOfFact, unitKeysOfStatistic } from './stats/unitKeys';
export { describeValue, withThousandsCommas } from './stats/valueWording';

// Fixes and edits.
export { appendToFactFile, newJsonFactFile, type FactToWrite, type SourceToWrite } from './fixes/appendFact';
export { convertEndnotesFix } from './fixes/convertEndnotes';
export { figuresInSelection, quoteOf, recordedUrlOf } from './fixes/factFromSelection';
export { insertCitationFix, nextNoteNumber, sentenceEnd } from './fixes/insertCitation';
export { appendFactEdit, factIdFor, factUnitOf, newFactFor } from './fixes/newFact';
export { renumberBlocker, renumberFix } from './fixes/renumber';
export { applySafeFixes } from './fixes/safeFixes';
export { sourceIdFor } from './fixes/sourceId';
