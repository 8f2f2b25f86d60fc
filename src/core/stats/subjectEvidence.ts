/**
 * Evidence that a sentence and a fact are about the same quantity, which decides whether
 * a figure that no fact supports may be called wrong (`stat.mismatch`) or only
 * unsupported (docs/statistics.md, "Same subject"). Sources state many figures in one
 * unit and fact files record only some of them, so sharing a unit and a word is no
 * evidence: a fact is "about the same thing" only when it shares most of its content
 * words with the sentence and nothing rules it out — another year or quarter, another
 * named country or organisation, a change where the fact is a level, or the reverse.
 */
import type { Fact } from '../facts/schema';
import { contentWords } from './words';
import { placesIn, withoutPlaceNames, type PlaceKind } from './places';

/** What a fact is about, read once per fact. */
export interface FactSubject {
  /** Years its statement names, and the year of its `asOf`. */
  years: Set<number>;
  /** Quarters (1–4) its statement names. */
  quarters: Set<number>;
  places: Map<string, PlaceKind>;
  /** Whether it records a change (growth, a rise, a fall) rather than a level or share. */
  change: boolean;
  /** Content words of its statement and keywords, places as `@id`; years excluded. */
  words: Set<string>;
}

/** What a sentence (or a table row) is about. */
export interface SentenceSubject {
  years: Set<number>;
  quarters: Set<number>;
  places: Map<string, PlaceKind>;
  words: Set<string>;
}

/** How a written figure is used: as a change ("rose 11%", "an 11% rise") or a level ("rose to 11%", "11% of"). */
export type FigureKind = 'change' | 'level' | undefined;

export interface SubjectEvidence {
  /** Why the fact cannot be about this figure, in words for a message; undefined when nothing rules it out. */
  ruledOut: string | undefined;
  /** How many of the fact's words the sentence shares. */
  shared: number;
  /** `shared` as a share of the fact's words (0 when it has none). */
  coverage: number;
}

const YEAR = /(?<![\p{L}\p{N}.,$€£¥])((?:19|20)\d{2})(?:\s?[-–/]\s?((?:19|20)?\d{2}))?(?![\p{N}]|[.,]\d)/gu;
const QUARTER = /\b(?:Q([1-4])|([1-4])Q|(first|second|third|fourth|1st|2nd|3rd|4th)[- ]quarter)\b/gi;
const QUARTER_WORDS: Record<string, number> = { first: 1, second: 2, third: 3, fourth: 4, '1st': 1, '2nd': 2, '3rd': 3, '4th': 4 };

/** Years a text names ("2023", "2022-23" and "2022/23" name both). */
export function yearsIn(text: string): Set<number> {
  const years = new Set<number>();
  for (const m of text.matchAll(YEAR)) {
    const first = Number(m[1]);
    years.add(first);
    if (m[2]) {
      const second = m[2].length === 2 ? Math.floor(first / 100) * 100 + Number(m[2]) : Number(m[2]);
      // "2022-23" is a span of years; "1950-53" too. Anything else is not a second year.
      if (second > first && second - first < 10) years.add(second);
    }
  }
  return years;
}

function quartersIn(text: string): Set<number> {
  const quarters = new Set<number>();
  for (const m of text.matchAll(QUARTER)) quarters.add(m[1] ? Number(m[1]) : m[2] ? Number(m[2]) : QUARTER_WORDS[m[3]!.toLowerCase()]!);
  return quarters;
}

/** Words that make a fact's statement a change rather than a level. */
const CHANGE_IN_STATEMENT =
  /\b(?:growth|grow|grew|grown|growing|rise|rises|rose|risen|rising|increases?|increased|decreases?|decreased|declines?|declined|fall|falls|fell|fallen|drops?|dropped|jumps?|jumped|gains?|gained|surged?|plunged?|slumped?|shr[ai]nk|contract(?:ion|ed)|expan(?:sion|ded)|year[- ](?:on|over)[- ]year|y\/y|yoy|compared (?:with|to)|percentage change|change in|changes in)\b/i;

