import type { StatUnit } from '../model';
import { singular } from './vocabulary';

/** A fact unit in the form statistics are compared in. */
export function unitKeyOfFact(unit: string): string {
  const u = unit.trim();
  const lower = u.toLowerCase();
  if (/^(?:percent|per ?cent|%|pct)$/.test(lower)) return 'percent';
  if (/^(?:percentage[- ]points?|pp|ppts?|points? of percentage)$/.test(lower)) return 'percentage-points';
  if (/^[A-Z]{3}$/.test(u)) return `currency:${u === 'RMB' ? 'CNY' : u}`;
  return `count:${lower.split(/\s+/).map(singular).join(' ')}`;
}

/** The unit keys a written statistic may be compared with. */
export function unitKeysOfStatistic(unit: StatUnit): string[] {
  switch (unit.kind) {
    case 'percent':
    case 'percentage-points':
      return [unit.kind];
    case 'currency':
      return unit.codes.map((c) => `currency:${c}`);
    case 'count': {
      // "1.2 million barrels of oil" matches a fact in "barrels" or "barrels oil" alike.
      const keys: string[] = [];
      for (let i = 1; i <= unit.nouns.length; i++) keys.push(`count:${unit.nouns.slice(0, i).join(' ')}`);
      for (const noun of unit.nouns.slice(1)) keys.push(`count:${noun}`);
      return keys;
    }
  }
}

const PERCENT_KEYS: readonly string[] = ['percent'];
const POINTS_KEYS: readonly string[] = ['percentage-points'];
/** By currency codes array (statistics in `$` share one) and by count unit. */
const keysByCodes = new WeakMap<readonly string[], readonly string[]>();
const keysByCount = new WeakMap<StatUnit, readonly string[]>();

/**
 * unitKeysOfStatistic, each distinct key once, worked out once per unit (a unit object
 * stays the same while its statistic's block does not change). A key listed twice would
 * only find the same facts again.
 */
export function distinctUnitKeys(unit: StatUnit): readonly string[] {
  switch (unit.kind) {
    case 'percent':
      return PERCENT_KEYS;
    case 'percentage-points':
      return POINTS_KEYS;
    case 'currency': {
      let keys = keysByCodes.get(unit.codes);
      if (!keys) keysByCodes.set(unit.codes, (keys = [...new Set(unitKeysOfStatistic(unit))]));
      return keys;
    }
    case 'count': {
      let keys = keysByCount.get(unit);
      if (!keys) keysByCount.set(unit, (keys = [...new Set(unitKeysOfStatistic(unit))]));
      return keys;
    }
  }
}
