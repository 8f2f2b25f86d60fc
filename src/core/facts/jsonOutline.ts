/**
 * Where the parts of a fact file are: the offsets of its top-level keys, of each key
 * in "sources" and of each element of "facts". JSON.parse gives values but no
 * offsets, and a full syntax tree of a large fact file costs ~100x the memory of the
 * text; this single character scan over text already known to be valid JSON gives
 * the few offsets needed at about the cost of JSON.parse itself.
 */
import type { Span } from '../types';

/** One `"key": value` member of an object. */
export interface Member {
  key: string;
  keySpan: Span;
  valueSpan: Span;
}

export interface Outline {
  /** The root object's members, in order, duplicates included. */
  members: Member[];
  /** The members of the last "sources" member, when that is an object (JSON.parse keeps the last). */
  sources: Member[];
  /** The elements of the last "facts" member, when that is an array. */
  facts: Span[];
}

const QUOTE = 0x22;
const BACKSLASH = 0x5c;
const COMMA = 0x2c;
const OPEN_BRACE = 0x7b;
const CLOSE_BRACE = 0x7d;
const OPEN_BRACKET = 0x5b;
const CLOSE_BRACKET = 0x5d;

/**
 * The outline of `text`, which must be a valid JSON object (JSON.parse succeeded on
 * it): the scan relies on that and does no error checking.
 */
export function outlineJson(text: string): Outline {
  const cursor = new Cursor(text);
  const outline: Outline = { members: [], sources: [], facts: [] };
  cursor.skipWhitespace();
  cursor.readObject((key, keySpan) => {
    const valueStart = cursor.pos;
    const first = text.charCodeAt(valueStart);
    if (key === 'sources') outline.sources = first === OPEN_BRACE ? cursor.readMembers() : skipped(cursor);
    else if (key === 'facts') outline.facts = first === OPEN_BRACKET ? cursor.readElements() : skipped(cursor);
    else cursor.skipValue();
    outline.members.push({ key, keySpan, valueSpan: { start: valueStart, end: cursor.pos } });
  });
  return outline;
}

function skipped(cursor: Cursor): never[] {
  cursor.skipValue();
  return [];
}

/** A position in valid JSON text; each read method leaves it just after what it read. */
class Cursor {
  pos = 0;

  constructor(private readonly text: string) {}

  skipWhitespace(): void {
    const text = this.text;
    let pos = this.pos;
    for (;;) {
      const c = text.charCodeAt(pos);
      if (c !== 0x20 && c !== 0x0a && c !== 0x0d && c !== 0x09) break;
      pos++;
    }
    this.pos = pos;
  }

  /** Reads the members of the object at the cursor, skipping their values. */
  readMembers(): Member[] {
    const members: Member[] = [];
    this.readObject((key, keySpan) => {
      const start = this.pos;
      this.skipValue();
      members.push({ key, keySpan, valueSpan: { start, end: this.pos } });
    });
    return members;
  }

  /** Reads the spans of the elements of the array at the cursor. */
  readElements(): Span[] {
    const spans: Span[] = [];
    this.pos++; // [
    this.skipWhitespace();
    while (this.text.charCodeAt(this.pos) !== CLOSE_BRACKET) {
      const start = this.pos;
      this.skipValue();
      spans.push({ start, end: this.pos });
      this.skipSeparator();
    }
    this.pos++; // ]
    return spans;
  }

  /** Walks the object at the cursor; `onMember` is called at each value and must read it. */
  readObject(onMember: (key: string, keySpan: Span) => void): void {
    this.pos++; // {
    this.skipWhitespace();
    while (this.text.charCodeAt(this.pos) !== CLOSE_BRACE) {
      const keySpan = { start: this.pos, end: this.skipString() };
      this.skipWhitespace();
      this.pos++; // :
      this.skipWhitespace();
      onMember(this.decodeKey(keySpan), keySpan);
      this.skipSeparator();
    }
    this.pos++; // }
  }

  /** Skips whitespace and a comma after a member or element. */
  private skipSeparator(): void {
    this.skipWhitespace();
    if (this.text.charCodeAt(this.pos) === COMMA) {
      this.pos++;
      this.skipWhitespace();
    }
  }

  private decodeKey(span: Span): string {
    const raw = this.text.slice(span.start + 1, span.end - 1);
    return raw.includes('\\') ? (JSON.parse(this.text.slice(span.start, span.end)) as string) : raw;
  }

  /** Skips the string at the cursor and returns the offset after its closing quote. */
  private skipString(): number {
    const text = this.text;
    let pos = this.pos + 1;
    for (;;) {
      const c = text.charCodeAt(pos);
      if (c === QUOTE) break;
      pos += c === BACKSLASH ? 2 : 1;
    }
    this.pos = pos + 1;
    return this.pos;
  }

  /** Skips any value; containers by counting brackets, which is safe outside strings. */
  skipValue(): void {
    const text = this.text;
    const first = text.charCodeAt(this.pos);
    if (first === QUOTE) {
      this.skipString();
      return;
    }
    if (first !== OPEN_BRACE && first !== OPEN_BRACKET) {
      this.skipLiteral();
      return;
    }
    let depth = 0;
    do {
      const c = text.charCodeAt(this.pos);
      if (c === QUOTE) {
        this.skipString();
        continue;
      }
      if (c === OPEN_BRACE || c === OPEN_BRACKET) depth++;
      else if (c === CLOSE_BRACE || c === CLOSE_BRACKET) depth--;
      this.pos++;
    } while (depth > 0);
  }

  /** Skips a number, true, false or null. */
  private skipLiteral(): void {
    const text = this.text;
    let pos = this.pos;
    for (;;) {
      const c = text.charCodeAt(pos);
      if (Number.isNaN(c) || c === COMMA || c === CLOSE_BRACE || c === CLOSE_BRACKET || c <= 0x20) break;
      pos++;
    }
    this.pos = pos;
  }
}
