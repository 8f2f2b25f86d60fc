import type { FactIndex } from '../facts/factIndex';
import type { Citation, NoteDef } from '../model';
import type { NoteResolution } from '../notes/resolve';

export interface CitedSources {
  /** Known source ids, in the order first cited, each once. Shared between sentences: never changed. */
  known: string[];
  /** Something is cited that cannot be checked: an unknown link, a note without a known source. */
  unchecked: boolean;
}

export const NOTHING_CITED: CitedSources = { known: [], unchecked: false };
export const NO_IDS: readonly string[] = [];

/**
 * `known` with the ids of `more` it lacks appended. Arrays are never changed, so `known`
 * itself comes back when nothing is new (and `more` when `known` is empty), which both
 * saves allocating and tells the caller whether anything was added.
 */
function withIds(known: readonly string[], more: readonly string[]): readonly string[] {
  if (known.length === 0) return more.length === 0 ? known : more;
  let merged: string[] | undefined;
  for (const id of more) {
    if (known.includes(id) || merged?.includes(id)) continue;
    (merged ??= [...known]).push(id);
  }
  return merged ?? known;
}

/**
 * The sources that cited URLs and note definitions name, worked out once per fact index
 * and kept (a document cites the same ones again and again).
 */
export class SourceNames {
  private readonly urlSources = new Map<string, readonly string[]>();
  /** Per note definition (its objects stay the same while the notes list does not change). */
  private readonly defSources = new WeakMap<NoteDef, readonly string[]>();
  private readonly ids = new Map<string, readonly string[]>();

  constructor(private readonly facts: FactIndex) {}

  /** `[id]`, the same array for each id. */
  private only(id: string): readonly string[] {
    let ids = this.ids.get(id);
    if (!ids) this.ids.set(id, (ids = [id]));
    return ids;
  }

  /** The source a URL names, as `[id]`, or no ids. Normalising a URL is slow, and a document cites the same ones again and again. */
  private urlSource(url: string): readonly string[] {
    let ids = this.urlSources.get(url);
    if (!ids) {
      const source = this.facts.sourceByUrl(url);
      this.urlSources.set(url, (ids = source ? this.only(source.id) : NO_IDS));
    }
    return ids;
  }

  /** The known sources a note definition names: its `@id` keys, then its URLs' sources, each once. */
  noteSources(def: NoteDef | undefined): readonly string[] {
    if (!def) return NO_IDS;
    let ids = this.defSources.get(def);
    if (!ids) {
      ids = NO_IDS;
      for (const k of def.keys) if (this.facts.sources.has(k.id)) ids = withIds(ids, this.only(k.id));
      for (const u of def.urls) ids = withIds(ids, this.urlSource(u.url));
      this.defSources.set(def, ids);
    }
    return ids;
  }

  /** The sources the citations cite. */
  sourcesOf(citations: readonly Citation[], notes: NoteResolution): CitedSources {
    let known = NO_IDS;
    let unchecked = false;
    for (const c of citations) {
      if (c.kind === 'link') {
        const ids = this.urlSource(c.url);
        if (ids.length === 0) unchecked = true;
        else known = withIds(known, ids);
      } else if (c.kind === 'inline') {
        for (const k of c.keys) {
          if (this.facts.sources.has(k.id)) known = withIds(known, this.only(k.id));
          else if (!c.narrative) unchecked = true;
        }
      } else {
        // A note counts as unchecked unless it adds a source not cited before it.
        const before = known;
        known = withIds(known, this.noteSources(notes.defOfRef[c.ref]));
        if (known === before) unchecked = true;
      }
    }
    return { known: known as string[], unchecked };
  }
}

const sourceNames = new WeakMap<FactIndex, SourceNames>();

/** The source names of a fact index, worked out once per fact index. */
export function sourceNamesFor(facts: FactIndex): SourceNames {
  let names = sourceNames.get(facts);
  if (!names) sourceNames.set(facts, (names = new SourceNames(facts)));
  return names;
}

/** The known sources that citations cite, worked out as for statistics (for the rules that read sources too). */
export function citedSources(facts: FactIndex, citations: readonly Citation[], notes: NoteResolution): readonly string[] {
  return sourceNamesFor(facts).sourcesOf(citations, notes).known;
}

/**
 * Whether two note definitions name the same known sources. After an edit above the notes
 * list its definitions are new objects with the same keys and URLs, which are compared
 * before the sources they name are looked up.
 */
export function sameNoteSources(a: NoteDef | undefined, b: NoteDef | undefined, names: SourceNames): boolean {
  if (a === b) return true;
  if (!a || !b) return false;
  if (a.keys.length === b.keys.length && a.urls.length === b.urls.length) {
    let same = true;
    for (let i = 0; same && i < a.keys.length; i++) same = a.keys[i]!.id === b.keys[i]!.id;
    for (let i = 0; same && i < a.urls.length; i++) same = a.urls[i]!.url === b.urls[i]!.url;
    if (same) return true;
  }
  return sameStrings(names.noteSources(a), names.noteSources(b));
}

export function sameStrings(a: readonly string[], b: readonly string[]): boolean {
  if (a === b) return true;
  if (a.length !== b.length) return false;
  for (let i = 0; i < a.length; i++) if (a[i] !== b[i]) return false;
  return true;
}
