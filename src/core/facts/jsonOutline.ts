/**
 * Where the parts of a fact file are: the offsets of its top-level keys, of each key
 * in "sources" and of each element of "facts". JSON.parse gives values but no
 * offsets, and a full syntax tree of a large fact file costs ~100x the memory of the
 * text; this single character scan gives the few offsets needed at about the cost of
 * JSON.parse itself.
 *
 * The scan checks the file's structure, everything outside the values it skips: the
 * brackets, colons, commas and white space between them, and the keys. So the file is
 * valid JSON exactly when the scan succeeds and each skipped value is valid JSON, and
 * the parser can JSON.parse the values one by one: a fact at a time, rather than the
 * whole file into one tree, keeps the garbage of loading a large file short-lived.
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
  /**
   * The elements of the last "facts" member, when that is an array: element k spans
   * `facts[2k]` to `facts[2k + 1]`. Numbers rather than a Span each: 100,000 facts make
   * no objects here.
   */
  facts: Int32Array;
}

const QUOTE = 0x22;
const BACKSLASH = 0x5c;
const COMMA = 0x2c;
const COLON = 0x3a;
const OPEN_BRACE = 0x7b;
const CLOSE_BRACE = 0x7d;
const OPEN_BRACKET = 0x5b;
const CLOSE_BRACKET = 0x5d;

/** Thrown inside the scan when the structure is not valid JSON. */
class NotJson extends Error {}

/**
 * The outline of `text` when it is a JSON object whose structure is valid, else
 * undefined (not an object, or broken). The values it skips are not checked: the file
 * is valid JSON only if each of them is too.
 */
export function outlineJson(text: string): Outline | undefined {
  const cursor = new Cursor(text);
  const outline: Outline = { members: [], sources: [], facts: NO_ELEMENTS };
  try {
    cursor.skipWhitespace();
    if (cursor.code() !== OPEN_BRACE) return undefined;
    cursor.readObject((key, keySpan) => {
      const valueStart = cursor.pos;
      const first = cursor.code();
      if (key === 'sources') outline.sources = first === OPEN_BRACE ? cursor.readMembers() : skipped(cursor, []);
      else if (key === 'facts') outline.facts = first === OPEN_BRACKET ? cursor.readElements() : skipped(cursor, NO_ELEMENTS);
      else cursor.skipValue();
      outline.members.push({ key, keySpan, valueSpan: { start: valueStart, end: cursor.pos } });
    });
    cursor.skipWhitespace();
    if (cursor.pos !== text.length) return undefined;
  } catch (error) {
    if (error instanceof NotJson) return undefined;
    throw error;
  }
  return outline;
}

/**
 * The value span of member `key` of the object that starts at `objectStart` in `text`,
 * where that object must be valid JSON; of a key given twice, the last (JSON.parse's).
 * `onlyFirst` looks at the first member only, which is quick.
 */
export function memberValueSpan(text: string, objectStart: number, key: string, onlyFirst = false): Span | undefined {
  const cursor = new Cursor(text);
  cursor.pos = objectStart;
  if (onlyFirst) {
    const first = cursor.readFirstMember();
    return first?.key === key ? first.valueSpan : undefined;
  }
  let found: Span | undefined;
  for (const member of cursor.readMembers()) if (member.key === key) found = member.valueSpan;
  return found;
}

const NO_ELEMENTS = new Int32Array(0);

function skipped<T>(cursor: Cursor, nothing: T): T {
  cursor.skipValue();
  return nothing;
}

/** A position in JSON text; each read method leaves it just after what it read, and throws NotJson at what JSON does not allow. */
class Cursor {
  pos = 0;

  constructor(private readonly text: string) {}

  /** The character code at the cursor (NaN at the end). */
  code(): number {
    return this.text.charCodeAt(this.pos);
  }

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

  /** Reads the first member of the object at the cursor, if it has one, and stops after its value. */
  readFirstMember(): Member | undefined {
    this.pos++; // {
    this.skipWhitespace();
    if (this.code() === CLOSE_BRACE) return undefined;
    const { key, keySpan } = this.readKey();
    const start = this.pos;
    this.skipValue();
    return { key, keySpan, valueSpan: { start, end: this.pos } };
  }

  /** Reads the bounds of the elements of the array at the cursor, two numbers per element. */
  readElements(): Int32Array {
    let bounds = new Int32Array(1024);
    let used = 0;
    this.pos++; // [
    this.skipWhitespace();
    if (this.code() !== CLOSE_BRACKET) {
      for (;;) {
        const start = this.pos;
        this.skipValue();
        if (used === bounds.length) {
          const larger = new Int32Array(2 * bounds.length);
          larger.set(bounds);
          bounds = larger;
        }
        bounds[used++] = start;
        bounds[used++] = this.pos;
        this.skipWhitespace();
        if (this.code() !== COMMA) break;
        this.pos++;
        this.skipWhitespace();
      }
    }
    this.expect(CLOSE_BRACKET);
    return bounds.slice(0, used);
  }

  /** Walks the object at the cursor; `onMember` is called at each value and must read it. */
  readObject(onMember: (key: string, keySpan: Span) => void): void {
    this.pos++; // {
    this.skipWhitespace();
    if (this.code() !== CLOSE_BRACE) {
      for (;;) {
        const { key, keySpan } = this.readKey();
        onMember(key, keySpan);
        this.skipWhitespace();
        if (this.code() !== COMMA) break;
        this.pos++;
        this.skipWhitespace();
      }
    }
    this.expect(CLOSE_BRACE);
  }

  /** Reads `"key":` and the white space after it. */
  private readKey(): { key: string; keySpan: Span } {
    if (this.code() !== QUOTE) throw new NotJson();
    const keySpan = { start: this.pos, end: this.skipString() };
    this.skipWhitespace();
    this.expect(COLON);
    this.skipWhitespace();
    return { key: this.decodeKey(keySpan), keySpan };
  }

  private expect(code: number): void {
    if (this.code() !== code) throw new NotJson();
    this.pos++;
  }

  private decodeKey(span: Span): string {
    const raw = this.text.slice(span.start + 1, span.end - 1);
    if (!raw.includes('\\')) return raw;
    try {
      return JSON.parse(this.text.slice(span.start, span.end)) as string;
    } catch {
      throw new NotJson(); // an invalid escape
    }
  }

  /** Skips the string at the cursor and returns the offset after its closing quote. */
  private skipString(): number {
    const text = this.text;
    let pos = this.pos + 1;
    for (;;) {
      const c = text.charCodeAt(pos);
      if (c === QUOTE) break;
      // Control characters (a line break among them) are not allowed in a string; NaN is the end of the text.
      if (!(c >= 0x20)) throw new NotJson();
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
      else if (Number.isNaN(c)) throw new NotJson(); // the text ended inside the value
      this.pos++;
    } while (depth > 0);
  }

  /** Skips a number, true, false or null: at least one character, up to a delimiter. */
  private skipLiteral(): void {
    const text = this.text;
    const start = this.pos;
    let pos = start;
    for (;;) {
      const c = text.charCodeAt(pos);
      if (Number.isNaN(c) || c === COMMA || c === CLOSE_BRACE || c === CLOSE_BRACKET || c <= 0x20) break;
      pos++;
    }
    if (pos === start) throw new NotJson();
    this.pos = pos;
  }
}
