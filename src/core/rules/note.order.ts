// Found by the note-numbering pass (rules/noteNumbering.ts), which reads each namespace's
// numbered references once for note.gap and note.order, and writes their messages.
import { checkNoteNumbering } from './noteNumbering';
import { defineRule } from './ruleDefinition';

export const noteOrder = defineRule({
  code: 'note.order',
  severity: 'warning',
  description: 'Numeric notes are not first referenced in ascending order.',
  check: checkNoteNumbering,
});
