/**
 * What the VS Code client and the language server say to each other beyond LSP itself:
 * command ids, their arguments and results, and the shape of `Diagnostic.data`. Other
 * editors call the same `workspace/executeCommand` commands, so these are a public
 * contract of `briefing-language-server`, not an internal detail.
 */
import type { FactToWrite, SourceToWrite } from '../core';

/** Commands the server executes (`workspace/executeCommand`). */
export const ServerCommands = {
  /** Renumbers the notes of a briefing in order of first reference. Args: [DocumentArgs]. */
  renumberNotes: 'briefing.server.renumberNotes',
  /** Converts `[n]` endnotes to `[^n]` footnotes. Args: [DocumentArgs]. */
  convertToFootnotes: 'briefing.server.convertToFootnotes',
  /** Inserts a citation of a source at a position. Args: [InsertCitationArgs]. */
  insertCitation: 'briefing.server.insertCitation',
  /** Inserts a fact's figure and a citation of its source at a position. Args: [InsertFactArgs]. */
  insertFact: 'briefing.server.insertFact',
  /** Searches the facts loaded for a briefing. Args: [SearchFactsArgs]. Result: FactItem[]. */
  searchFacts: 'briefing.server.searchFacts',
  /** Lists the sources loaded for a briefing. Args: [DocumentArgs]. Result: SourceItem[]. */
  listSources: 'briefing.server.listSources',
  /** Records a figure as a new fact of its cited source, in that source's JSON fact file. Args: [RecordFactArgs]. Result: EditResult. */
  recordFact: 'briefing.server.recordFact',
  /** Lists every briefing of the workspace. Args: []. Result: string[] (URIs). */
  listBriefings: 'briefing.server.listBriefings',
  /** Checks briefings (open or not) and publishes their diagnostics. Args: [CheckFilesArgs]. Result: CheckFilesResult. */
  checkFiles: 'briefing.server.checkFiles',
  /** Lists the fact files loaded for a briefing (or all of the workspace). Args: [DocumentArgs?]. Result: string[] (URIs). */
  listFactFiles: 'briefing.server.listFactFiles',
  /** The figures of a selection in any text, each with the fact it proposes. Args: [ProposeFactsArgs]. Result: ProposeFactsResult. */
  proposeFacts: 'briefing.server.proposeFacts',
  /** Adds a fact (and a new source) to a JSON, YAML or CSV fact file, or creates a JSON one, as one edit. Args: [AddFactArgs]. Result: AddFactResult. */
  addFact: 'briefing.server.addFact',
  /** How many figures a briefing has and how many have findings, for a status bar. Args: [DocumentArgs]. Result: FigureCounts. */
  figureCounts: 'briefing.server.figureCounts',
  /** How many statistics of the workspace's briefings each fact supports. Args: []. Result: FactUsage. */
  factUsage: 'briefing.server.factUsage',
  /** Where the statistics of the workspace's briefings that a fact supports are. Args: [FactUsesArgs]. Result: FactUse[]. */
  factUses: 'briefing.server.factUses',
} as const;

/**
 * Commands of the VS Code client that the server attaches to code actions when the client
 * lists them in `InitializationOptions.clientCommands` (other editors get server-side fixes).
 */
export const ClientCommands = {
  insertCitation: 'briefing.insertCitation',
  findFact: 'briefing.findFact',
  /** "Record as a new fact…": the Add Fact flow for a figure of a briefing. Args: [RecordFigureArgs]. */
  recordFigure: 'briefing.recordFigure',
} as const;

export const ALL_SERVER_COMMANDS: string[] = Object.values(ServerCommands);

export interface Position {
  line: number;
  character: number;
}

export interface DocumentArgs {
  uri: string;
}

/** A statistic of a briefing version, by where it starts (UTF-16 offset). */
export interface RecordFactArgs {
  uri: string;
  version: number;
  offset: number;
}

/**
 * A figure of a briefing to record as a new fact ("Record as a new fact…"), as the quick
 * fix computed it: what the fact would say, and where a citation of its source goes.
 */
export interface RecordFigureArgs {
  uri: string;
  /** The briefing version the figure was read from: the citation goes in only while it is unchanged. */
  version: number;
  /** The figure as written ("51.6 percent") and where it is. */
  figure: string;
  range: Range;
  value: number;
  /** "percent", a currency code, the counted noun; absent when the figure does not say ("$" may be several dollars). */
  unit?: string;
  /** The figure's sentence without notes and markup: the proposed statement. */
  statement: string;
  /** The sources the sentence cites already (`stat.unsupported`); the new fact cites one of them. Empty: an uncited figure. */
  cited: string[];
  /** Where a citation of the new fact's source goes (the end of the figure's sentence); absent when the sentence cites already. */
  citeAt?: Position;
  /**
   * Answers given in advance (scripts, keybindings, tests): each one skips its question.
   * Without `quote` the quote is asked for; without `sourceId` the source is the one the
   * sentence cites, else picked; without `target` the fact file is picked (none asked when
   * only one can hold the fact).
   */
  answers?: { quote?: string; statement?: string; sourceId?: string; target?: string; factId?: string };
}

/** Edits that change the document are sent back with `workspace/applyEdit`; the result says whether the client applied them. */
export interface EditResult {
  applied: boolean;
  /** Why nothing was applied ("the notes are already in order"), for the client to show. */
  message?: string;
}

export interface InsertCitationArgs extends DocumentArgs {
  position: Position;
  sourceId: string;
  locator?: string;
}

export interface InsertFactArgs extends DocumentArgs {
  position: Position;
  factId: string;
}

