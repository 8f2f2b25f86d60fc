import type { FactEntry } from '../facts/factIndex';
import type { BriefingModel, Statistic } from '../model';
import { claimedInterval, claimAdmits } from '../stats/claim';
import { withThousandsCommas } from '../stats/valueWording';
import type { FixData, TextEdit } from '../types';

/** Writes `value` in the written figure's scale and style ("3,200", "2.4", "46"). */
export function formatLike(stat: Statistic, written: string, value: number): string {
  const scaled = Math.abs(value) / stat.scale;
  const places = Math.min(6, Math.max(stat.decimals, decimalPlaces(scaled)));
  const fixed = Number(scaled.toFixed(places)).toString();
  const wholeDigits = fixed.split('.')[0]?.length ?? 0;
  const grouped = written.includes(',') || (stat.scale === 1 && wholeDigits > 4 && stat.unit.kind !== 'percent');
  return grouped ? withThousandsCommas(fixed) : fixed;
}

function decimalPlaces(value: number): number {
  for (let places = 0; places < 6; places++) {
    if (Math.abs(Number(value.toFixed(places)) - value) < 1e-9 * Math.max(1, Math.abs(value))) return places;
  }
  return 6;
}

/**
 * Replaces a figure with the sourced one, keeping its unit and the writer's hedge when the
 * sourced value still fits it ("almost 90" stays "almost" for 89.7).
 */
export function replaceFigureFix(model: BriefingModel, stat: Statistic, fact: FactEntry): FixData {
  const { text } = model;
  const number = stat.numberSpan;
  const end = stat.numberSpan2 ? stat.numberSpan2.end : number.end;
  const newNumber = formatLike(stat, text.slice(number.start, number.end), fact.fact.value);
  const edits: TextEdit[] = [{ span: { start: number.start, end }, newText: newNumber }];
  if (stat.hedgeSpan && stat.hedge) {
    const value = Number(newNumber.replace(/,/g, '')) * stat.scale;
    const claim = claimedInterval({
      value,
      value2: undefined,
      decimals: stat.decimals,
      decimals2: 0,
      scale: stat.scale,
      hedgeKind: stat.hedgeKind,
    });
    if (!claimAdmits(claim, Math.abs(fact.fact.value))) {
      edits.push({ span: { start: stat.hedgeSpan.start, end: stat.span.start }, newText: '' });
    }
  }
  return { title: `Change to ${newNumber}, as ${fact.fact.source} says`, edits, safe: false, preferred: true };
}
