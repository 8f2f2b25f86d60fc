/**
 * Word lists behind statistic extraction. They decide what a "count of a noun" is, which
 * is where a checker most easily cries wolf, so each list says why it exists.
 */

function words(list: string): string[] {
  return list.split(/\s+/).filter(Boolean);
}

/** Scale words and their multipliers. Single letters only count right after a currency. */
export const SCALE_WORDS: Record<string, number> = {
  thousand: 1e3,
  million: 1e6,
  billion: 1e9,
  trillion: 1e12,
  mn: 1e6,
  bn: 1e9,
  tn: 1e12,
  trn: 1e12,
  // Indian English: "35 lakh rupees" is 3.5 million, "2 crore" 20 million.
  lakh: 1e5,
  lakhs: 1e5,
  crore: 1e7,
  crores: 1e7,
};
export const CURRENCY_SCALE_LETTERS: Record<string, number> = { k: 1e3, m: 1e6, b: 1e9 };

/** The dollars a bare `$` or the word "dollars" may mean; most often US dollars. */
const DOLLARS = ['USD', 'AUD', 'CAD', 'NZD', 'HKD', 'SGD', 'TWD'];

/** Currency signs before a number, longest first so `US$` wins over `$`. */
export const CURRENCY_PREFIXES: ReadonlyArray<[string, string[]]> = [
  ['US$', ['USD']],
  ['AU$', ['AUD']],
  ['CA$', ['CAD']],
  ['NZ$', ['NZD']],
  ['HK$', ['HKD']],
  ['A$', ['AUD']],
  ['C$', ['CAD']],
  ['S$', ['SGD']],
  ['R$', ['BRL']],
  ['Mex$', ['MXN']],
  ['MX$', ['MXN']],
  ['$', DOLLARS],
  ['£', ['GBP']],
  ['€', ['EUR']],
  ['¥', ['CNY', 'JPY']],
  ['₹', ['INR']],
  ['₩', ['KRW']],
  ['₽', ['RUB']],
  ['₡', ['CRC']],
  ['₾', ['GEL']],
  ['₭', ['LAK']],
  // Bitcoin has no ISO 4217 code; BTC is the code exchanges and fact files use.
  ['₿', ['BTC']],
];

/**
 * Signs and currency words written after the figure (`10 €`, `100₾`, `100元`), as
 * continental Europe and East Asia write them; with or without a space. `$` after a figure
 * needs the space (`10 $`), so that `$x = 10$` stays LaTeX.
 */
export const CURRENCY_SUFFIXES: ReadonlyArray<[string, string[]]> = [
  ...CURRENCY_PREFIXES.filter(([sign]) => sign.length === 1),
  ['元', ['CNY']],
  ['円', ['JPY']],
  ['원', ['KRW']],
  // Tamil "rupee", as Sri Lanka writes it.
  ['ரூ', ['LKR']],
];

/** ISO codes recognised before or after a number (`USD 200`, `115 EUR`). */
export const CURRENCY_CODES = new Set(
  words(`USD EUR GBP CNY RMB JPY INR AUD CAD CHF KRW KPW RUB NZD HKD SGD BRL MXN ZAR SEK NOK DKK PLN TRY TWD SAR AED XOF XAF BTC`),
);

/**
 * The codes also read in lower case (`20 usd`, `usd115`): all but those that are English
 * words in lower case (`try`, `rub`, `cad`), which stay codes only in capitals.
 */
export const LOWER_CASE_CODES = new Set(
  [...CURRENCY_CODES].filter((code) => !['TRY', 'RUB', 'CAD'].includes(code)).map((code) => code.toLowerCase()),
);

/** The ISO code a currency code as written stands for (`RMB` and `rmb` are CNY), or undefined. */
export function currencyCode(written: string): string | undefined {
  const upper = CURRENCY_CODES.has(written) ? written : LOWER_CASE_CODES.has(written) ? written.toUpperCase() : undefined;
  return upper === 'RMB' ? 'CNY' : upper;
}

/** Currency words after a number (`2 billion yuan`). "won" is left out: it is mostly a verb. */
export const CURRENCY_WORDS: Record<string, string[]> = {
  dollar: DOLLARS,
  dollars: DOLLARS,
  euro: ['EUR'],
  euros: ['EUR'],
  yuan: ['CNY'],
  renminbi: ['CNY'],
  yen: ['JPY'],
  rouble: ['RUB'],
  roubles: ['RUB'],
  ruble: ['RUB'],
  rubles: ['RUB'],
  rupee: ['INR'],
  rupees: ['INR'],
  sterling: ['GBP'],
  // The current francs: Swiss and the two CFA francs.
  franc: ['CHF', 'XOF', 'XAF'],
  francs: ['CHF', 'XOF', 'XAF'],
  lira: ['TRY'],
  bitcoin: ['BTC'],
  bitcoins: ['BTC'],
};