export interface SearchFactsArgs {
  /** The briefing the facts are loaded for; without it, every fact file of the workspace. */
  uri?: string;
  query: string;
  limit?: number;
}

export interface FactItem {
  id: string;
  statement: string;
  value: number;
  unit: string;
  /** The value in words, as messages show it ("46 percent", "USD 2,100,000,000"). */
  display: string;
  source: string;
  sourceTitle: string | undefined;
  quote: string;
  /** The id of the fact that replaces this one, when a newer figure does. */
  supersededBy?: string;
  /** Where in the source (`table 4`), as a citation writes it after the key. */
  locator?: string;
  /** URI of the fact file and the line of the fact, for "open". */
  file: string;
  line: number;
}

export interface SourceItem {
  id: string;
  title: string;
  publisher: string | undefined;
  published: string | undefined;
  url: string | undefined;
  facts: number;
  file: string;
  line: number;
}

export interface CheckFilesArgs {
  uris: string[];
}

export interface CheckFilesResult {
  checked: number;
  errors: number;
  warnings: number;
  infos: number;
  /**
   * The problems of the fact files the checked briefings load, by URI (published too).
   * Kept apart from the counts above: briefings of several batches share fact files, and
   * the caller counts each file once.
   */
  factFiles?: Record<string, { errors: number; warnings: number; infos: number }>;
}

/** `Diagnostic.data` of a briefing diagnostic: enough to rebuild its quick fixes. */
export interface DiagnosticData {
  /** The document version the diagnostic was computed for; stale fixes are not offered. */
  version: number;
  factId?: string;
}

/** What `activate` returns: the running client, for tests and other extensions. */
export interface BriefingExtensionApi<Client = unknown> {
  readonly client: Client;
  /** The text of the briefing's status-bar item ("Figures: 14 checked · 1 wrong"), for tests. */
  readonly figureStatus?: () => string | undefined;
  /** What the Facts view shows, for tests. */
  readonly factsView?: () => FactsViewSnapshot;
}

/** What the Facts view shows: the briefing, the filter, each fact file with its facts (label, usage, replacement). */
export interface FactsViewSnapshot {
  briefing: string | undefined;
  filter: string;
  files: { file: string; facts: { id: string; label: string; uses: number; supersededBy?: string }[] }[];
}

/** Initialization options the VS Code client sends (other clients may omit them). */
export interface InitializationOptions {
  /** Client-side commands the server may attach to code actions (VS Code's pickers); none for other editors. */
  clientCommands?: string[];
  /**
   * Whether the outline lists headings (default true). VS Code's own Markdown extension
   * already gives them, so its client asks for the Notes group only.
   */
  headingSymbols?: boolean;
  /** False in VS Code's Restricted Mode: no fact file outside the workspace folders is read. */
  trusted?: boolean;
}

/** Notification client → server when the user trusts the workspace. */
export const TRUST_CHANGED_NOTIFICATION = 'briefing/didChangeTrust';
export interface TrustChangedParams {
  trusted: boolean;
}

export interface Range {
  start: Position;
  end: Position;
}

export interface ProposeFactsArgs {
  /** The text the selection is in (any file: a source's text, a saved page, notes). */
  text: string;
  selection: Range;
  /** The briefing the fact is for: ids are made unique among its facts. */
  briefing?: string;
  /** The source the fact will cite, for its proposed id; without it, ids start with "fact". */
  sourceId?: string;
}

export interface FactProposal {
  /** The figure as the text writes it ("51.6 percent"). */
  figure: string;
  range: Range;
  value: number;
  /** Proposed unit ("percent", "USD", "workers"); absent when the figure does not say ("$" may be several dollars). */
  unit?: string;
  statement: string;
  id: string;
}

export interface ProposeFactsResult {
  /** The selection, whitespace collapsed: the fact's quote. */
  quote: string;
  proposals: FactProposal[];
  /** Where the text says it came from (a URL on its first lines, a saved page's address). */
  url?: string;
}

/** A fact to add, as the fact file will hold it (core's type, so the two cannot drift). */
export type NewFactFields = FactToWrite;

/** A source to define along with it. */
export type NewSourceFields = SourceToWrite;

export interface AddFactArgs {
  /** URI of the fact file to add to, or (with `create`) to create as a JSON fact file. */
  target: string;
  create?: boolean;
  fact: NewFactFields;
  /** A source to define in the target along with the fact. */
  source?: NewSourceFields;
  /** The briefing the fact is for: its id must be new there, and its source known (or given). */
  briefing?: string;
  /** False: only compute the edit and return it. Default true: apply it with workspace/applyEdit. */
  apply?: boolean;
}

export interface AddFactResult extends EditResult {
  /** The edit (applied or, with `apply: false`, to apply). */
  edit?: { changes?: Record<string, { range: Range; newText: string }[]>; documentChanges?: unknown[] };
}

export interface FigureCounts {
  /** Statistics the briefing states. */
  figures: number;
  /**
   * The briefing's findings per code, every one of them (the diagnostics an editor is given
   * may be fewer: `briefing.maxProblems`); codes turned `off` are absent.
   */
  findings: Record<string, number>;
}

export interface FactUsage {
  /** Briefings checked. */
  briefings: number;
  /** Fact id → statistics it supports, across those briefings (a fact no briefing uses is absent). */
  supported: Record<string, number>;
}

export interface FactUsesArgs {
  factId: string;
}

/** A statistic a fact supports: where it is and its sentence, for a list of uses. */
export interface FactUse {
  uri: string;
  range: Range;
  /** The sentence the statistic stands in, whitespace collapsed. */
  sentence: string;
}
