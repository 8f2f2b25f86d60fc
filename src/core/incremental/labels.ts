/**
 * Link and footnote labels. Which `[x]` is a reference, and which `[^x]` a footnote call,
 * depends on definitions anywhere in the document; a run is parsed with the definitions of
 * the labels it might use, so these are found generously: any bracketed text counts.
 */

/** micromark's normalizeIdentifier, lower-cased as mdast identifiers are. */
export function normalizeLabel(label: string): string {
  return label
    .replace(/[\t\n\r ]+/g, ' ')
    .replace(/^ | $/g, '')
    .toLowerCase()
    .toUpperCase()
    .toLowerCase();
}

const BRACKETED = /\[((?:[^[\]\\]|\\[\s\S]){1,1000})\]/g;

/** Keys of the labels a run may look up: `link:<id>` and `footnote:<id>`. */
export function labelsUsedIn(text: string): Set<string> {
  const used = new Set<string>();
  const add = (inner: string) => {
    used.add(`link:${normalizeLabel(inner)}`);
    if (inner.startsWith('^')) used.add(`footnote:${normalizeLabel(inner.slice(1))}`);
  };
  for (const m of text.matchAll(BRACKETED)) {
    const inner = m[1]!;
    add(inner);
    // A label wrapped inside a block quote carries the quote markers in its source.
    if (inner.includes('\n')) add(inner.replace(/\n[ \t>]*/g, '\n'));
  }
  return used;
}

/** A definition a run may need: its key (as labelsUsedIn makes them) and a line that defines it. */
export interface LabelDefinition {
  key: string;
  line: string;
}

export function linkLabelDefinition(identifier: string, label: string): LabelDefinition {
  return { key: `link:${identifier}`, line: `[${label}]: x` };
}

export function footnoteLabelDefinition(identifier: string, label: string): LabelDefinition {
  return { key: `footnote:${identifier}`, line: `[^${label}]: x` };
}

// Lines that may define a label, to guess a run's definitions before parsing the runs that
// hold them; a wrong guess only costs a second parse.
const DEFINITION_LINE = /^[ \t>]*(?:(?:[-*+]|\d{1,9}[.)])[ \t]+)?\[(\^?)((?:[^[\]\\]|\\[\s\S]){1,1000})\]:/gm;

/** `known` and the lines of `text` that look like definitions. */
export function guessLabels(text: string, known: ReadonlyMap<string, LabelDefinition>): Map<string, LabelDefinition> {
  const guess = new Map(known);
  for (const m of text.matchAll(DEFINITION_LINE)) {
    const identifier = normalizeLabel(m[2]!);
    const d = m[1] ? footnoteLabelDefinition(identifier, m[2]!) : linkLabelDefinition(identifier, m[2]!);
    if (!guess.has(d.key)) guess.set(d.key, d);
  }
  return guess;
}

/** The definitions of the labels a run uses, in a stable order. */
export function relevant(used: Set<string>, labels: ReadonlyMap<string, LabelDefinition>): LabelDefinition[] {
  const found: LabelDefinition[] = [];
  for (const key of used) {
    const d = labels.get(key);
    if (d) found.push(d);
  }
  return found.sort((a, b) => (a.key < b.key ? -1 : a.key > b.key ? 1 : 0));
}
