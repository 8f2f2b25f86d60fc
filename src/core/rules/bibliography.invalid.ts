// Raised while a bibliography is read (bibliography/parseBibtex.ts, parseCsl.ts) and shown
// in it as the bibliography's findings (bibliography/bibliographySources.ts).
import { defineRule } from './ruleDefinition';

export const bibliographyInvalid = defineRule({
  code: 'bibliography.invalid',
  severity: 'error',
  description: 'A bibliography entry cannot be read; it is left out, and the other entries are read.',
});
