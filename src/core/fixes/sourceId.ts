/**
 * A proposed id for a new source, citable as `@id` (schema.ts SOURCE_ID_PATTERN): short,
 * from who published it and when. Its own module so the VS Code client can propose one
 * without bundling the engine.
 */

/** A citable source id from a publisher or title and a year ("kotra-2017"), made unique with `-2`, `-3`…. */
export function sourceIdFor(source: { title: string; publisher?: string; published?: string }, taken: (id: string) => boolean): string {
  const name = source.publisher?.trim() || source.title;
  // An acronym in parentheses names a publisher best: "Korea Trade-Investment Promotion Agency (KOTRA)".
  const acronym = /\(([\p{Lu}\p{N}]{2,10})\)/u.exec(name)?.[1];
  const words = (acronym ?? name)
    .toLowerCase()
    .normalize('NFKD')
    .replace(/[\u0300-\u036f]/g, '')
    .replace(/[^\p{L}\p{N}\s-]/gu, ' ')
    .split(/[\s-]+/)
    .filter((w) => w.length > 0 && !STOP_WORDS.has(w))
    .slice(0, 3);
  const year = /\b(1[89]\d\d|2\d{3})\b/.exec(source.published ?? '')?.[1];
  const base = [...(words.length > 0 ? words : ['source']), ...(year ? [year] : [])].join('-').slice(0, 40).replace(/-$/, '');
  return uniqueId(base, taken);
}

/** `base`, or the first of `base-2`, `base-3`… that is not taken. */
export function uniqueId(base: string, taken: (id: string) => boolean): string {
  let id = base;
  for (let k = 2; taken(id); k++) id = `${base}-${k}`;
  return id;
}

const STOP_WORDS = new Set(['the', 'of', 'and', 'for', 'a', 'an', 'in', 'on', 'to']);
