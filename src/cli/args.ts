import { parseArgs } from 'node:util';
import { parseStaleAfter } from '../core/rules/fact.stale';

export type FormatName = 'stylish' | 'json' | 'sarif' | 'github' | 'junit';

export interface CliOptions {
  targets: string[];
  facts: string[];
  /** Bibliographies every briefing loads, besides its own front matter `bibliography:`. */
  bibliographies: string[];
  format: FormatName;
  fix: boolean;
  maxWarnings: number | undefined;
  quiet: boolean;
  /** Stylish output ends with a link to the page of each code it reports. */
  verbose: boolean;
  help: boolean;
  version: boolean;
  /** Threads a long briefing is analysed with, this one included. */
  concurrency: number | 'auto';
  /** `--stale-after 2y`: report statistics whose supporting fact is older (fact.stale). */
  staleAfter: string | undefined;
}

/** Thrown for bad usage; the CLI prints the message on one line and exits 2. */
export class UsageError extends Error {}

export const USAGE = `Usage: briefing-check [options] <file|dir|glob>...

Checks the notes and cited statistics of Markdown briefings against fact files.
Directories and globs expand to **/*.brief.md; files named explicitly are always checked.

Options:
  --facts <file>        fact file (repeatable); overrides discovery
  --bibliography <file> bibliography (.bib, CSL-JSON, CSL-YAML; repeatable), in addition to each briefing's own
  --format <name>       stylish (default) | json | sarif | github (workflow annotations) | junit
  --fix                 apply the safe fixes (renumber notes, convert [n] notes to [^n]) in place
  --max-warnings <n>    exit 1 when there are more than n warnings
  --quiet               report errors only
  --stale-after <age>   report figures whose fact is older than this (fact.stale), e.g. 2y, 18m, 90d
  --verbose             end stylish output with a link to the page of each code reported
  --concurrency <n>     threads for long briefings: auto (default: the idle cores, up to 4) or a number; 1 turns them off
  -h, --help            show this help
  -v, --version         show the version

Exit status: 0 no errors, 1 problems found, 2 bad usage or an unreadable file.`;

export function parseCliArgs(argv: string[]): CliOptions {
  let parsed;
  try {
    parsed = parseArgs({
      args: argv,
      allowPositionals: true,
      strict: true,
      options: {
        facts: { type: 'string', multiple: true },
        bibliography: { type: 'string', multiple: true },
        format: { type: 'string' },
        fix: { type: 'boolean' },
        'max-warnings': { type: 'string' },
        quiet: { type: 'boolean' },
        verbose: { type: 'boolean' },
        concurrency: { type: 'string' },
        'stale-after': { type: 'string' },
        help: { type: 'boolean', short: 'h' },
        version: { type: 'boolean', short: 'v' },
      },
    });
  } catch (error) {
    throw new UsageError((error as Error).message.split('\n')[0]!);
  }
  const { values, positionals } = parsed;
  const format = values.format ?? 'stylish';
  if (format !== 'stylish' && format !== 'json' && format !== 'sarif' && format !== 'github' && format !== 'junit') {
    throw new UsageError(`unknown --format "${format}" (use stylish, json, sarif, github or junit)`);
  }
  let maxWarnings: number | undefined;
  if (values['max-warnings'] !== undefined) {
    maxWarnings = Number(values['max-warnings']);
    if (!Number.isInteger(maxWarnings) || maxWarnings < 0) {
      throw new UsageError(`--max-warnings takes a whole number, not "${values['max-warnings']}"`);
    }
  }
  let concurrency: number | 'auto' = 'auto';
  if (values.concurrency !== undefined && values.concurrency !== 'auto') {
    concurrency = values.concurrency === 'off' ? 1 : Number(values.concurrency);
    if (!Number.isInteger(concurrency) || concurrency < 1) {
      throw new UsageError(`--concurrency takes auto, off or a whole number of at least 1, not "${values.concurrency}"`);
    }
  }
  const staleAfter = values['stale-after'];
  if (staleAfter !== undefined && !parseStaleAfter(staleAfter)) {
    throw new UsageError(`--stale-after takes a number of years, months or days such as 2y, 18m or 90d, not "${staleAfter}"`);
  }
  const options: CliOptions = {
    targets: positionals,
    facts: values.facts ?? [],
    bibliographies: values.bibliography ?? [],
    format,
    fix: values.fix ?? false,
    maxWarnings,
    quiet: values.quiet ?? false,
    verbose: values.verbose ?? false,
    help: values.help ?? false,
    version: values.version ?? false,
    concurrency,
    staleAfter,
  };
  if (!options.help && !options.version && options.targets.length === 0) {
    throw new UsageError('no files given (try: briefing-check examples/)');
  }
  return options;
}
