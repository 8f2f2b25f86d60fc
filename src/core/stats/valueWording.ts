import type { FactEntry } from '../facts/factIndex';

// Formatting numbers is slow, and a mismatch is reported again at every check.
const described = new WeakMap<FactEntry['fact'], string>();

/**
 * "1,190,000,000", "37.4": en-US grouping, at most six decimals. Written by hand because
 * the first toLocaleString call loads ICU data, which costs a CLI run ~70 ms.
 */
export function groupThousands(value: number): string {
  const fixed = Number(value.toFixed(6)).toString();
  if (/e/i.test(fixed)) return fixed;
  return withThousandsCommas(fixed);
}

/** "1234567.25" → "1,234,567.25": commas between groups of three digits of the whole part only. */
export function withThousandsCommas(plain: string): string {
  const dot = plain.indexOf('.');
  const whole = dot === -1 ? plain : plain.slice(0, dot);
  return whole.replace(/\B(?=(\d{3})+(?!\d))/g, ',') + (dot === -1 ? '' : plain.slice(dot));
}

/** Describes a fact's value in words: "46 percent", "USD 2,100,000,000", "3,000 troops". */
export function describeValue(fact: FactEntry['fact']): string {
  let text = described.get(fact);
  if (text === undefined) {
    const value = groupThousands(fact.value);
    text = /^[A-Z]{3}$/.test(fact.unit) ? `${fact.unit} ${value}` : `${value} ${fact.unit}`;
    described.set(fact, text);
  }
  return text;
}
