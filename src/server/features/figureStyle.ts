/**
 * Writing a fact's value as a figure in running text, in the briefing's own style
 * ("46%" where the briefing writes "%", "46 per cent" where it writes that), so Find
 * Fact inserts what the writer would have typed and the checker reads it back as the
 * same statistic.
 */
import type { Fact } from '../../core/facts/schema';
import type { BriefingModel } from '../../core/model';
import { unitKeyOfFact } from '../../core/stats/unitKeys';

const CURRENCY_SIGNS: Record<string, string> = { USD: '$', GBP: '£', EUR: '€', JPY: '¥', INR: '₹', KRW: '₩', RUB: '₽' };
const CURRENCY_WORDS: Record<string, string> = { CNY: 'yuan' };

export function figureFor(model: BriefingModel, fact: Fact): string {
  const value = Math.abs(fact.value);
  const unit = unitKeyOfFact(fact.unit);
  const written = (kind: string) =>
    model.stats.filter((s) => s.unit.kind === kind).map((s) => model.text.slice(s.numberSpan.end, s.span.end).trim().toLowerCase());
  if (unit === 'percent') {
    const styles = written('percent');
    const suffix = styles.some((s) => s === '%') ? '%' : styles.some((s) => s.startsWith('per cent')) ? ' per cent' : ' percent';
    return `${plain(value)}${suffix}`;
  }
  if (unit === 'percentage-points') return `${plain(value)} percentage ${value === 1 ? 'point' : 'points'}`;
  if (unit.startsWith('currency:')) {
    const code = unit.slice('currency:'.length);
    const abbreviated = written('currency').some((s) => /\b(?:bn|mn|tn)\b/.test(s) || /^(?:bn|mn|tn)/.test(s));
    const amount = scaled(value, abbreviated);
    const sign = code === 'USD' && model.text.includes('US$') ? 'US$' : CURRENCY_SIGNS[code];
    if (sign) return `${sign}${amount}`;
    if (CURRENCY_WORDS[code]) return `${amount} ${CURRENCY_WORDS[code]}`;
    return `${code} ${amount}`;
  }
  return `${scaled(value, false)} ${fact.unit}`;
}

/** 1234567 → "1,234,567"; floating-point noise (0.1 + 0.2) rounded away. */
function plain(value: number): string {
  return Number(value.toPrecision(12)).toLocaleString('en-US', { maximumFractionDigits: 6 });
}

/** Large values with a scale word, as briefings write them: "2.1 billion", or "2.1bn". */
function scaled(value: number, abbreviated: boolean): string {
  const scales: [number, string, string][] = [
    [1e12, ' trillion', 'tn'],
    [1e9, ' billion', 'bn'],
    [1e6, ' million', 'mn'],
  ];
  for (const [size, word, short] of scales) {
    if (value >= size) return `${plain(value / size)}${abbreviated ? short : word}`;
  }
  return plain(value);
}
