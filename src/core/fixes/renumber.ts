import type { BriefingModel, NoteDef, NoteNamespace, NoteRef } from '../model';
import { noteKey, type NoteResolution } from '../notes/resolve';
import type { FixData, Span, TextEdit } from '../types';
import { bracketInner } from '../analyze/inlinePatterns';
import { applyEdits, shiftEdits } from './applyEdits';

const SUPERSCRIPT_DIGITS = '⁰¹²³⁴⁵⁶⁷⁸⁹';

export function toSuperscript(n: number): string {
  return String(n).replace(/\d/g, (d) => SUPERSCRIPT_DIGITS[Number(d)]!);
}

interface Input {
  model: BriefingModel;
  notes: NoteResolution;
}

/**
 * The new number of each numeric label: referenced labels in order of first citation
 * (running text first, then references inside notes), then unreferenced definitions in
 * document order. Undefined when renumbering is not safe or changes nothing.
 */
export function renumberMapping({ model, notes }: Input, namespace: NoteNamespace): Map<number, number> | undefined {
  const refs = model.refs.filter((r) => r.namespace === namespace && r.number !== undefined);
  if (refs.length === 0) return undefined;
  // With a note missing or defined twice, the right numbers are unknowable: renumbering
  // would hide which recovered note belongs where.
  if (refs.some((r) => !notes.byKey.has(noteKey(namespace, r.key)))) return undefined;
  if (notes.duplicates.some((d) => d.def.namespace === namespace && d.def.number !== undefined)) return undefined;
  const mapping = new Map<number, number>();
  for (const ref of [...refs.filter((r) => !r.inDefinition), ...refs.filter((r) => r.inDefinition)]) {
    if (!mapping.has(ref.number!)) mapping.set(ref.number!, mapping.size + 1);
  }
  for (const def of model.defs) {
    if (def.namespace === namespace && def.number !== undefined && !mapping.has(def.number)) mapping.set(def.number, mapping.size + 1);
  }
  // `[2]` renumbered to `[1]` in a document with a `[1]: https://…` link definition
  // would become a link to it, no longer a note: leave such documents as they are
  // (converting to `[^n]` footnotes first removes the clash).
  if (namespace === 'endnote' && refs.some((r) => r.form === 'bracket')) {
    const linkLabels = new Set([...model.text.matchAll(/^ {0,3}\[(\d+)\]:/gm)].map((m) => Number(m[1])));
    for (const [from, to] of mapping) if (from !== to && linkLabels.has(to)) return undefined;
  }
  for (const [from, to] of mapping) if (from !== to) return mapping;
  return undefined;
}

/** The fix that renumbers one namespace's notes (or both, for the command). */
export function renumberFix(input: Input, namespace?: NoteNamespace): FixData | undefined {
  const edits: TextEdit[] = [];
  for (const ns of namespace ? [namespace] : (['footnote', 'endnote'] as NoteNamespace[])) {
    const mapping = renumberMapping(input, ns);
    if (mapping) edits.push(...renumberEdits(input.model, ns, mapping));
  }
  if (edits.length === 0) return undefined;
  return { title: 'Renumber notes in order of first citation', edits, safe: true, preferred: true };
}

