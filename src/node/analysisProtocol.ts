import type { ChunkContext, ChunkRequest, LabelDefinition, ParsedRunData, SegmentAnalysis, SegmentOptions, TopMode } from '../core';

/** Messages between the parallel analysis and its worker threads; `id` names one chunk. */
export type WorkerRequest =
  | { kind: 'parse'; id: number; context: ChunkContext; request: ChunkRequest }
  | { kind: 'analyze'; id: number; modes: TopMode[]; links: Map<string, string>; options: SegmentOptions }
  | { kind: 'forget'; id: number };

export type WorkerReply =
  | { kind: 'parsed'; id: number; start: number; end: number; used: Set<string>; definitions: LabelDefinition[]; data: ParsedRunData }
  | { kind: 'analyzed'; id: number; analysis: SegmentAnalysis }
  | { kind: 'forgotten'; id: number }
  | { kind: 'failed'; id: number; message: string };
