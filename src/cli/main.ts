import { existsSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { availableParallelism, loadavg } from 'node:os';
import { dirname, join, relative, resolve } from 'node:path';
import {
  analyzeBriefing,
  applySafeFixes,
  briefingFactFileFindings,
  type BriefingModel,
  checkModel,
  type FactFileStatus,
  FactIndex,
  type Finding,
  frontMatterReferences,
  isBrokenJson,
  LineMap,
  type LoadedFactFile,
  loadedFileStatus,
  missingFileStatus,
  type ParsedFactFile,
  prepareStatistics,
  readFrontMatterOf,
} from '../core';
import { bibliographyPathsFor, loadBibliography } from '../node/bibliographyFiles';
import { discoverFactFiles, loadFactFiles } from '../node/factDiscovery';
import { AnalysisPool, analyzeInParallel } from '../node/parallelAnalysis';
import { parseCliArgs, USAGE, UsageError, type CliOptions } from './args';
import { formatGithub } from './format/github';
import { formatJson } from './format/json';
import { formatJunit } from './format/junit';
import { formatSarif } from './format/sarif';
import { formatStylish } from './format/stylish';
import { compareReports, type Report } from './report';
import { expandTargets } from './targets';

declare const BRIEFING_CHECK_VERSION: string | undefined;
const VERSION = typeof BRIEFING_CHECK_VERSION === 'string' ? BRIEFING_CHECK_VERSION : '0.0.0-dev';

/** A problem that ends the run with exit status 2 and one line on stderr. */
class FatalError extends Error {}

function readText(path: string): string {
  try {
    return readFileSync(path, 'utf8').replace(/^\uFEFF/, '');
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    const why =
      code === 'ENOENT'
        ? 'no such file'
        : code === 'EISDIR'
          ? 'it is a directory'
          : code === 'EACCES'
            ? 'permission denied'
            : (error as Error).message;
    throw new FatalError(`cannot read ${path}: ${why}`);
  }
}

function toReports(file: string, text: string, findings: Finding[], quiet: boolean): Report[] {
  const lines = new LineMap(text);
  return findings
    .filter((f) => !quiet || f.severity === 'error')
    .map((f) => {
      const { start, end } = lines.range(f.span);
      return {
        file,
        line: start.line,
        column: start.column,
        endLine: end.line,
        endColumn: end.column,
        severity: f.severity,
        code: f.code,
        message: f.message,
        ...(f.factId !== undefined ? { factId: f.factId } : {}),
      };
    });
}

/** Marks, in an index key, the briefing whose inline references the index holds. */
const REFERENCES_MARK = '\u0001references:';

/** Fact indexes by the set of files they load, so briefings sharing facts share one. */
class FactCache {
  private readonly indexes = new Map<string, FactIndex>();
  private readonly files = new Map<string, ParsedFactFile>();
  /** Per fact file with problems, whether its JSON is broken: the whole text is parsed once, not per briefing. */
  private readonly broken = new Map<string, boolean>();

  constructor(private readonly cwd: string) {}

  /** The index of `paths`, and of a briefing's inline `references:` when it has them (the briefing's own, so not shared). */
  index(paths: string[], references?: LoadedFactFile): FactIndex {
    const key = paths.join('\u0000') + (references ? `\u0000${REFERENCES_MARK}${references.path}` : '');
    let index = this.indexes.get(key);
    if (!index) {
      index = FactIndex.from(references ? [...paths.map((p) => this.file(p)), references] : paths.map((p) => this.file(p)));
      this.indexes.set(key, index);
    }
    return index;
  }

  /** Bibliographies, read as fact files with sources only; a path here is not read as a fact file. */
  private readonly bibliographies = new Set<string>();

  /** Marks `paths` as bibliographies; those that cannot be read are returned, to be reported as missing. */
  addBibliographies(paths: string[]): string[] {
    const unreadable: string[] = [];
    for (const path of paths) {
      this.bibliographies.add(path);
      if (this.files.has(path)) continue;
      const loaded = loadBibliography(path);
      if ('message' in loaded) unreadable.push(path);
      else this.files.set(path, loaded);
    }
    return unreadable;
  }

  private file(path: string): ParsedFactFile {
    let parsed = this.files.get(path);
    if (!parsed) {
      const { files, unreadable } = loadFactFiles([path]);
      if (unreadable.length > 0) throw new FatalError(`cannot read fact file ${this.display(path)}: ${unreadable[0]!.message}`);
      parsed = files[0]!;
      this.files.set(path, parsed);
    }
    return parsed;
  }

  /** Every loaded fact file with the index that loaded it, for their own findings. */
  loaded(): { path: string; index: FactIndex }[] {
    const result = new Map<string, FactIndex>();
    for (const [key, index] of this.indexes) {
      for (const path of key.split('\u0000')) if (path && !path.startsWith(REFERENCES_MARK) && !result.has(path)) result.set(path, index);
    }
    return [...result].map(([path, index]) => ({ path, index }));
  }

  /** What a briefing is told about the fact files it loads (or names and cannot load). */
  statuses(briefingPath: string, paths: string[], missing: string[], index: FactIndex): FactFileStatus[] {
    const folder = dirname(briefingPath);
    const name = (path: string) => relative(folder, path).split('\\').join('/') || path;
    const statuses: FactFileStatus[] = missing.map((path) => missingFileStatus(path, name(path), this.bibliographies.has(path)));
    for (const path of paths) {
      const parsed = this.file(path);
      const status = loadedFileStatus(path, name(path), parsed, index, this.isUnreadableJson(path));
      if (status) statuses.push(status);
    }
    return statuses;
  }

  display(path: string): string {
    const rel = relative(this.cwd, path);
    return rel.startsWith('..') ? path : rel;
  }

  text(path: string): string {
    return this.file(path).text;
  }

  isUnreadableJson(path: string): boolean {
    let broken = this.broken.get(path);
    if (broken === undefined) {
      const parsed = this.file(path);
      this.broken.set(path, (broken = isBrokenJson(parsed, parsed.text)));
    }
    return broken;
  }
}

/**
 * Below this many characters a briefing is parsed in one piece: starting a worker thread
 * and splitting the text cost more than the parse they would share.
 */
const PARALLEL_MIN_CHARS = 128_000;

/**
 * The worker threads for long briefings: none when only one thread may run, or the worker
 * script is missing. `auto` counts only the cores the load average leaves idle (as `make
 * -l` does): a worker on a busy core slows the check down instead of speeding it up.
 */
function threadsFor(concurrency: CliOptions['concurrency']): number {
  if (!existsSync(WORKER_SCRIPT)) return 0;
  if (concurrency !== 'auto') return concurrency - 1;
  const cores = availableParallelism();
  const idle = Math.round(cores - loadavg()[0]!);
  return Math.max(0, Math.min(4, cores, idle) - 1);
}

const WORKER_SCRIPT = join(__dirname, 'analysis-worker.js');

/** A file's size in bytes (at least its length in characters), or 0 if it cannot be read. */
function sizeOf(path: string): number {
  try {
    return statSync(path).size;
  } catch {
    return 0;
  }
}

function formatOutput(reports: Report[], options: CliOptions, checkedFiles: string[]): string {
  switch (options.format) {
    case 'json':
      return formatJson(reports) + '\n';
    case 'sarif':
      return formatSarif(reports, VERSION) + '\n';
    case 'github':
      return formatGithub(reports);
    case 'junit':
      return formatJunit(reports, checkedFiles);
    case 'stylish':
      return formatStylish(reports, process.stdout.isTTY === true, options.verbose);
  }
}

async function run(options: CliOptions, cwd: string): Promise<number> {
  const files = expandTargets(options.targets, cwd);
  const cache = new FactCache(cwd);
  const explicitFacts = options.facts.map((f) => resolve(cwd, f));
  const explicitBibliographies = options.bibliographies.map((f) => resolve(cwd, f));
  const reports: Report[] = [];
  const workers = threadsFor(options.concurrency);
  // Workers start before the first long briefing is read: starting one takes a while.
  let pool = workers > 0 && files.some((f) => sizeOf(f) >= PARALLEL_MIN_CHARS) ? new AnalysisPool(WORKER_SCRIPT, workers) : undefined;
  try {
    for (const file of files) {
      let text = readText(file);
      if (options.fix) {
        const fixed = applySafeFixes(text);
        if (fixed.text !== text) {
          writeFileSync(file, fixed.text);
          text = fixed.text;
        }
      }
      const briefingPath = resolve(cwd, file);
      const frontMatter = readFrontMatterOf(text);
      const named =
        explicitFacts.length > 0 ? explicitFacts : discoverFactFiles({ briefingPath, root: cwd, frontMatterFacts: frontMatter.facts });
      // A front-matter path that does not exist is the briefing's finding (facts.missing), not a reason to stop.
      const missing = explicitFacts.length > 0 ? [] : named.filter((path) => !existsSync(path));
      // Bibliographies come after the fact files: a fact file's source wins over an entry with its key.
      const bibliographies = bibliographyPathsFor(briefingPath, frontMatter.bibliography, explicitBibliographies);
      const missingBibliographies = cache.addBibliographies(bibliographies);
      missing.push(...missingBibliographies);
      const factPaths = [...named, ...bibliographies].filter((path) => !missing.includes(path));
      const references = frontMatterReferences(text, briefingPath);
      const factsOf = () => cache.index(factPaths, references);
      let model: BriefingModel;
      let facts: FactIndex | undefined;
      if (workers > 0 && text.length >= PARALLEL_MIN_CHARS) {
        // The fact files load while the workers parse their chunks.
        model = await analyzeInParallel(text, {}, (pool ??= new AnalysisPool(WORKER_SCRIPT, workers)), () =>
          prepareStatistics((facts = factsOf())),
        );
      } else {
        model = analyzeBriefing(text);
      }
      const index = facts ?? factsOf();
      const result = checkModel(model, index, { staleAfter: options.staleAfter });
      // Problems of the inline references (and keys they define twice) are the briefing's own.
      const factFileFindings = [
        ...briefingFactFileFindings(text, cache.statuses(briefingPath, factPaths, missing, index)),
        ...index.fileFindings(briefingPath),
      ];
      reports.push(
        ...toReports(file, text, factFileFindings.length > 0 ? [...factFileFindings, ...result.findings] : result.findings, options.quiet),
      );
    }
  } finally {
    await pool?.close();
  }
  for (const { path, index } of cache.loaded()) {
    reports.push(...toReports(cache.display(path), cache.text(path), index.fileFindings(path), options.quiet));
  }
  reports.sort(compareReports);

  process.stdout.write(formatOutput(reports, options, [...files, ...cache.loaded().map(({ path }) => cache.display(path))]));

  const errors = reports.filter((r) => r.severity === 'error').length;
  const warnings = reports.filter((r) => r.severity === 'warning').length;
  // A fact file that is not JSON at all makes the whole check meaningless: exit 2.
  const unparseable = cache
    .loaded()
    .find(({ path, index }) => index.fileFindings(path).some((f) => f.code === 'facts.invalid') && cache.isUnreadableJson(path));
  if (unparseable) {
    process.stderr.write(`briefing-check: fact file ${cache.display(unparseable.path)} is not valid JSON; see its facts.invalid finding\n`);
    return 2;
  }
  if (errors > 0) return 1;
  if (options.maxWarnings !== undefined && warnings > options.maxWarnings) return 1;
  return 0;
}

async function main(argv: string[]): Promise<number> {
  try {
    const options = parseCliArgs(argv);
    if (options.help) {
      process.stdout.write(USAGE + '\n');
      return 0;
    }
    if (options.version) {
      process.stdout.write(VERSION + '\n');
      return 0;
    }
    return await run(options, process.cwd());
  } catch (error) {
    if (error instanceof UsageError || error instanceof FatalError) {
      process.stderr.write(`briefing-check: ${error.message}\n`);
      return 2;
    }
    // An engine bug must still not print a stack trace at users; say where to report it.
    process.stderr.write(`briefing-check: internal error: ${(error as Error)?.message ?? String(error)} (please report this)\n`);
    return 2;
  }
}

void main(process.argv.slice(2)).then((code) => {
  process.exitCode = code;
});
