import { analyzeBriefing, type AnalyzeOptions } from '../analyze/analyzeBriefing';
import { resolveNotes } from '../notes/resolve';
import { applyEdits } from './applyEdits';
import { convertEndnotesFix } from './convertEndnotes';
import { renumberFix } from './renumber';

/**
 * Applies the safe fixes (`--fix`, docs/cli.md#options): convert `[n]` endnotes to `[^n]` footnotes, then
 * renumber notes in order of first citation. Each step re-analyses the text it produced,
 * so later steps see the earlier ones' result. Returns the new text (the same string
 * when nothing applies).
 */
export function applySafeFixes(text: string, options: AnalyzeOptions = {}): { text: string; applied: string[] } {
  const applied: string[] = [];
  let current = text;
  for (const step of [convertStep, renumberStep]) {
    const model = analyzeBriefing(current, options);
    const fix = step(model);
    if (!fix) continue;
    current = applyEdits(current, fix.edits);
    applied.push(fix.title);
  }
  return { text: current, applied };
}

function convertStep(model: ReturnType<typeof analyzeBriefing>) {
  return convertEndnotesFix(model);
}

function renumberStep(model: ReturnType<typeof analyzeBriefing>) {
  return renumberFix({ model, notes: resolveNotes(model) });
}