/**
 * A currency name after the country or area that issues it ("125 million Australian
 * dollars", "10,000 Swiss francs"): the name pins the code down. Matched in any case;
 * the last word may take an "s".
 */
export const NATIONAL_CURRENCIES: Record<string, string[]> = {
  'australian dollar': ['AUD'],
  'canadian dollar': ['CAD'],
  'new zealand dollar': ['NZD'],
  'hong kong dollar': ['HKD'],
  'singapore dollar': ['SGD'],
  'taiwan dollar': ['TWD'],
  'new taiwan dollar': ['TWD'],
  'swiss franc': ['CHF'],
  'cfa franc': ['XOF', 'XAF'],
  'chinese yuan': ['CNY'],
  'japanese yen': ['JPY'],
  'indian rupee': ['INR'],
  'russian rouble': ['RUB'],
  'russian ruble': ['RUB'],
  'turkish lira': ['TRY'],
  'mexican peso': ['MXN'],
  'south african rand': ['ZAR'],
  'north korean won': ['KPW'],
  'south korean won': ['KRW'],
};

/**
 * Hundredths of a currency, written after a number ("30 cents", "63p"): the value is
 * stored in the main unit (0.30 USD), since that is how fact files record money.
 */
export const SUBUNIT_WORDS: Record<string, string[]> = {
  cent: [...DOLLARS, 'EUR'],
  cents: [...DOLLARS, 'EUR'],
  pence: ['GBP'],
  penny: ['GBP'],
};

/** Hedges and the interval each claims around a written figure X (docs/statistics.md#hedges-and-rounding; see claim.ts). */
export type HedgeKind = 'below' | 'above' | 'around' | 'atLeast' | 'under';
export const HEDGES: ReadonlyArray<[string, HedgeKind]> = [
  // The core hedge words.
  ['almost', 'below'],
  ['nearly', 'below'],
  ['just under', 'below'],
  ['over', 'above'],
  ['more than', 'above'],
  ['just over', 'above'],
  ['about', 'around'],
  ['around', 'around'],
  ['roughly', 'around'],
  ['some', 'around'],
  ['approximately', 'around'],
  // Common synonyms, read like the core word they mean.
  ['up to', 'below'],
  ['no more than', 'below'],
  ['at most', 'below'],
  ['well over', 'above'],
  ['slightly more than', 'above'],
  ['in excess of', 'above'],
  ['upwards of', 'above'],
  ['approx', 'around'],
  ['circa', 'around'],
  ['close to', 'around'],
  ['~', 'around'],
  ['less than', 'under'],
  ['fewer than', 'under'],
  ['under', 'under'],
  ['slightly less than', 'under'],
  ['at least', 'atLeast'],
  ['no fewer than', 'atLeast'],
  ['no less than', 'atLeast'],
];

/**
 * Words that cannot be the noun a number counts: function words, verbs and adverbs that
 * follow numbers in prose ("in 2017 grew", "all 27 said"), and the words that make a
 * number a multiplier or a time of day.
 */
export const NOT_NOUNS = new Set(
  words(`a an the of in on at to from by for with and or but nor than as per into onto over under about between among
  vs via since until till after before during through within without across against toward towards upon
  is are was were be been being am has have had having will would could should may might can must shall do does did
  it its this that these those which who whom whose where when while if so not no yes more less fewer most least
  also only just even still each every all any both either neither other such same up down out off here there
  said says say rose fell grew increased decreased rise fall grow went came took made got saw left gave told
  percent pc pct per cent points point times fold x pm th st nd rd
  too very much many further again once twice then now ago later earlier respectively
  i me my mine we us our ours you your yours he him his she her hers they them their theirs
  equals means remains includes requires shows seems becomes represents exceeds reaches appears stands`),
);

/** Nouns whose plural is the singular: "200 staff", "5 sheep". */
export const INVARIANT_PLURALS = new Set(
  words(`staff personnel aircraft police sheep fish deer cattle livestock offspring series species crew`),
);

/**
 * Duration and calendar words: "60 days", "70 years" are spans of time, not statistics a
 * fact file records (docs/statistics.md#what-counts-as-a-statistic).
 */