/** Verbs of change, which make the figure right after them a change ("grew 73 per cent", "rose by 11%"). */
const CHANGE_VERBS = new Set(
  `rose rise rises rising risen grew grow grows growing grown increased increase increases increasing climbed climb climbs
  jumped jump jumps gained gain gains surged surge soared soar fell fall falls falling fallen dropped drop drops dropping
  declined decline declines declining decreased decrease decreases shrank shrink shrunk contracted contract expanded expand
  slumped slump plunged plunge tumbled slid slipped`.split(/\s+/),
);
/** Nouns of change, which make "a rise of 11%" or "growth of 11%" a change. */
const CHANGE_NOUNS = new Set(
  `rise increase growth jump gain surge drop fall decline decrease reduction cut contraction expansion slump plunge`.split(/\s+/),
);
/** What may follow a figure that is a change: "an 11% rise", "11% more", "up 11% year on year". */
const CHANGE_AFTER =
  /^\s*(?:rises?|increases?|jump|gains?|growth|drops?|falls?|declines?|decreases?|cuts?|reductions?|more|less|fewer|higher|lower|year[- ](?:on|over)[- ]year|on (?:a|the) year(?: earlier| before)?|from a year (?:earlier|before)|compared (?:with|to))\b/i;
/** Words between a change verb and its figure that keep it a change ("rose by 11%", "grew some 11%"). */
const LINKING = new Set([
  'by',
  'a',
  'an',
  'some',
  'almost',
  'nearly',
  'about',
  'around',
  'roughly',
  'over',
  'more',
  'than',
  'just',
  'approximately',
  'only',
  'another',
  'further',
  'sharply',
  'steeply',
]);

const subjects = new WeakMap<Fact, FactSubject>();

/** What a fact is about (worked out once per fact). */
export function factSubject(fact: Fact): FactSubject {
  let subject = subjects.get(fact);
  if (!subject) {
    const keywords = (fact.keywords ?? []).join(' ');
    const text = `${fact.statement} ${keywords}`;
    const years = yearsIn(fact.statement);
    const asOf = /^(\d{4})/.exec(fact.asOf ?? '');
    if (asOf) years.add(Number(asOf[1]));
    const places = placesIn(text);
    subject = {
      years,
      quarters: quartersIn(fact.statement),
      places,
      change: CHANGE_IN_STATEMENT.test(text),
      words: wordsOf(text, places),
    };
    subjects.set(fact, subject);
  }
  return subject;
}

/** What a sentence is about. */
export function sentenceSubject(text: string): SentenceSubject {
  const places = placesIn(text);
  return { years: yearsIn(text), quarters: quartersIn(text), places, words: wordsOf(text, places) };
}

/** Forms of the verbs of change and trade that briefings and fact statements word differently ("grew" and "growth"). */
const LEMMAS = new Map(
  Object.entries({
    grew: 'grow',
    grown: 'grow',
    growing: 'grow',
    growth: 'grow',
    grows: 'grow',
    rose: 'rise',
    risen: 'rise',
    rising: 'rise',
    fell: 'fall',
    fallen: 'fall',
    falling: 'fall',
    increased: 'increase',
    increasing: 'increase',
    decreased: 'decrease',
    decreasing: 'decrease',
    declined: 'decline',
    declining: 'decline',
    dropped: 'drop',
    dropping: 'drop',
    exported: 'export',
    exporting: 'export',
    imported: 'import',
    importing: 'import',
    traded: 'trade',
    trading: 'trade',
    spent: 'spend',
    spending: 'spend',
    produced: 'produce',
    producing: 'produce',
    production: 'produce',
    supplied: 'supply',
    supplying: 'supply',
    supplier: 'supply',
    deployed: 'deploy',
    deployment: 'deploy',
    unemployed: 'unemployment',
  }),
);

/** Content words, with each named place as one `@id` word ("Russian" and "Russia's" are both `@russia`). */
function wordsOf(text: string, places: Map<string, PlaceKind>): Set<string> {
  // Names are blanked so their words ("North", "Korean") do not count twice.
  const words = new Set<string>();
  for (const w of contentWords(places.size === 0 ? text : withoutPlaceNames(text))) words.add(LEMMAS.get(w) ?? w);
  for (const id of places.keys()) words.add(`@${id}`);
  return words;
}

/**
 * How a figure is used in its sentence: `before` is the text of the clause before the
 * figure (its hedge excluded), `after` the text after the figure's unit.
 */
