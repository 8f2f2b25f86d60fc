// Found by the note-numbering pass (rules/noteNumbering.ts), which reads each namespace's
// numbered references once for note.gap and note.order, and writes their messages.
import { checkNoteNumbering } from './noteNumbering';
import { defineRule } from './ruleDefinition';

export const noteGap = defineRule({
  code: 'note.gap',
  severity: 'warning',
  description: 'The referenced numeric note labels skip a number (reported once per gap).',
  check: checkNoteNumbering,
});
