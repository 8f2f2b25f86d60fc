/**
 * The JSON Schema of fact files, generated from the zod schema so the editor and the
 * checker can never disagree. esbuild.mjs writes it to dist/facts.schema.json (for other
 * tools), and an editor form of it to dist/facts.editor-schema.json, which the extension
 * contributes through `jsonValidation` for `*.facts.json`.
 */
import { z } from 'zod';
import { FactFileSchema } from './schema';

/**
 * The fact-file JSON Schema. Draft-07, because that is the draft VS Code's JSON
 * language service fully supports; `io: 'input'` describes what may be written (keys
 * with defaults are optional, unknown keys are allowed as the parser allows them).
 */
export function factFileJsonSchema(): object {
  return {
    ...z.toJSONSchema(FactFileSchema, { target: 'draft-07', io: 'input' }),
    title: 'Briefing Check fact file',
  };
}

/**
 * The schema as the editor gets it: the same keys, descriptions and nesting, so VS Code
 * completes keys and shows their documentation, but no types, required keys or formats.
 * The language server reports every problem of a fact file itself (naming a fact by its
 * id, with quick fixes); a strict schema beside it would report each type error twice.
 */
export function factFileEditorSchema(): object {
  return loosen(factFileJsonSchema()) as object;
}

const CHECKS = new Set([
  'type',
  'required',
  'minLength',
  'maxLength',
  'minimum',
  'maximum',
  'exclusiveMinimum',
  'exclusiveMaximum',
  'pattern',
  'format',
  'enum',
  'const',
  'minItems',
  'maxItems',
  'propertyNames',
  'not',
  'anyOf',
  'oneOf',
  'allOf',
]);

function loosen(node: unknown): unknown {
  if (Array.isArray(node)) return node.map(loosen);
  if (!node || typeof node !== 'object') return node;
  const out: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(node)) {
    if (CHECKS.has(key)) continue;
    if (key === 'additionalProperties' && value === false) continue;
    out[key] =
      key === 'properties' || key === 'definitions' || key === '$defs' ? mapValues(value as Record<string, unknown>) : loosen(value);
  }
  return out;
}

function mapValues(record: Record<string, unknown>): Record<string, unknown> {
  return Object.fromEntries(Object.entries(record).map(([k, v]) => [k, loosen(v)]));
}
