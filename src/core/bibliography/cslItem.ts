/**
 * One CSL item (CSL-JSON or CSL-YAML, the format pandoc, Zotero and Quarto share) as
 * the parts of a source. Only what a source needs is read; CSL's other variables are
 * ignored, and a variable of the wrong type is left out rather than failing the item.
 */
import type { EntryParts } from './bibtexFields';
import { issuedDate } from './bibtexFields';
import type { BibDate, BibName } from './types';

export interface CslReading {
  id?: string;
  type: string;
  parts: EntryParts;
  /** Why the item cannot be a source, when it cannot. */
  problem?: string;
}

export function readCslItem(value: unknown): CslReading {
  if (!isRecord(value))
    return { type: '', parts: { authors: [], editors: [] }, problem: `A bibliography item must be an object, not ${describe(value)}` };
  const id = typeof value.id === 'number' ? String(value.id) : textOf(value.id);
  const parts: EntryParts = {
    title: textOf(value.title),
    authors: namesOf(value.author),
    editors: namesOf(value.editor),
    issued: dateOf(value.issued),
    containerTitle: textOf(value['container-title']),
    publisher: textOf(value.publisher),
    url: textOf(value.URL) ?? textOf(value.url),
    doi: (textOf(value.DOI) ?? textOf(value.doi))?.replace(/^(?:https?:\/\/(?:dx\.)?doi\.org\/|doi:)/i, ''),
  };
  const reading: CslReading = { id, type: textOf(value.type) ?? '', parts };
  if (id === undefined) reading.problem = 'This bibliography item has no "id", so it cannot be cited';
  return reading;
}

function textOf(value: unknown): string | undefined {
  if (typeof value === 'number') return String(value);
  if (typeof value !== 'string') return undefined;
  const text = value.replace(/\s+/g, ' ').trim();
  return text === '' ? undefined : text;
}

function namesOf(value: unknown): BibName[] {
  if (!Array.isArray(value)) return [];
  const names: BibName[] = [];
  for (const person of value) {
    if (typeof person === 'string') {
      names.push({ literal: person });
      continue;
    }
    if (!isRecord(person)) continue;
    const name: BibName = {};
    const literal = textOf(person.literal);
    if (literal !== undefined) name.literal = literal;
    const family = textOf(person.family);
    if (family !== undefined) name.family = family;
    const given = textOf(person.given);
    if (given !== undefined) name.given = given;
    const particle = [textOf(person['dropping-particle']), textOf(person['non-dropping-particle'])]
      .filter((p) => p !== undefined)
      .join(' ');
    if (particle !== '') name.particle = particle;
    const suffix = textOf(person.suffix);
    if (suffix !== undefined) name.suffix = suffix;
    if (Object.keys(name).length > 0) names.push(name);
  }
  return names;
}

/**
 * CSL dates come as `{ "date-parts": [[2020, 3, 1]] }`, `{ "raw": "2020-03-01" }`,
 * `{ "literal": "circa 1850" }`, or (pandoc's YAML) an EDTF string `2020-03-01`.
 */
function dateOf(value: unknown): BibDate | undefined {
  if (typeof value === 'string' || typeof value === 'number') return issuedDate(String(value), undefined, undefined);
  if (value instanceof Date) return issuedDate(value.toISOString().slice(0, 10), undefined, undefined);
  if (!isRecord(value)) return undefined;
  const parts = value['date-parts'];
  if (Array.isArray(parts) && Array.isArray(parts[0]) && parts[0].length > 0) {
    const [year, month, day] = (parts[0] as unknown[]).map((part) => (typeof part === 'number' ? part : Number(part)));
    if (Number.isInteger(year)) {
      const text = [year, month, day]
        .filter((part): part is number => part !== undefined && Number.isInteger(part))
        .map((part, i) => (i === 0 ? String(part) : String(part).padStart(2, '0')))
        .join('-');
      const date: BibDate = { text, year };
      if (Number.isInteger(month)) date.month = month;
      if (Number.isInteger(month) && Number.isInteger(day)) date.day = day;
      return date;
    }
  }
  const raw = textOf(value.raw) ?? textOf(value.literal);
  return raw === undefined ? undefined : issuedDate(raw, undefined, undefined);
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function describe(value: unknown): string {
  if (value === null) return 'null';
  if (Array.isArray(value)) return 'a list';
  return typeof value === 'string' ? 'a string' : typeof value;
}
