import type { FactEntry, FactIndex } from '../facts/factIndex';
import type { ExtractedStatistic } from './extract';
import { ClaimTest } from './claim';
import { NO_IDS, sourceNamesFor, type CitedSources, type SourceNames } from './citedSources';
import { factsByUnit, type Closest, type FactsByUnit } from './factsByUnit';
import { quoteFigureSupporting } from './quoteFigures';
import {
  clauseAround,
  compareSubject,
  factSubject,
  figureKind,
  isStrong,
  sentenceSubject,
  yearsIn,
  type SentenceSubject,
} from './subjectEvidence';
import type { SubjectText } from './subjectWords';

/** What became of one statistic; the hover and the fixes read this. */
export interface StatMatch {
  status: 'uncited' | 'supported' | 'mismatch' | 'unsupported' | 'unchecked';
  /** The supporting fact, the contradicting one, or for uncited, a fact that would support it. */
  fact: FactEntry | undefined;
  /** Known sources the sentence cites. */
  sources: string[];
}

/**
 * What matching statistics works out once per fact index and keeps: the unit index, the
 * sources that citations name, and scratch space.
 */
export class Matching {
  readonly byUnit: FactsByUnit;
  readonly names: SourceNames;
  /** Scratch for factToCite. */
  readonly closest: Closest = { facts: [], distances: [], length: 0 };
  readonly overlaps: number[] = [];

  constructor(readonly facts: FactIndex) {
    this.byUnit = factsByUnit(facts);
    this.names = sourceNamesFor(facts);
  }
}

const matchings = new WeakMap<FactIndex, Matching>();

/**
 * Works out ahead what checking statistics against `facts` will need (the facts by unit
 * and value, their subjects' words), which the first check otherwise does. For a caller
 * with time to spare before that check (the CLI, while worker threads parse a long
 * briefing). Checks work without it.
 */
export function prepareStatistics(facts: FactIndex): void {
  matchingFor(facts).byUnit.numberAll();
}

export function matchingFor(facts: FactIndex): Matching {
  let matching = matchings.get(facts);
  if (!matching) matchings.set(facts, (matching = new Matching(facts)));
  return matching;
}

/** Where a statistic stands: its block's masked text and its sentence's place in it, for its clause and kind. */
export interface FigurePlace {
  masked: string;
  blockStart: number;
  /** The sentence, in block offsets. */
  start: number;
  end: number;
  /** A table cell's row and header text, which its subject is read from. */
  subjectText: string | undefined;
  /** What the sentence (or table row) is about, worked out on first need. */
  subject: SentenceSubject | undefined;
}

/** How the candidates were judged when none supports a figure. */
export interface Judgement {
  /** stat.mismatch: whether its fix is the preferred one. */
  preferred: boolean;
  /** stat.unsupported: the ids of facts that tie as the closest, when that is why no fact was chosen. */
  ambiguous: string | undefined;
  /** stat.unsupported: why the closest candidate was not taken to be about this figure. */
  reason: string | undefined;
}

const NOT_JUDGED: Judgement = { preferred: false, ambiguous: undefined, reason: undefined };

/** What the matching of one statistic found. */
export interface MatchVerdict {
  status: StatMatch['status'];
  /** The supporting or contradicting fact. */
  fact: FactEntry | undefined;
  /** For stat.uncited and stat.unsupported: the fact a citation should point to. */
  cite: FactEntry | undefined;
  /** For stat.unsupported: whether the cited sources have facts in the statistic's unit at all. */
  anyCandidate: boolean;
  judged: Judgement;
}

/** The first candidate fact of the cited sources whose value supports the statistic. */
export function supportingCandidate(stat: ExtractedStatistic, sources: CitedSources, matching: Matching): FactEntry | undefined {
  const { byUnit } = matching;
  const claim = new ClaimTest(stat);
  for (const list of byUnit.candidateLists(stat, sources.known)) {
    for (const fact of list) if (claim.supports(byUnit.valueOf(fact))) return byUnit.entry(fact);
  }
  return undefined;
}

/** Matches one statistic against the facts of the sources its sentence cites. */
export function matchStatistic(
  stat: ExtractedStatistic,
  cited: boolean,
  sources: CitedSources,
  subject: SubjectText,
  matching: Matching,
  place: FigurePlace,
  accounted: Set<FactEntry> | undefined,
): MatchVerdict {
  if (!cited) return verdict('uncited', undefined, matching.facts.isEmpty ? undefined : factToCite(stat, NO_IDS, subject, matching), false);
  if (sources.known.length === 0) return verdict('unchecked', undefined, undefined, false);
  // The candidates: the cited sources' facts in the statistic's unit, source by source.
  const { byUnit } = matching;
  const candidates = byUnit.candidateLists(stat, sources.known);
  const claim = new ClaimTest(stat);
  let anyCandidate = false;
  for (const list of candidates) {
    for (const fact of list) if (claim.supports(byUnit.valueOf(fact))) return verdict('supported', byUnit.entry(fact), undefined, false);
    anyCandidate ||= list.length > 0;
  }
  if (!anyCandidate)
    return sources.unchecked
      ? verdict('unchecked', undefined, undefined, false)
      : unsupported(stat, sources, subject, matching, false, NOT_JUDGED);
  // A figure the quote of a candidate states is supported by that quote, whatever the fact records.
  for (const list of candidates) {
    for (const n of list) {
      const entry = byUnit.entry(n);
      if (quoteFigureSupporting(entry.fact, stat, stat.unit)) return verdict('supported', entry, undefined, false);
    }
  }
  const judged = judgeCandidates(stat, candidates, byUnit, place, accounted);
  if (judged.fact) return { status: 'mismatch', fact: judged.fact, cite: undefined, anyCandidate, judged: judged.judgement };
  if (sources.unchecked) return verdict('unchecked', undefined, undefined, false);
  return unsupported(stat, sources, subject, matching, anyCandidate, judged.judgement);
}

