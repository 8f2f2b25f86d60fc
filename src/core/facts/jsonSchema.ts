/**
 * The JSON Schema of fact files, generated from the zod schema so the editor and the
 * checker can never disagree. esbuild.mjs writes it to dist/facts.schema.json, which
 * the extension contributes through `jsonValidation` for `*.facts.json`.
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
