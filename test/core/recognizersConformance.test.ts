// extractStatistics against the English specs of microsoft/Recognizers-Text (MIT), copied
// byte for byte into test/fixtures/recognizers-text/ (README.md there: source, commit,
// entry format). Each entry is a sentence and the matches the reference recognizer
// returns, with `Start`/`End` character offsets (End inclusive). For every entry that is
// not skipped below, each expected match whose text has a digit must be a statistic of
// ours with exactly that span (Start .. End + 1), the same value and the same unit
// (percent; the ISO code where upstream gives one, else our reading of the bare name: the
// dollar family for `$`/dollars, GBP for £/pounds/pence ...). A Percent or Currency entry
// must give no other statistic of its kind; Dimension entries only pin down the
// measurements they list, since our counts also cover plain nouns ("23 computers").
// Negatives ("call Bob 3 times") must give no statistic at all, except the two listed
// in NEGATIVES_WE_COUNT.
//
// Skips are explicit: an entry index (or entry:result index, for one match of an entry)
// and the reason. Entries flagged NotSupported for dotnet have no verified expectation
// and are skipped (see the fixtures README).
import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import type { StatUnit } from '../../src/core/model';
import { extractStatistics } from '../../src/core/stats/extract';

interface Result {
  Text: string;
  TypeName: string;
  Resolution: { value: string | null; unit?: string; isoCurrency?: string };
  Start: number;
  End: number;
}
interface Entry {
  Input: string;
  Results: Result[];
  NotSupported?: string;
  NotSupportedByDesign?: string;
}

const DOLLARS = ['USD', 'AUD', 'CAD', 'NZD', 'HKD', 'SGD', 'TWD'];
/** Upstream currency names that carry no ISO code, and the codes we read them as. */
const CODES_OF_NAME: Record<string, string[]> = {
  Dollar: DOLLARS,
  Pound: ['GBP'],
  Pence: ['GBP'],
  Cent: [...DOLLARS, 'EUR'],
  Franc: ['CHF', 'XOF', 'XAF'],
  Rupee: ['INR'],
  Bitcoin: ['BTC'],
};
/** Upstream counts these in hundredths; we store the main unit (0.30 USD for 30 cents). */
const SUBUNITS = new Set(['Cent', 'Pence']);

// Reasons for skipping. Each is something English policy briefings do not write, or
// that docs/statistics.md ("What counts as a statistic") leaves out.
const WORDS = 'number in words (twenty percent, five million yen): the contract lists digit forms only';
const BARE_UNIT = 'a unit with no number (percent, dollar, metric ton) is no statistic';
const PERCENTAGE_WORD = "'100 percentage' is not English; after a figure 'percentage' only begins 'percentage points'";
const UNIT_FIRST = "'per cent of 210' puts the unit before the figure; the contract's percentages are a figure then its unit";
const TOKENISED = 'tokenised, lower-cased news text (c $, hk $, us $, u.s $); prose writes C$, HK$, US$';
const OBSOLETE = 'pre-euro currency with no current ISO code (markka, pesetas, guilders)';
const POUNDS = "'pounds' is money or weight (DimensionModel #15 reads '25 pounds' as a weight); we keep it a count of pounds";
const COMPOUND = "compound amount ('3 dollars 50 cents', '15 dollars and 50', '5 feet 2 inches'); briefings write $3.50";
const SATOSHI = "'2 satoshis': a hundred-millionth of a bitcoin, a sub-unit outside our vocabulary";
const CODE_BEFORE_SCALE = "'75 USD million': code before the scale word, not an English order (USD 75 million, 75 million USD)";
const SUBUNIT_FIRST = "'sen 100,000': a sub-unit name before the figure is not English usage";
const REPEATED_WORD =
  "'$10 dollars': we keep a repeated currency word in the span (as in '$17 billion dollars'); upstream reports it as a bare unit";
