/**
 * From the decoded fields of one BibTeX/BibLaTeX entry (as @retorquere/bibtex-parser
 * gives them) to the parts of a source, following pandoc's reading of BibLaTeX
 * (its citeproc BibTeX module) so that a key means the same work in both:
 * `title: subtitle. titleaddon`, the journal or book an article or chapter is in as
 * its container, `date` before `year`/`month`, an institution or school as the
 * publisher of a report or thesis.
 */
import type { Creator, Entry } from '@retorquere/bibtex-parser';
import type { BibDate, BibEntry, BibName } from './types';

type Fields = Entry['fields'];
export type EntryParts = Pick<BibEntry, 'title' | 'authors' | 'editors' | 'issued' | 'containerTitle' | 'publisher' | 'url' | 'doi'>;

/** Entry types that are a part of a book, whose container is the book (`booktitle`). */
const BOOK_PARTS = new Set(['inbook', 'incollection', 'inproceedings', 'inreference', 'bookinbook', 'suppbook', 'suppcollection']);

/** Where an `eprint` is, by `eprinttype` (or BibTeX's `archiveprefix`), as pandoc and biblatex link them. */
const EPRINT_URLS: Record<string, string> = {
  arxiv: 'https://arxiv.org/abs/',
  jstor: 'https://www.jstor.org/stable/',
  pubmed: 'https://www.ncbi.nlm.nih.gov/pubmed/',
  googlebooks: 'https://books.google.com?id=',
};

/** `fields` decoded; `inherited` gives the fields of the entry it crossrefs (biblatex inherits a date, the parser does not). */
export function entryParts(type: string, fields: Fields, inherited?: (name: string) => string | undefined): EntryParts {
  const text = (name: string) => textField(fields, name);
  const issued =
    issuedDate(text('date'), text('year'), text('month')) ??
    (inherited && issuedDate(inherited('date'), inherited('year'), inherited('month')));
  return {
    ...titles(type, text),
    authors: names(fields.author),
    editors: names(fields.editor),
    issued,
    publisher: publisher(fields),
    // biblatex's `options = {url=false}` only hides the URL in print; a link to it still cites the work.
    url: text('url') ?? eprintUrl(text),
    doi: text('doi')?.replace(/^(?:https?:\/\/(?:dx\.)?doi\.org\/|doi:)/i, ''),
  };
}

/**
 * Pandoc's reading: a periodical's title is its issue's title, inside the periodical;
 * a volume of a multi-volume work (`maintitle`) is cited by the work's title; a part of
 * a book is inside the book (or the multi-volume work); anything else inside its journal.
 */
function titles(type: string, text: (name: string) => string | undefined): Pick<EntryParts, 'title' | 'containerTitle'> {
  const joined = (prefix: string) => joinTitle(text(`${prefix}title`), text(`${prefix}subtitle`), text(`${prefix}titleaddon`));
  const ownTitle = joined('');
  const mainTitle = joined('main');
  if (type === 'periodical')
    return { title: joined('issue') ?? ownTitle, containerTitle: joined('issue') === undefined ? undefined : ownTitle };
  if (BOOK_PARTS.has(type)) return { title: ownTitle, containerTitle: mainTitle ?? joined('book') };
  const journal = joinTitle(text('journaltitle') ?? text('journal'), text('journalsubtitle'), text('journaltitleaddon'));
  return { title: mainTitle ?? ownTitle, containerTitle: journal };
}

function eprintUrl(text: (name: string) => string | undefined): string | undefined {
  const eprint = text('eprint');
  const base = EPRINT_URLS[(text('eprinttype') ?? text('archiveprefix') ?? '').toLowerCase()];
  return eprint !== undefined && base !== undefined ? base + eprint : undefined;
}

function publisher(fields: Fields): string | undefined {
  for (const name of ['publisher', 'institution', 'school', 'organization'] as const) {
    const value = fields[name];
    const list = (Array.isArray(value) ? value : value === undefined ? [] : [value]).map(clean).filter((v) => v !== '');
    if (list.length > 0) return list.join('; ');
  }
  return undefined;
}

