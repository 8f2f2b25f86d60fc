/**
 * The `briefing.*` settings, per resource: asked of the client with
 * `workspace/configuration` (so folder and language overrides apply), cached per URI,
 * and cleared on `workspace/didChangeConfiguration`. Clients without the configuration
 * request get the settings pushed with didChangeConfiguration, or the defaults.
 */
import type { Connection } from 'vscode-languageserver';
import { isRuleCode, parseStaleAfter, type RuleSetting } from '../core';

export interface BriefingSettings {
  /** Globs (relative to the workspace folder) of the Markdown files that are briefings. */
  files: string[];
  /**
   * Globs of the fact files every briefing without front-matter `facts:` loads; empty (the
   * default) means each briefing finds its own, in its folder and the folders above.
   */
  factFiles: string[];
  /** Globs (relative to the workspace folder) of bibliographies every briefing loads, besides its front matter `bibliography:`. */
  bibliographies: string[];
  /** Severity or `off` per diagnostic code. */
  rules: Partial<Record<string, RuleSetting>>;
  citationScope: 'sentence' | 'paragraph';
  /** `briefing.staleAfter` ("2y", "18m", "90d"), which turns fact.stale on; empty: off. */
  staleAfter: string;
  /**
   * The most diagnostics published for one file, the notice of the rest included; 0: no
   * limit. VS Code shows at most 1000 per file anyway (see problemLimit.ts).
   */
  maxProblems: number;
}

export const DEFAULT_SETTINGS: BriefingSettings = {
  files: ['**/*.brief.md'],
  factFiles: [],
  bibliographies: [],
  rules: {},
  citationScope: 'sentence',
  staleAfter: '',
  maxProblems: 1000,
};

/** Every fact file of a folder, for the fact files' own diagnostics and for pickers with no briefing open. */
export const ALL_FACT_FILES: readonly string[] = ['**/*.facts.{json,yaml,yml,csv,tsv,xlsx}'];

/** The globs that find a folder's fact files: the user's, or all of them. */
export function factFileGlobs(settings: BriefingSettings): readonly string[] {
  return settings.factFiles.length > 0 ? settings.factFiles : ALL_FACT_FILES;
}

const RULE_SETTINGS = new Set(['off', 'info', 'warning', 'error']);

/** Reads untrusted JSON into settings, keeping defaults for anything malformed. */
export function normalizeSettings(raw: unknown): BriefingSettings {
  const value = (raw && typeof raw === 'object' ? raw : {}) as Record<string, unknown>;
  const globs = (v: unknown, fallback: string[]) =>
    Array.isArray(v) ? v.filter((g): g is string => typeof g === 'string' && g.trim() !== '') : fallback;
  const rules: Partial<Record<string, RuleSetting>> = {};
  if (value.rules && typeof value.rules === 'object') {
    for (const [code, setting] of Object.entries(value.rules as Record<string, unknown>)) {
      // "warn" is what ESLint users type; accept it rather than silently ignore it.
      const s = setting === 'warn' ? 'warning' : setting === 'information' ? 'info' : setting;
      if (isRuleCode(code) && typeof s === 'string' && RULE_SETTINGS.has(s)) rules[code] = s as RuleSetting;
    }
  }
  return {
    files: globs(value.files, DEFAULT_SETTINGS.files),
    factFiles: globs(value.factFiles, DEFAULT_SETTINGS.factFiles),
    bibliographies: globs(value.bibliographies, DEFAULT_SETTINGS.bibliographies),
    rules,
    citationScope: value.citationScope === 'paragraph' ? 'paragraph' : 'sentence',
    staleAfter: typeof value.staleAfter === 'string' && parseStaleAfter(value.staleAfter) ? value.staleAfter.trim() : '',
    maxProblems:
      typeof value.maxProblems === 'number' && Number.isInteger(value.maxProblems) && value.maxProblems >= 0
        ? value.maxProblems
        : DEFAULT_SETTINGS.maxProblems,
  };
}

export class Settings {
  private readonly cache = new Map<string, Promise<BriefingSettings>>();
  /** Settings pushed by didChangeConfiguration, for clients without workspace/configuration. */
  private global: BriefingSettings = DEFAULT_SETTINGS;
  /** Bumped on every change, so a caller can tell its settings went stale during an await. */
  generation = 0;

  constructor(
    private readonly connection: Connection,
    private readonly canPull: boolean,
  ) {}

  /** The settings for a document (or folder) URI. */
  get(uri: string): Promise<BriefingSettings> {
    if (!this.canPull) return Promise.resolve(this.global);
    let settings = this.cache.get(uri);
    if (!settings) {
      settings = this.connection.workspace
        .getConfiguration({ scopeUri: uri, section: 'briefing' })
        .then(normalizeSettings, () => DEFAULT_SETTINGS);
      this.cache.set(uri, settings);
    }
    return settings;
  }

  /** didChangeConfiguration: forget everything; `pushed` is the `settings` of the notification. */
  changed(pushed: unknown): void {
    this.cache.clear();
    this.generation++;
    if (!this.canPull) {
      const section = pushed && typeof pushed === 'object' ? (pushed as Record<string, unknown>).briefing : undefined;
      this.global = normalizeSettings(section);
    }
  }

  forget(uri: string): void {
    this.cache.delete(uri);
  }
}
