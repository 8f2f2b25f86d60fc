import { analyzeBriefing, type AnalyzeOptions } from '../analyze/analyzeBriefing';
import type { BriefingModel } from '../model';
import { resolveNotes } from '../notes/resolve';
import { applyEdits } from './applyEdits';
import { convertEndnotesFix } from './convertEndnotes';
import { renumberFix } from './renumber';

/**
 * Applies the safe fixes (`--fix`, docs/cli.md#options): convert `[n]` endnotes to `[^n]` footnotes, then
 * renumber notes in order of first citation. Each step re-analyses the text it produced,
 * so later steps see the earlier ones' result. Returns the new text (the same string
 * when nothing applies). `analysed`, the model of `text` with the same options when the
 * caller has it (the language server does), spares analysing `text` again: with it, a
 * text that needs no conversion is not analysed at all (a 1 MB briefing takes seconds).
 */
export function applySafeFixes(text: string, options: AnalyzeOptions = {}, analysed?: BriefingModel): { text: string; applied: string[] } {
  const applied: string[] = [];
  let current = text;
  let model = analysed?.text === text ? analysed : undefined;
  for (const step of [convertStep, renumberStep]) {
    model ??= analyzeBriefing(current, options);
    const fix = step(model);
    if (!fix) continue;
    current = applyEdits(current, fix.edits);
    applied.push(fix.title);
    model = undefined;
  }
  return { text: current, applied };
}

function convertStep(model: ReturnType<typeof analyzeBriefing>) {
  return convertEndnotesFix(model);
}

function renumberStep(model: ReturnType<typeof analyzeBriefing>) {
  return renumberFix({ model, notes: resolveNotes(model) });
}