export function figureKind(before: string, after: string): FigureKind {
  if (/[+−]\s*$/.test(before)) return 'change';
  if (CHANGE_AFTER.test(after)) return 'change';
  const words = before.toLowerCase().match(/[\p{L}]+/gu) ?? [];
  const last = words[words.length - 1];
  if (last === 'to' || last === 'from' || last === 'at') return 'level';
  if (last === 'of') return CHANGE_NOUNS.has(words[words.length - 2] ?? '') ? 'change' : 'level';
  // "makes up 64%", "takes up", "up to 64%" are levels.
  if (/\b(?:makes?|made|making|takes?|took|taking|up to)\s+up\s*$|\bup\s+to\s*$/i.test(before)) return 'level';
  // A change verb among the last few words, with only linking words after it.
  for (let i = words.length - 1, seen = 0; i >= 0 && seen < 4; i--, seen++) {
    const w = words[i]!;
    if (w === 'up' || w === 'down') {
      // "was up 11%", "exports, down 4%": a change; "made up", "set up": not.
      const previous = words[i - 1];
      if (previous === undefined || /^(?:was|were|is|are|be|been|being|s|remains?|ended|closed|now|still)$/.test(previous)) return 'change';
      break;
    }
    if (CHANGE_VERBS.has(w)) return 'change';
    if (!LINKING.has(w)) break;
  }
  if (
    /^\s*(?:of|share)\b/i.test(after) ||
    /\b(?:share|accounts? for|accounted for|makes? up|made up|stood at|stands at|was|were|is|are)\s*$/i.test(before)
  ) {
    return 'level';
  }
  return undefined;
}

/**
 * The clause of a sentence around a figure: the text between the nearest clause breaks
 * (";", ",", " and ", " but ", " while ") on either side. Years are read here first,
 * so "rose 5% in 2022 and 7% in 2023" gives each figure its own year.
 */
export function clauseAround(text: string, start: number, end: number): string {
  const BREAK = /;|,|\s(?:and|but|while|whereas)\s/g;
  let from = 0;
  let to = text.length;
  for (const m of text.matchAll(BREAK)) {
    const at = m.index;
    if (at + m[0].length <= start) from = at + m[0].length;
    else if (at >= end) {
      to = at;
      break;
    }
  }
  return text.slice(from, to);
}

/**
 * Compares a fact with a sentence and the figure's own clause and kind. A different year,
 * quarter, place or kind of quantity rules the fact out; otherwise the evidence is how
 * many of the fact's words the sentence shares.
 */
export function compareSubject(fact: Fact, sentence: SentenceSubject, clauseYears: Set<number>, kind: FigureKind): SubjectEvidence {
  const subject = factSubject(fact);
  const ruledOut = ruleOut(subject, sentence, clauseYears, kind);
  let shared = 0;
  // A place the fact names and the sentence leaves implicit ("the North", "the two
  // countries") counts neither for nor against it; another place rules the fact out above.
  let counted = 0;
  for (const w of subject.words) {
    if (sentence.words.has(w)) shared++;
    else if (w.startsWith('@')) continue;
    counted++;
  }
  return { ruledOut, shared, coverage: counted === 0 ? 0 : Math.min(1, shared / counted) };
}

function ruleOut(fact: FactSubject, sentence: SentenceSubject, clauseYears: Set<number>, kind: FigureKind): string | undefined {
  const years = clauseYears.size > 0 ? clauseYears : sentence.years;
  if (years.size > 0 && fact.years.size > 0 && !intersects(years, fact.years)) return `it is about ${list(fact.years)}`;
  if (sentence.quarters.size > 0 && fact.quarters.size > 0 && !intersects(sentence.quarters, fact.quarters))
    return 'it is about another quarter';
  for (const [id, placeKind] of fact.places) {
    if (sentence.places.has(id)) continue;
    // The fact names a place the sentence does not, and the sentence names another of that kind.
    for (const [other, otherKind] of sentence.places)
      if (otherKind === placeKind && !fact.places.has(other)) return `it is about another ${placeKind}`;
  }
  if (kind === 'change' && !fact.change) return 'it records a level, not a change';
  if (kind === 'level' && fact.change) return 'it records a change, not a level';
  return undefined;
}

function intersects<T>(a: Set<T>, b: Set<T>): boolean {
  for (const x of a) if (b.has(x)) return true;
  return false;
}

function list(years: Set<number>): string {
  return [...years].sort().join(' and ');
}

/**
 * Whether evidence is strong enough to call a figure wrong: the sentence shares at least
 * two of the fact's words and at least half of them (a fact described in one or two words
 * must share them all).
 */
export function isStrong(e: SubjectEvidence, factWords: number): boolean {
  if (e.ruledOut !== undefined) return false;
  if (factWords <= 2) return e.shared >= 1 && e.shared === factWords;
  return e.shared >= 2 && e.coverage >= 0.5;
}