const COMPOUND_ADJECTIVE =
  "figure-unit compound adjective ('a 45-acre farm', 'a 12-cent dividend', 'a 1.5 million gallon aquarium'): a modifier, not a statistic, like our '10-year bond'";
const RATE =
  "a rate ('188 miles an hour', '10km/hr', 'kph'): our span stops at the noun, as upstream's does in '500,000 barrels a day' (#6)";
const FRACTION = "slash fraction ('10 1/2 miles', '1/4 mile'): not a form the contract lists; slashes are dates and '24/7'";
const SINGULAR =
  "singular unit after a figure other than one ('325 kilometer', '150 microgram'): a count needs a plural head, which keeps verbs out";
const ABBREVIATION =
  "technical abbreviation outside our unit list (m, dm, mm, ml, t, lbs, rad, μg, mb, MB): single letters clash with scale letters ('5m people' is 5 million), MB/GB/TB with acronyms ('10 TB cases')";
const BRACKETED_UNIT = "unit in brackets ('20 (kg)'): a table-header convention, not prose";
const INCH_MARK = "inch mark ('10 \"'): not prose";

/** Whole entries skipped, by 0-based index in the file. */
const SKIP: Record<string, Record<number, string>> = {
  PercentModel: {
    3: PERCENTAGE_WORD,
    5: WORDS,
    6: WORDS,
    7: WORDS,
    8: WORDS,
    9: WORDS,
    10: UNIT_FIRST,
    11: WORDS,
    12: UNIT_FIRST,
    14: WORDS,
    17: BARE_UNIT,
    18: BARE_UNIT,
    19: BARE_UNIT,
  },
  CurrencyModel: {
    1: OBSOLETE,
    4: TOKENISED,
    31: TOKENISED,
    47: TOKENISED,
    54: WORDS,
    58: COMPOUND_ADJECTIVE,
    59: TOKENISED,
    60: TOKENISED,
    63: OBSOLETE,
    64: WORDS,
    65: OBSOLETE,
    67: WORDS,
    69: POUNDS,
    79: TOKENISED,
    95: COMPOUND,
    96: WORDS,
    97: WORDS,
    98: WORDS,
    99: WORDS,
    101: TOKENISED, // 'c $ 100 and fifty'; its '10 us dollar' is read
    102: WORDS,
    103: WORDS,
    110: SUBUNIT_FIRST,
    111: TOKENISED,
    124: REPEATED_WORD,
    127: COMPOUND, // '10 $ 30 cent'
    137: WORDS,
    138: WORDS,
    139: WORDS,
    140: WORDS,
    144: SATOSHI,
    145: COMPOUND,
    146: COMPOUND,
    163: CODE_BEFORE_SCALE,
    166: COMPOUND,
    167: COMPOUND,
    168: COMPOUND,
    170: CODE_BEFORE_SCALE, // and '15 USD 50' (COMPOUND)
    172: WORDS,
    173: BARE_UNIT,
    179: WORDS,
  },
  DimensionModel: {
    0: ABBREVIATION,
    1: ABBREVIATION,
    2: COMPOUND_ADJECTIVE,
    3: WORDS,
    4: FRACTION,
    5: WORDS,
    7: WORDS,
    8: COMPOUND_ADJECTIVE,
    9: COMPOUND_ADJECTIVE,
    12: COMPOUND_ADJECTIVE,
    13: COMPOUND_ADJECTIVE,
    14: WORDS,
    19: WORDS,
    21: WORDS,
    24: WORDS,
    26: COMPOUND_ADJECTIVE,
    27: RATE,
    29: COMPOUND_ADJECTIVE,
    30: WORDS,
    31: SINGULAR,
    34: FRACTION,
    37: COMPOUND_ADJECTIVE,
    39: ABBREVIATION,
    40: ABBREVIATION,
    47: ABBREVIATION,
    48: INCH_MARK,
    49: ABBREVIATION,
    50: ABBREVIATION,
    52: SINGULAR, // and '2 pm', a time
    53: WORDS,
    55: ABBREVIATION,
    57: ABBREVIATION,
    58: ABBREVIATION,
    60: ABBREVIATION, // and COMPOUND
    61: COMPOUND,
    62: COMPOUND,
    63: COMPOUND,
    64: COMPOUND,
    65: FRACTION,
    66: WORDS,
    67: RATE,
    68: WORDS,
    70: RATE,
    71: BRACKETED_UNIT,
    72: BRACKETED_UNIT,
    73: BRACKETED_UNIT,
    74: BRACKETED_UNIT,
    75: SINGULAR,
    76: ABBREVIATION,
    81: ABBREVIATION,
    86: BARE_UNIT,
    90: ABBREVIATION,
    91: WORDS,
    95: ABBREVIATION,
  },
};