export const TIME_WORDS = new Set(
  words(`year years yr yrs month months week weeks day days hour hours hr hrs minute minutes min mins second seconds
  sec secs decade decades century centuries quarter quarters fortnight fortnights night nights morning mornings
  o'clock o’clock
  january february march april may june july august september october november december
  jan feb mar apr jun jul aug sep sept oct nov dec`),
);

/**
 * Adjectives that may stand between a number and its noun ("3,000 additional troops").
 * They are skipped, not taken as the noun; other modifiers ("5 missile tests") become
 * part of the unit's nouns.
 */
export const ADJECTIVES = new Set(
  words(`new additional extra further more other major key main separate different large small big top high low full total
  annual monthly weekly daily current former existing estimated average median net gross active armed registered
  foreign domestic overseas local national federal state public private rural urban young old elderly nuclear military
  civilian tactical ballistic social economic political international regional global american british chinese
  european`),
);

/**
 * Units written as abbreviations, case-sensitive, spaced or glued to the number ("5 km",
 * "3GW"): counts like any noun, though a capital or a glued letter would otherwise make
 * the number a name or an ordinal.
 */
export const UNIT_ABBREVIATIONS = new Set(words(`km kg kt mph kW kWh MW MWh GW GWh TWh Mt Gt bpd ha`));

/** Words after which a number is a label (Section 3, Table 2, No. 5), not a quantity. */
export const LABEL_WORDS = new Set(
  words(`section sec sections chapter chapters article articles art figure figures fig figs table tables page pages p pp
  para paragraph paragraphs part parts title titles rule rules order resolution phase phases tier tiers level levels
  step steps option options version v no nos number numbers item items note notes footnote footnotes line lines
  appendix annex exhibit chart box schedule clause clauses amendment amendments question questions goal goals objective
  objectives principle principles recommendation recommendations stage stages grade round class division district ward
  route volume vol issue issues episode season book verse slide group model memorandum memo law bill priority pillar
  act acts fy cy q h h.r week day month year years room suite floor unit pub l u.s.c cfr stat eo e.o covid sars
  mark type category categories region zone form forms proposition propositions prop flight gate block series
  generation batch platform exit highway interstate`),
);

/** Before a percentage, these make it a population group ("the top 10% of earners"), not a figure. */
export const PERCENTILE_WORDS = new Set(words(`top bottom`));

export const MONTHS = new Set(
  words(`january february march april may june july august september october november december
  jan feb mar apr jun jul aug sep sept oct nov dec`),
);

/** Irregular plurals and their singulars (a Map: an object would answer "constructor" with a function). */
const IRREGULAR_SINGULARS = new Map(
  Object.entries({
    people: 'person',
    persons: 'person',
    children: 'child',
    men: 'man',
    women: 'woman',
    feet: 'foot',
    mice: 'mouse',
    geese: 'goose',
    teeth: 'tooth',
    staff: 'staff',
    series: 'series',
    species: 'species',
    data: 'data',
  }),
);

/**
 * A plain English singular, good enough to compare "troops" with a fact's unit "troop".
 * Called for every word of every compared sentence, so it tests endings by hand rather
 * than with regular expressions.
 */
export function singular(word: string): string {
  const w = word.toLowerCase();
  const irregular = IRREGULAR_SINGULARS.get(w);
  if (irregular !== undefined) return irregular;
  const length = w.length;
  if (length <= 3) return w;
  const last = w.charCodeAt(length - 1);
  if (last !== S) return w;
  const secondLast = w.charCodeAt(length - 2);
  if (secondLast === E) {
    const third = w.charCodeAt(length - 3);
    if (third === I && length > 4) return w.slice(0, -3) + 'y';
    // -ches, -shes, -sses, -xes, -zes
    const fourth = w.charCodeAt(length - 4);
    if (third === X || third === Z || (third === H && (fourth === C || fourth === S)) || (third === S && fourth === S))
      return w.slice(0, -2);
    return w.slice(0, -1);
  }
  // -ss, -us, -is
  if (secondLast === S || secondLast === U || secondLast === I) return w;
  return w.slice(0, -1);
}

const [C, E, H, I, S, U, X, Z] = [...'cehisuxz'].map((c) => c.charCodeAt(0)) as [
  number,
  number,
  number,
  number,
  number,
  number,
  number,
  number,
];

/** Whether a word is a plural noun form ("troops", "children"), which ends a count's noun phrase. */
export function isPlural(word: string): boolean {
  const w = word.toLowerCase();
  return singular(w) !== w;
}
