import type { NoteDef } from '../model';
import { showLabel } from '../notes/resolve';
import type { FixData } from '../types';
import type { RawFinding, RuleContext } from './context';
import { defineRule } from './ruleDefinition';

export const noteDuplicate = defineRule({
  code: 'note.duplicate',
  severity: 'error',
  description: 'A note label is defined twice (reported on the second definition; the first is used).',
  check: checkDuplicateNotes,
});

function checkDuplicateNotes(context: RuleContext): RawFinding[] {
  const { model, notes } = context;
  const findings: RawFinding[] = [];
  for (const { def, first } of notes.duplicates) {
    findings.push({
      code: 'note.duplicate',
      message: `Note ${showLabel(def.namespace, def.label)} is defined twice; the first definition, on line ${context.lineOf(first.span.start)}, is the one used.`,
      span: def.labelSpan,
      fixes: () => renumberDuplicate(model, def),
    });
  }
  return findings;
}

/**
 * Gives the second definition of a label a label of its own (the next free number, or
 * `label-2`), keeping its text: it then reads as an unused note the writer can cite.
 * Only for `[^n]:` and `[n]` lines, whose label is written out; a list item's number is
 * its place in the list.
 */
function renumberDuplicate(model: RuleContext['model'], def: NoteDef): FixData[] {
  if (def.form !== 'gfm' && def.form !== 'bracket-line') return [];
  const taken = new Set(model.defs.filter((d) => d.namespace === def.namespace).map((d) => d.label.toLowerCase()));
  for (const r of model.refs) if (r.namespace === def.namespace) taken.add(r.label.toLowerCase());
  let label: string;
  if (def.number !== undefined) {
    let n = 0;
    for (const t of taken) if (/^\d+$/.test(t)) n = Math.max(n, Number(t));
    label = String(n + 1);
  } else {
    let k = 2;
    while (taken.has(`${def.label}-${k}`.toLowerCase())) k++;
    label = `${def.label}-${k}`;
  }
  const written = def.form === 'gfm' ? `[^${label}]:` : `[${label}]`;
  const shown = def.form === 'gfm' ? `[^${label}]` : `[${label}]`;
  return [
    {
      title: `Renumber the second definition as ${shown}`,
      edits: [{ span: def.labelSpan, newText: written }],
      safe: false,
      preferred: true,
    },
  ];
}
