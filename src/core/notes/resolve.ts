import type { BriefingModel, NoteDef, NoteNamespace, NoteRef } from '../model';

/** Which definition each reference resolves to, and which definitions repeat a label. */
export interface NoteResolution {
  /** The (first) definition of each namespace:key. */
  byKey: Map<string, NoteDef>;
  /** Per ref index, its definition or undefined. */
  defOfRef: (NoteDef | undefined)[];
  /** Definitions that repeat an earlier label, with that first definition. */
  duplicates: { def: NoteDef; first: NoteDef }[];
  /** namespace:key → indices of the refs to it, in document order. */
  refsByKey: Map<string, number[]>;
}

/**
 * The keys made so far, per namespace: every check looks up every note reference and
 * definition by key, and a long briefing has thousands, mostly with the labels of the
 * check before. Bounded: cleared when it holds more labels than any briefing has.
 */
const KEYS: Record<NoteNamespace, Map<string, string>> = { footnote: new Map(), endnote: new Map() };
const MAX_KEYS = 100_000;

export function noteKey(namespace: NoteNamespace, key: string): string {
  const keys = KEYS[namespace];
  let found = keys.get(key);
  if (found === undefined) {
    if (keys.size >= MAX_KEYS) keys.clear();
    keys.set(key, (found = `${namespace}:${key}`));
  }
  return found;
}

export function refKey(ref: NoteRef): string {
  return noteKey(ref.namespace, ref.key);
}

export function resolveNotes(model: BriefingModel): NoteResolution {
  const byKey = new Map<string, NoteDef>();
  const duplicates: NoteResolution['duplicates'] = [];
  for (const def of model.defs) {
    const key = noteKey(def.namespace, def.key);
    const first = byKey.get(key);
    if (first) duplicates.push({ def, first });
    else byKey.set(key, def);
  }
  const refsByKey = new Map<string, number[]>();
  const defOfRef = model.refs.map((ref, i) => {
    const key = refKey(ref);
    const list = refsByKey.get(key);
    if (list) list.push(i);
    else refsByKey.set(key, [i]);
    return byKey.get(key);
  });
  return { byKey, defOfRef, duplicates, refsByKey };
}

/** How a label is shown in messages, in the style it was written. */
export function showLabel(namespace: NoteNamespace, label: string): string {
  return namespace === 'footnote' ? `[^${label}]` : `[${label}]`;
}