/** Single matches skipped, as "entry:result" (result index as listed upstream); the entry's other matches are checked. */
const SKIP_RESULT: Record<string, Record<string, string>> = {
  PercentModel: {},
  CurrencyModel: {
    '93:1': BARE_UNIT,
    '94:0': BARE_UNIT,
    '116:1': BARE_UNIT,
    '120:1': BARE_UNIT,
  },
  DimensionModel: {
    '44:1': BARE_UNIT,
    '87:1': BARE_UNIT,
  },
};

/**
 * Negatives where we do find a statistic, and rightly: upstream's negatives mean "nothing
 * of this type", and these are counts of a noun (docs/statistics.md), not money or a dimension.
 */
const NEGATIVES_WE_COUNT: Record<string, Record<number, string[]>> = {
  PercentModel: {},
  CurrencyModel: { 157: ['5 solutions'] },
  // A temperature: upstream has a separate model for it; to us it is a figure with a unit.
  DimensionModel: { 93: ['24 degrees'] },
};

/** How many matches each file asserts; pinned so a widened skip list shows up here. */
const ASSERTED_MATCHES: Record<string, number> = { PercentModel: 5, CurrencyModel: 142, DimensionModel: 26 };

const FILES = ['PercentModel', 'CurrencyModel', 'DimensionModel'] as const;
type File = (typeof FILES)[number];

function load(file: File): Entry[] {
  return JSON.parse(readFileSync(`test/fixtures/recognizers-text/${file}.json`, 'utf8')) as Entry[];
}

function flaggedForDotnet(entry: Entry): boolean {
  return /dotnet/.test(`${entry.NotSupported ?? ''},${entry.NotSupportedByDesign ?? ''}`);
}

function kindOf(file: File): StatUnit['kind'] {
  return file === 'PercentModel' ? 'percent' : file === 'CurrencyModel' ? 'currency' : 'count';
}

function expectedValue(file: File, r: Result): number {
  const value = Number(String(r.Resolution.value).replace('%', ''));
  return file === 'CurrencyModel' && SUBUNITS.has(r.Resolution.unit!) ? value * 0.01 : value;
}

function expectedUnit(file: File, r: Result): StatUnit | undefined {
  if (file === 'PercentModel') return { kind: 'percent' };
  if (file === 'DimensionModel') return undefined; // only the kind (count) is compared
  const iso = r.Resolution.isoCurrency;
  const codes = iso ? [iso] : CODES_OF_NAME[r.Resolution.unit!];
  assert.ok(codes, `no reading for upstream unit ${r.Resolution.unit}`);
  return { kind: 'currency', codes };
}

function close(actual: number, expected: number): boolean {
  return Math.abs(actual - expected) <= Math.max(Math.abs(expected), 1) * 1e-9;
}

