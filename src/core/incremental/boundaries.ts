/**
 * Where a briefing can be cut into runs of top-level blocks that parse alone as they parse
 * in the whole document: at a line that starts at column 0, is not blank, follows a blank
 * line, is no list item (which could continue the list above) and is not inside front
 * matter, a fenced code block or an HTML block. After a blank line every container and
 * paragraph above is closed by such a line; fences and HTML blocks of kinds 1-5 are not,
 * so they are tracked. The tracking only has to be good, not perfect: every cut is
 * verified by the parser (runParse.ts), and a wrong cut merely joins two runs.
 *
 * A notes list is often one block of definitions without blank lines between them; it is
 * also cut before some of its footnote definitions at column 0 (which close every
 * container and paragraph above, as the parser verifies too), so that an edit there does
 * not re-parse every definition. Which ones is decided by their labels (about one in
 * DEFINITION_SPACING), so the cuts stay where they are while the notes are edited.
 */

const LIST_ITEM = /^(?:[-*+]|\d{1,9}[.)])(?:[ \t]|$)/;
const FENCE = /^ {0,3}(`{3,}|~{3,})(.*)$/;
const FRONT_MATTER_FENCE = /^---[ \t]*$/;
const BLANK = /^[ \t]*$/;
/** A footnote definition's first line; only plain labels, which all open a definition alike. */
const FOOTNOTE_DEFINITION = /^\[\^([A-Za-z0-9_.-]{1,100})\]:/;
const DEFINITION_SPACING = 8;

/** CommonMark HTML block kinds 1-5 end at a marker; 6 and 7 at a blank line. */
const HTML_STARTS: { start: RegExp; end: RegExp | undefined }[] = [
  { start: /^ {0,3}<(?:script|pre|style|textarea)(?:[ \t>]|$)/i, end: /<\/(?:script|pre|style|textarea)>/i },
  { start: /^ {0,3}<!--/, end: /-->/ },
  { start: /^ {0,3}<\?/, end: /\?>/ },
  { start: /^ {0,3}<![A-Za-z]/, end: />/ },
  { start: /^ {0,3}<!\[CDATA\[/, end: /\]\]>/ },
  {
    start:
      /^ {0,3}<\/?(?:address|article|aside|base|basefont|blockquote|body|caption|center|col|colgroup|dd|details|dialog|dir|div|dl|dt|fieldset|figcaption|figure|footer|form|frame|frameset|h[1-6]|head|header|hr|html|iframe|legend|li|link|main|menu|menuitem|nav|noframes|ol|optgroup|option|p|param|search|section|summary|table|tbody|td|tfoot|th|thead|title|tr|track|ul)(?:[ \t>]|\/>|$)/i,
    end: undefined,
  },
  // Kind 7 (any other complete tag alone on its line) cannot interrupt a paragraph; taking
  // every such line for one only costs cuts.
  { start: /^ {0,3}<\/?[A-Za-z][A-Za-z0-9-]*(?:\s[^<>]*)?\/?>[ \t]*$/, end: undefined },
];

export interface Cuts {
  /** Offsets where runs start (the first is 0). */
  starts: number[];
  /**
   * What to parse before every run but the first, for the parser to be in the state it is
   * in there. Empty, except after a front matter fence that never closes: the parser
   * reads it as a rule, but from then on no list item interrupts a paragraph.
   */
  lead: string;
}

/** Where to cut. A text with lone carriage returns (which CommonMark also reads as line endings) or a byte order mark is one run. */
export function cut(text: string): Cuts {
  if (text.charCodeAt(0) === 0xfeff || (text.includes('\r') && /\r(?!\n)/.test(text))) return { starts: [0], lead: '' };
  const starts = scan(text, true);
  if (starts) return { starts, lead: '' };
  const firstLine = text.indexOf('\n') + 1 || text.length;
  return { starts: scan(text, false)!, lead: `${text.slice(0, firstLine)}\n` };
}

/** The run starts, or undefined when front matter is allowed and opens but never closes. */
function scan(text: string, allowFrontMatter: boolean): number[] | undefined {
  const starts = [0];
  let fence: { char: string; length: number } | undefined;
  let html: RegExp | 'blank' | undefined;
  let frontMatter = false;
  let afterBlank = false;
  let at = 0;
  // Most lines are prose: they are read where they are, and only a line that may be
  // something else is sliced out (a long document has thousands of lines).
  while (at < text.length) {
    let next = text.indexOf('\n', at);
    if (next < 0) next = text.length;
    const lineStart = at;
    const lineEnd = text.charCodeAt(next - 1) === 13 && next > at ? next - 1 : next;
    at = next + 1;
    const first = lineStart < lineEnd ? text.charCodeAt(lineStart) : -1;
    if (lineStart === 0 && allowFrontMatter && first === 45 && FRONT_MATTER_FENCE.test(text.slice(lineStart, lineEnd))) {
      frontMatter = true;
      continue;
    }
    if (frontMatter) {
      if (first === 45 && FRONT_MATTER_FENCE.test(text.slice(lineStart, lineEnd))) frontMatter = false;
      continue;
    }
    const indented = indentEnd(text, lineStart, lineEnd);
    const marker = indented < lineEnd ? text.charCodeAt(indented) : -1;
    if (fence) {
      if (marker === 96 || marker === 126) {
        const m = FENCE.exec(text.slice(lineStart, lineEnd));
        if (m && m[1]![0] === fence.char && m[1]!.length >= fence.length && BLANK.test(m[2]!)) fence = undefined;
      }
      continue;
    }
    const blank = isBlank(text, lineStart, lineEnd);
    if (html !== undefined) {
      if (html === 'blank' ? blank : html.test(text.slice(lineStart, lineEnd))) {
        html = undefined;
        afterBlank = blank;
      }
      continue;
    }
    if (blank) {
      afterBlank = true;
      continue;
    }
    if (
      afterBlank
        ? first !== 32 && first !== 9 && !(mayBeListItem(first) && LIST_ITEM.test(text.slice(lineStart, lineEnd)))
        : first === 91 && definitionCut(text.slice(lineStart, lineEnd))
    )
      starts.push(lineStart);
    afterBlank = false;
    if (marker === 96 || marker === 126) {
      const f = FENCE.exec(text.slice(lineStart, lineEnd));
      if (f && !(f[1]![0] === '`' && f[2]!.includes('`'))) {
        fence = { char: f[1]![0]!, length: f[1]!.length };
        continue;
      }
    }
    // Every HTML block starts with `<` after at most three spaces.
    if (marker === 60) {
      const source = text.slice(lineStart, lineEnd);
      const kind = HTML_STARTS.find((k) => k.start.test(source));
      if (kind) html = kind.end === undefined ? 'blank' : kind.end.test(source.slice(source.indexOf('<') + 1)) ? undefined : kind.end;
    }
  }
  return frontMatter ? undefined : starts;
}

/** Where a line's indentation of up to three spaces ends (the offset of its fence or HTML marker, if any). */
function indentEnd(text: string, start: number, end: number): number {
  let i = start;
  while (i < end && i - start < 3 && text.charCodeAt(i) === 32) i++;
  return i;
}

/** Whether the line is spaces and tabs only (BLANK). */
function isBlank(text: string, start: number, end: number): boolean {
  for (let i = start; i < end; i++) {
    const c = text.charCodeAt(i);
    if (c !== 32 && c !== 9) return false;
  }
  return true;
}

/** Whether a line starting with this character may open a list item (`-`, `*`, `+` or a digit). */
function mayBeListItem(first: number): boolean {
  return first === 45 || first === 42 || first === 43 || (first >= 48 && first <= 57);
}

/** Whether to cut before `line` where no blank line precedes it: one of about DEFINITION_SPACING footnote definitions, by a hash of its label. */
function definitionCut(line: string): boolean {
  const label = FOOTNOTE_DEFINITION.exec(line)?.[1];
  if (label === undefined) return false;
  let hash = 0x811c9dc5;
  for (let i = 0; i < label.length; i++) hash = Math.imul(hash ^ label.charCodeAt(i), 0x01000193);
  return (hash >>> 0) % DEFINITION_SPACING === 0;
}
