import type { NoteNamespace } from '../model';
import { showLabel } from '../notes/resolve';
import { renumberFix } from '../fixes/renumber';
import type { FixData } from '../types';
import type { RawFinding, RuleContext } from './context';

/**
 * note.gap and note.order, per namespace, over numeric labels. Order is the order of
 * first reference in running text, then references inside notes (GitHub numbers notes the
 * same way).
 */
export function checkNoteNumbering(context: RuleContext): RawFinding[] {
  const findings: RawFinding[] = [];
  for (const namespace of ['footnote', 'endnote'] as NoteNamespace[]) {
    const firstRefs = firstNumericRefs(context, namespace);
    if (firstRefs.length === 0) continue;
    // One renumbering serves every gap and order finding of the namespace; computed on demand.
    let memo: { fixes: FixData[] | undefined } | undefined;
    const fixes = () => {
      if (!memo) {
        const fix = renumberFix(context, namespace);
        memo = { fixes: fix ? [fix] : undefined };
      }
      return memo.fixes;
    };
    const sorted = [...firstRefs].sort((a, b) => a.number - b.number);
    const show = (n: number) => showLabel(namespace, String(n));
    // Notes missing below the lowest reference count as a gap only when they are not
    // defined at all: defined-but-unused notes there are note.unused's to report.
    const lowest = sorted[0]!.number;
    const definedBelow = context.model.defs.some((d) => d.namespace === namespace && d.number !== undefined && d.number < lowest);
    if (lowest > 1 && !definedBelow) {
      findings.push({
        code: 'note.gap',
        message: `Note ${show(lowest)} is the lowest note; ${missing(1, lowest - 1)} missing.`,
        span: sorted[0]!.span,
        fixes,
      });
    }
    for (let i = 1; i < sorted.length; i++) {
      const [a, b] = [sorted[i - 1]!.number, sorted[i]!.number];
      if (b > a + 1) {
        findings.push({
          code: 'note.gap',
          message: `Note ${b} follows note ${a}; ${missing(a + 1, b - 1)} missing.`,
          span: sorted[i]!.span,
          fixes,
        });
      }
    }
    let highest = 0;
    for (const ref of firstRefs) {
      if (ref.number < highest) {
        findings.push({
          code: 'note.order',
          message: `Note ${show(ref.number)} is first cited after note ${show(highest)}; notes should be numbered in the order they are first cited.`,
          span: ref.span,
          fixes,
        });
        break;
      }
      highest = ref.number;
    }
  }
  return findings;
}

function missing(from: number, to: number): string {
  return from === to ? `note ${from} is` : `notes ${from}–${to} are`;
}

/** The first reference of each numeric label, in citation order. */
function firstNumericRefs(context: RuleContext, namespace: NoteNamespace): { number: number; span: { start: number; end: number } }[] {
  const seen = new Set<number>();
  const result: { number: number; span: { start: number; end: number } }[] = [];
  const refs = context.model.refs.filter((r) => r.namespace === namespace && r.number !== undefined);
  for (const ref of [...refs.filter((r) => !r.inDefinition), ...refs.filter((r) => r.inDefinition)]) {
    if (seen.has(ref.number!)) continue;
    seen.add(ref.number!);
    result.push({ number: ref.number!, span: ref.span });
  }
  return result;
}
