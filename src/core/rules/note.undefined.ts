import { showLabel } from '../notes/resolve';
import type { RawFinding, RuleContext } from './context';
import { defineRule } from './ruleDefinition';

export const noteUndefined = defineRule({
  code: 'note.undefined',
  severity: 'error',
  description: 'A note reference has no definition.',
  check: checkUndefinedNotes,
});

function checkUndefinedNotes(context: RuleContext): RawFinding[] {
  const { model, notes } = context;
  const findings: RawFinding[] = [];
  const hasEndnoteDefs = model.defs.some((d) => d.namespace === 'endnote');
  model.refs.forEach((ref, i) => {
    if (notes.defOfRef[i]) return;
    const where =
      ref.namespace === 'footnote'
        ? `there is no [^${ref.label}]: definition`
        : hasEndnoteDefs || model.notesSection
          ? 'the notes list has no such item'
          : 'the document has no notes list';
    findings.push({
      code: 'note.undefined',
      message: `Note ${showLabel(ref.namespace, ref.label)} has no definition: ${where}.`,
      span: ref.span,
    });
  });
  return findings;
}