/** `Title: Subtitle. Addon`, as pandoc and biblatex's standard styles join them. */
function joinTitle(title: string | undefined, subtitle: string | undefined, addon: string | undefined): string | undefined {
  if (title === undefined) return undefined;
  let joined = title;
  if (subtitle !== undefined) joined += `${endsInPunctuation(joined) ? '' : ':'} ${subtitle}`;
  if (addon !== undefined) joined += `${endsInPunctuation(joined) ? '' : '.'} ${addon}`;
  return joined;
}

function endsInPunctuation(text: string): boolean {
  return /[.?!:]$/.test(text);
}

function textField(fields: Fields, name: string): string | undefined {
  const value = (fields as Record<string, unknown>)[name];
  const raw = Array.isArray(value) ? value.filter((v) => typeof v === 'string').join('; ') : value;
  if (typeof raw !== 'string') return undefined;
  const cleaned = clean(raw);
  return cleaned === '' ? undefined : cleaned;
}

/**
 * The parser marks up what LaTeX commands meant (`<i>`, `<b>`, small caps and
 * case-protection spans); a source's title is plain text.
 */
const MARKUP = /<\/?(?:i|b|sup|sub|p|a|span|nc|sc|enquote)(?:\s[^<>]*)?>/g;

function clean(text: string): string {
  // NFC: `\'e` decodes to e and a combining accent, which would not equal a typed é.
  return text.replace(MARKUP, '').replace(/\s+/g, ' ').trim().normalize('NFC');
}

function names(creators: Creator[] | undefined): BibName[] {
  if (!Array.isArray(creators)) return [];
  return creators.map((creator) => {
    if (creator.name !== undefined) return { literal: clean(creator.name) };
    const name: BibName = {};
    if (creator.lastName) name.family = clean(creator.lastName);
    if (creator.firstName) name.given = clean(creator.firstName);
    if (creator.prefix) name.particle = clean(creator.prefix);
    if (creator.suffix) name.suffix = clean(creator.suffix);
    return name;
  });
}

/**
 * biblatex's `date` (ISO 8601 / EDTF: `2013-07-29`, `2020-03`, `2001/2003`, `1850~`)
 * wins over `year` and `month`, as in biblatex itself. Year-only text that is not a
 * number (`forthcoming`) is kept as text without a year.
 */
export function issuedDate(date: string | undefined, year: string | undefined, month: string | undefined): BibDate | undefined {
  if (date !== undefined) {
    // EDTF: `20uu` (or `20XX`) is some year of the 2000s, read as its first.
    const match = /^(-?\d{1,4})(?:-(\d{1,2}))?(?:-(\d{1,2}))?/.exec(
      date.replace(/^(-?\d+)[Xu]+/, (digits) => digits.replace(/[Xu]/g, '0')),
    );
    if (!match) return { text: date };
    return withParts(
      date,
      Number(match[1]),
      match[2] === undefined ? undefined : Number(match[2]),
      match[3] === undefined ? undefined : Number(match[3]),
    );
  }
  if (year === undefined) return undefined;
  const yearNumber = /^\s*(-?\d{1,4})\s*$/.exec(year);
  if (!yearNumber) return { text: year };
  const monthNumber = month !== undefined && /^\d{1,2}$/.test(month) ? Number(month) : undefined;
  const text = monthNumber === undefined ? year.trim() : `${year.trim()}-${String(monthNumber).padStart(2, '0')}`;
  return withParts(text, Number(yearNumber[1]), monthNumber, undefined);
}

function withParts(text: string, year: number, month: number | undefined, day: number | undefined): BibDate {
  const date: BibDate = { text, year };
  if (month !== undefined && month >= 1 && month <= 12) date.month = month;
  if (date.month !== undefined && day !== undefined && day >= 1 && day <= 31) date.day = day;
  return date;
}