function refText(ref: NoteRef, text: string, to: number): string {
  switch (ref.form) {
    case 'gfm':
      return `[^${to}]`;
    case 'bracket':
      return String(to);
    case 'superscript':
      return toSuperscript(to);
    case 'html':
      return text
        .slice(ref.span.start, ref.span.end)
        .replace(/(#(?:user-content-)?fn[-:]?)\d+/g, `$1${to}`)
        .replace(/>(\s*)\d+(\s*)</, `>$1${to}$2<`);
  }
}

function defLabelText(def: NoteDef, text: string, to: number): string {
  const written = text.slice(def.labelSpan.start, def.labelSpan.end);
  switch (def.form) {
    case 'gfm':
      return `[^${to}]:`;
    case 'list-item':
      return `${to}${written.slice(-1)}`;
    case 'bracket-line':
      return `[${to}]`;
    case 'html-li':
      return written.replace(/(id\s*=\s*["'](?:user-content-)?fn[-:]?)\d+/, `$1${to}`);
  }
}

function renumberEdits(model: BriefingModel, namespace: NoteNamespace, mapping: Map<number, number>): TextEdit[] {
  const { text } = model;
  const labelEdits: TextEdit[] = [];
  const groups = new Map<string, NoteRef[]>();
  for (const ref of model.refs) {
    if (ref.namespace !== namespace || ref.number === undefined) continue;
    // A bracket reference is rewritten inside its brackets, one number or a list alike; an
    // HTML one is rewritten as a list only when it is part of one (its digits, not its tag).
    const inList = ref.span.start !== ref.groupSpan.start || ref.span.end !== ref.groupSpan.end;
    if ((ref.form === 'bracket' && ref.span !== ref.groupSpan) || (ref.form === 'html' && inList)) {
      const id = `${ref.groupSpan.start}`;
      groups.set(id, [...(groups.get(id) ?? []), ref]);
      continue;
    }
    const to = mapping.get(ref.number)!;
    const span = ref.form === 'bracket' ? bracketInner(text, ref.span) : ref.span;
    labelEdits.push({ span, newText: refText(ref, text, to) });
  }
  // `[1, 3-4]` and `<sup>1,3-4</sup>` become the new numbers, ascending, written out one by one.
  for (const refs of groups.values()) {
    const numbers = [...new Set(refs.map((r) => mapping.get(r.number!)!))].sort((a, b) => a - b);
    if (refs[0]!.form === 'bracket') {
      labelEdits.push({ span: bracketInner(text, refs[0]!.groupSpan), newText: numbers.join(', ') });
      continue;
    }
    // Inside the tag, from the first number to the last, keeping how commas were spaced.
    const list = { start: Math.min(...refs.map((r) => r.span.start)), end: Math.max(...refs.map((r) => r.span.end)) };
    const separator = /,\s/.test(text.slice(list.start, list.end)) ? ', ' : ',';
    labelEdits.push({ span: list, newText: numbers.join(separator) });
  }
  for (const def of model.defs) {
    if (def.namespace !== namespace || def.number === undefined) continue;
    labelEdits.push({ span: def.labelSpan, newText: defLabelText(def, text, mapping.get(def.number)!) });
  }
  return reorderDefinitions(model, namespace, mapping, labelEdits);
}

/**
 * Notes lists are positional (an ordered list, Markdown or `<ol>` of `<li id="fnN">`,
 * renders 1, 2, 3 whatever moved), so their items move to their new places, each
 * carrying its own text. Definitions that sit together (only blank lines between) are
 * reordered the same way; scattered GFM definitions are only relabelled.
 */
function reorderDefinitions(
  model: BriefingModel,
  namespace: NoteNamespace,
  mapping: Map<number, number>,
  labelEdits: TextEdit[],
): TextEdit[] {
  const { text } = model;
  const defs = model.defs.filter((d) => d.namespace === namespace && d.number !== undefined);
  const runs: NoteDef[][] = [];
  for (const def of defs) {
    const run = runs[runs.length - 1];
    const prev = run?.[run.length - 1];
    if (prev && prev.form === def.form && text.slice(prev.span.end, def.span.start).trim() === '') run.push(def);
    else runs.push([def]);
  }
  const consumed = new Set<TextEdit>();
  const blockEdits: TextEdit[] = [];
  for (const run of runs) {
    if (run.length < 2) continue;
    const order = [...run].sort((a, b) => mapping.get(a.number!)! - mapping.get(b.number!)!);
    if (order.every((d, i) => d === run[i])) continue;
    const inside = (span: Span, def: NoteDef) => span.start >= def.span.start && span.end <= def.span.end;
    const bodies = run.map((def) => {
      const own = labelEdits.filter((e) => inside(e.span, def));
      own.forEach((e) => consumed.add(e));
      return applyEdits(text.slice(def.span.start, def.span.end), shiftEdits(own, def.span.start));
    });
    const bodyOf = new Map(run.map((d, i) => [d, bodies[i]!]));
    const separators = run.slice(1).map((d, i) => text.slice(run[i]!.span.end, d.span.start));
    let rewritten = '';
    order.forEach((def, i) => {
      rewritten += bodyOf.get(def)!;
      if (i < separators.length) rewritten += separators[i];
    });
    blockEdits.push({ span: { start: run[0]!.span.start, end: run[run.length - 1]!.span.end }, newText: rewritten });
  }
  return [...labelEdits.filter((e) => !consumed.has(e)), ...blockEdits];
}

/**
 * Why renumbering cannot run, naming the notes that block it, for a command that was asked
 * to and must say why not; undefined when nothing blocks it.
 */
export function renumberBlocker({ model, notes }: Input): string | undefined {
  const label = (namespace: NoteNamespace, l: string) => (namespace === 'footnote' ? `[^${l}]` : `[${l}]`);
  const missing = [
    ...new Set(model.refs.filter((r, i) => r.number !== undefined && !notes.defOfRef[i]).map((r) => label(r.namespace, r.label))),
  ];
  if (missing.length > 0) {
    return `Notes cannot be renumbered while ${missing.join(', ')} ${missing.length === 1 ? 'has' : 'have'} no definition: which text belongs to which number is not known. Define or remove ${missing.length === 1 ? 'it' : 'them'} first.`;
  }
  const twice = [...new Set(notes.duplicates.filter((d) => d.def.number !== undefined).map((d) => label(d.def.namespace, d.def.label)))];
  if (twice.length > 0) {
    return `Notes cannot be renumbered while ${twice.join(', ')} ${twice.length === 1 ? 'is' : 'are'} defined twice: which definition a reference means is not known. Renumber or remove the second definition first.`;
  }
  return undefined;
}