function unsupported(
  stat: ExtractedStatistic,
  sources: CitedSources,
  subject: SubjectText,
  matching: Matching,
  anyCandidate: boolean,
  judged: Judgement,
): MatchVerdict {
  return { status: 'unsupported', fact: undefined, cite: factToCite(stat, sources.known, subject, matching), anyCandidate, judged };
}

interface Scored {
  entry: FactEntry;
  shared: number;
  coverage: number;
  score: number;
}

/**
 * Which candidate, if any, is clearly about the same quantity as the figure, so the figure
 * may be called wrong against it: strong subject evidence (isStrong), nothing ruling it
 * out, not the fact another figure of the sentence is, and no near tie with a candidate
 * of another value.
 */
function judgeCandidates(
  stat: ExtractedStatistic,
  candidates: readonly Int32Array[],
  byUnit: FactsByUnit,
  place: FigurePlace,
  accounted: Set<FactEntry> | undefined,
): { fact: FactEntry | undefined; judgement: Judgement } {
  const { masked, blockStart } = place;
  const sentence = (place.subject ??= sentenceSubject(place.subjectText ?? masked.slice(place.start, place.end)));
  const from = (stat.hedgeSpan ?? stat.span).start - blockStart;
  const to = stat.span.end - blockStart;
  const clause = clauseAround(masked.slice(place.start, place.end), from - place.start, to - place.start);
  const clauseYears = yearsIn(clause);
  const kind = figureKind(masked.slice(place.start, from), masked.slice(to, place.end));
  const strong: Scored[] = [];
  let reason: string | undefined;
  let closest = -1;
  for (const list of candidates) {
    for (const n of list) {
      const entry = byUnit.entry(n);
      if (accounted?.has(entry)) continue;
      const evidence = compareSubject(entry.fact, sentence, clauseYears, kind);
      const words = factSubject(entry.fact).words.size;
      if (isStrong(evidence, words)) {
        strong.push({ entry, shared: evidence.shared, coverage: evidence.coverage, score: evidence.shared + 2 * evidence.coverage });
      } else if (evidence.shared > closest) {
        // The reason given is the one of the candidate that came closest.
        closest = evidence.shared;
        reason =
          evidence.ruledOut === undefined
            ? `${entry.fact.id}, which shares too few words with the sentence`
            : `${entry.fact.id}, but ${evidence.ruledOut}`;
      }
    }
  }
  if (strong.length === 0) return { fact: undefined, judgement: { preferred: false, ambiguous: undefined, reason } };
  // The best first; on ties, the first in file order (the sort is stable).
  strong.sort((a, b) => b.score - a.score);
  const best = strong[0]!;
  const rival = strong.find((s) => s !== best && s.entry.fact.value !== best.entry.fact.value);
  if (rival && best.score - rival.score < 1) {
    return {
      fact: undefined,
      judgement: { preferred: false, ambiguous: `${best.entry.fact.id}, ${rival.entry.fact.id}`, reason: undefined },
    };
  }
  const clear = best.coverage >= 0.75 && (!rival || best.score - rival.score >= 2);
  return { fact: best.entry, judgement: { preferred: clear, ambiguous: undefined, reason: undefined } };
}

function verdict(
  status: StatMatch['status'],
  fact: FactEntry | undefined,
  cite: FactEntry | undefined,
  anyCandidate: boolean,
): MatchVerdict {
  return { status, fact, cite, anyCandidate, judged: NOT_JUDGED };
}

/**
 * A hedged figure in a large fact file is consistent with hundreds of facts; scoring
 * them all for the subject costs more than the whole parse. The closest in value are
 * the likeliest sources, so only they are scored.
 */
const MAX_SCORED = 48;

/**
 * The fact a citation should point to: of the facts of other sources than `excluded` that
 * support the figure, the one sharing most words with its subject, of the MAX_SCORED
 * closest in value (when there are more); on ties, the closest, then the first.
 */
function factToCite(
  stat: ExtractedStatistic,
  excluded: readonly string[],
  subject: SubjectText,
  matching: Matching,
): FactEntry | undefined {
  const { closest, byUnit } = matching;
  const count = byUnit.closestSupporting(stat, excluded, MAX_SCORED, closest);
  if (count === 0) return undefined;
  // A single supporting fact is cited whatever its subject.
  if (count === 1) return byUnit.entry(closest.facts[0]!);
  let best = -1;
  let bestOverlap = -1;
  let bestDistance = Infinity;
  const overlaps = byUnit.overlaps(closest.facts, closest.length, subject, matching.overlaps);
  for (let i = 0; i < closest.length; i++) {
    const fact = closest.facts[i]!;
    const overlap = overlaps[i]!;
    const distance = closest.distances[i]!;
    if (overlap > bestOverlap || (overlap === bestOverlap && distance < bestDistance)) {
      best = fact;
      bestOverlap = overlap;
      bestDistance = distance;
    }
  }
  // A figure that merely equals some fact on another subject is no reason to cite it.
  return bestOverlap === 0 ? undefined : byUnit.entry(best);
}
