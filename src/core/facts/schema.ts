/**
 * The fact-file format (docs/fact-files.md), as zod schemas. This module is the single
 * source of truth: the parser validates with it, and the JSON Schema shipped for VS
 * Code's `jsonValidation` is generated from it (see jsonSchema.ts), so the `describe`
 * texts below are what users see as hovers and completion details.
 *
 * Unknown keys: objects are zod's default "strip" objects, not `.strict()`. JSON has
 * no comments, so people annotate with keys such as `"_comment"` or `"notes"`, and an
 * extra key should not throw a fact away. What strictness is good for, catching a
 * misspelt key (`"publsher"`, `"qoute"`), the parser does separately: it reports keys
 * that are near-misses of the keys below (keyTypos.ts).
 */
import { z } from 'zod';

/**
 * A source id must be citable as `@id` in Markdown, so it follows pandoc's citation
 * key syntax: a letter, digit or `_`, then also inner punctuation, and it cannot end
 * in punctuation (the full stop in "as @cn-customs-2017q1." ends the sentence).
 */
export const SOURCE_ID_PATTERN = /^[\p{L}\p{N}_](?:[\p{L}\p{N}_:.#$%&\-+?<>~/]*[\p{L}\p{N}_])?$/u;

export const SourceIdSchema = z
  .string()
  .regex(SOURCE_ID_PATTERN, {
    error: 'this id cannot be cited as @id: use letters, digits and "_", with "-", ".", ":" or "/" only between them',
  })
  .describe('Source id, cited in a briefing as @id, e.g. "cn-customs-2017q1".');

const text = (description: string) => z.string().min(1).describe(description);

export const SourceSchema = z
  .object({
    title: text('Title of the document, e.g. "China trade statistics, first quarter 2017".'),
    publisher: z.string().optional().describe('Who published it, e.g. "General Administration of Customs of China".'),
    url: z
      .string()
      .optional()
      .describe(
        'Where it is. A link in a briefing to this URL cites the source (compared without scheme, "www.", trailing slash or #fragment).',
      ),
    published: z.string().optional().describe('Publication date, preferably YYYY-MM-DD.'),
    accessed: z.string().optional().describe('When it was read, preferably YYYY-MM-DD (for web pages that change).'),
  })
  .describe('A document that facts are taken from.');

/**
 * Units that mean a percentage or a currency but are not spelt the documented way, so
 * the checker would read them as a count of some noun and never match a statistic
 * ("yuan" instead of "CNY", "usd" instead of "USD"). Keys are trimmed lower case.
 * Spellings the checker does read ("%", "per cent", "pp") are left alone. The parser
 * applies this, not UnitSchema: a JSON Schema cannot express it, and keeping the zod
 * schemas free of refinements lets quickCheck.ts validate without zod.
 */
const CANONICAL_UNITS: Record<string, string> = {
  percentage: 'percent',
  'percent points': 'percentage-points',
  'percent-points': 'percentage-points',
  usd: 'USD',
  $: 'USD',
  us$: 'USD',
  eur: 'EUR',
  '€': 'EUR',
  euro: 'EUR',
  euros: 'EUR',
  gbp: 'GBP',
  '£': 'GBP',
  cny: 'CNY',
  rmb: 'CNY',
  yuan: 'CNY',
  renminbi: 'CNY',
  jpy: 'JPY',
  yen: 'JPY',
};

/** The documented spelling (docs/fact-files.md#units) of `unit` when `unit` is a known other spelling of it, else undefined. */
export function canonicalUnitFor(unit: string): string | undefined {
  // An upper-case three-letter unit is a currency code already, "RMB" included.
  if (/^[A-Z]{3}$/.test(unit)) return undefined;
  return CANONICAL_UNITS[unit.trim().toLowerCase()];
}

const UnitSchema = z
  .string()
  .min(1)
  .describe(
    'Unit of the value: "percent", "percentage-points", a currency code ("USD", "EUR", "GBP", "CNY", ...) or a plural noun ("tonnes", "troops", "people").',
  );

export const FactSchema = z
  .object({
    id: text('Unique id of this fact across all loaded fact files, e.g. "cn-nk-trade-growth-2017q1".'),
    statement: text('What the number measures, in words, e.g. "China\'s trade with North Korea, growth in Q1 2017 year on year".'),
    value: z
      .number()
      .describe('The number as a plain JSON number: 2.1 billion dollars is 2100000000 with unit "USD"; 37.4% is 37.4 with unit "percent".'),
    unit: UnitSchema,
    source: text('Id of the source this fact comes from: a key of "sources" in this file.'),
    quote: text('The passage of the source that states the number, verbatim.'),
    locator: z.string().optional().describe('Where in the source, e.g. "table 4" or "p. 12".'),
    asOf: z.string().optional().describe('The date the value refers to, preferably YYYY-MM-DD.'),
    keywords: z
      .array(z.string().min(1))
      .optional()
      .describe('Words that mark a sentence as being about this fact (used to tell a wrong figure from an unrelated one).'),
    supersededBy: z.string().min(1).optional().describe('Id of the fact that replaces this one (a newer figure for the same measure).'),
  })
  .describe('One number taken from a source.');

export const FactFileSchema = z
  .object({
    $schema: z.string().optional().describe('URL or path of this JSON Schema.'),
    sources: z
      .record(SourceIdSchema, SourceSchema)
      .default({})
      .describe('The documents facts are taken from, by source id (cited in briefings as @id).'),
    facts: z.array(FactSchema).default([]).describe('The numbers that statistics in briefings are checked against.'),
  })
  .describe('A Briefing Check fact file (*.facts.json): sources and the facts taken from them.');

export type Source = z.output<typeof SourceSchema>;
export type Fact = z.output<typeof FactSchema>;
export type FactFile = z.output<typeof FactFileSchema>;
