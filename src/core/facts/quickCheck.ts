/**
 * A yes/no check derived from a zod schema, for the common case of a valid entry.
 * Until V8 has warmed it up, zod takes several microseconds per object, which made
 * validation about half the load time of a 10,000-fact file; plain `typeof` checks
 * take a few percent of that. Only the parts of zod the fact-file schema uses are
 * compiled; anything else falls back to zod. Entries that fail the quick check are
 * validated by zod, which stays the authority and produces the messages.
 */
import type { z } from 'zod';

type QuickCheck = (value: unknown) => boolean;

/** A check that accepts exactly what `schema` accepts. */
export function quickCheck<T extends z.ZodType>(schema: T): (value: unknown) => value is z.output<T> {
  const check = compile(schema) ?? ((value) => schema.safeParse(value).success);
  return check as (value: unknown) => value is z.output<T>;
}

/** The zod definition fields read here (zod's public introspection API, `schema.def`). */
interface Definition {
  type: string;
  checks?: Array<{ _zod: { def: { check: string; minimum?: number } } }>;
  innerType?: z.ZodType;
  element?: z.ZodType;
  shape?: Record<string, z.ZodType>;
  catchall?: z.ZodType;
}

/** A plain-JavaScript check equivalent to `schema`, or undefined when it uses something not handled here. */
function compile(schema: z.ZodType): QuickCheck | undefined {
  const def = schema.def as unknown as Definition;
  const checks = def.checks ?? [];
  switch (def.type) {
    case 'string': {
      const min = minimumLength(checks);
      return min === undefined ? undefined : (value) => typeof value === 'string' && value.length >= min;
    }
    case 'number':
      // z.number() rejects NaN and the infinities.
      return checks.length > 0 ? undefined : (value) => typeof value === 'number' && Number.isFinite(value);
    case 'optional': {
      const inner = def.innerType && compile(def.innerType);
      return inner && ((value) => value === undefined || inner(value));
    }
    case 'array': {
      const element = def.element && compile(def.element);
      return element && checks.length === 0 ? (value) => Array.isArray(value) && value.every(element) : undefined;
    }
    case 'object':
      return def.shape && !def.catchall && checks.length === 0 ? compileObject(def.shape) : undefined;
    default:
      return undefined;
  }
}

function compileObject(shape: Record<string, z.ZodType>): QuickCheck | undefined {
  const keys = Object.keys(shape);
  const checks: QuickCheck[] = [];
  for (const key of keys) {
    const check = compile(shape[key]!);
    if (!check) return undefined;
    checks.push(check);
  }
  // An indexed loop over parallel arrays: this runs for every fact, often before V8
  // has optimised it, where for-of with destructuring is several times slower.
  return (value) => {
    if (typeof value !== 'object' || value === null || Array.isArray(value)) return false;
    const record = value as Record<string, unknown>;
    for (let i = 0; i < keys.length; i++) if (!checks[i]!(record[keys[i]!])) return false;
    return true;
  };
}

/** The minimum length that a string's checks require, or undefined when it has other checks. */
function minimumLength(checks: NonNullable<Definition['checks']>): number | undefined {
  let min = 0;
  for (const { _zod } of checks) {
    if (_zod.def.check !== 'min_length' || _zod.def.minimum === undefined) return undefined;
    min = Math.max(min, _zod.def.minimum);
  }
  return min;
}