function checkEntry(file: File, index: number, entry: Entry): number {
  const { Input: text } = entry;
  const found = extractStatistics(text);
  const shown = found.map((s) => `${JSON.stringify(text.slice(s.span.start, s.span.end))} (${s.unit.kind})`).join(', ') || 'nothing';
  if (entry.Results.length === 0) {
    const allowed = NEGATIVES_WE_COUNT[file]![index] ?? [];
    assert.deepEqual(
      found.map((s) => text.slice(s.span.start, s.span.end)),
      allowed,
      `negative ${JSON.stringify(text)}: found ${shown}`,
    );
    for (const s of found) assert.equal(s.unit.kind, 'count', `negative ${JSON.stringify(text)}: ${shown}`);
    return 0;
  }
  const kind = kindOf(file);
  const matched = new Set<number>();
  let asserted = 0;
  entry.Results.forEach((r, k) => {
    if (SKIP_RESULT[file]![`${index}:${k}`]) return;
    const start = r.Start;
    const end = r.End + 1;
    const at = found.findIndex((s) => s.span.start === start && s.span.end === end);
    assert.ok(at >= 0, `${JSON.stringify(text.slice(start, end))} at ${start}-${end} in ${JSON.stringify(text)}: found ${shown}`);
    const stat = found[at]!;
    matched.add(at);
    asserted++;
    assert.equal(stat.unit.kind, kind, `kind of ${JSON.stringify(r.Text)}`);
    const value = expectedValue(file, r);
    assert.ok(close(stat.value, value), `value of ${JSON.stringify(r.Text)}: ${stat.value} ≠ ${value}`);
    const unit = expectedUnit(file, r);
    if (unit) assert.deepEqual(stat.unit, unit, `unit of ${JSON.stringify(r.Text)}`);
  });
  found.forEach((s, i) => {
    if (matched.has(i)) return;
    const extra = `${JSON.stringify(text.slice(s.span.start, s.span.end))} in ${JSON.stringify(text)}`;
    // No statistic of the file's own kind beyond the expected ones, and none overlapping one.
    if (kind !== 'count') assert.notEqual(s.unit.kind, kind, `unexpected ${kind} ${extra}`);
    for (const r of entry.Results) {
      assert.ok(s.span.end <= r.Start || s.span.start > r.End, `${extra} overlaps upstream's ${JSON.stringify(r.Text)}`);
    }
  });
  return asserted;
}

describe('Recognizers-Text English specs (test/fixtures/recognizers-text)', () => {
  for (const file of FILES) {
    describe(file, () => {
      const entries = load(file);

      test('the fixture is intact and the skip lists name real entries', () => {
        for (const [index, entry] of entries.entries()) {
          for (const r of entry.Results) {
            assert.equal(entry.Input.slice(r.Start, r.End + 1).toLowerCase(), r.Text, `offsets of #${index}`);
          }
        }
        for (const [index, reason] of Object.entries(SKIP[file]!)) {
          const entry = entries[Number(index)];
          assert.ok(entry && !flaggedForDotnet(entry), `skip #${index}`);
          // A words-only or bare-unit skip must really have no digit in any match.
          if (reason === WORDS || reason === BARE_UNIT) {
            assert.ok(entry.Results.length > 0 && entry.Results.every((r) => !/\d/.test(r.Text)), `#${index} is not ${reason}`);
          }
        }
        for (const [key, reason] of Object.entries(SKIP_RESULT[file]!)) {
          const [index, k] = key.split(':').map(Number) as [number, number];
          const r = entries[index]?.Results[k];
          assert.ok(r && !(index in SKIP[file]!), `skip ${key}`);
          if (reason === BARE_UNIT) assert.ok(!/\d/.test(r.Text), `${key} has a number`);
        }
        for (const index of Object.keys(NEGATIVES_WE_COUNT[file]!)) assert.equal(entries[Number(index)]?.Results.length, 0, `#${index}`);
      });

      let asserted = 0;
      for (const [index, entry] of entries.entries()) {
        if (flaggedForDotnet(entry) || index in SKIP[file]!) continue;
        test(`#${index} ${entry.Input.length > 80 ? `${entry.Input.slice(0, 80)}…` : entry.Input}`, () => {
          asserted += checkEntry(file, index, entry);
        });
      }

      test('asserts the expected number of matches', () => {
        assert.equal(asserted, ASSERTED_MATCHES[file]);
      });
    });
  }
});
