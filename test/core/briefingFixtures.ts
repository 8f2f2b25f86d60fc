// Briefings and random edits shared by the differential tests (incremental.test.ts, chunks.test.ts).

// @ts-expect-error: a JavaScript module without types
import { random as mulberry32 } from '../../bench/generate.mjs';

/** A deterministic generator (mulberry32). */
export const random: (seed: number) => () => number = mulberry32;

/** GFM footnotes, front matter, a table with a caption, lists, code, HTML and link definitions. */
export const FOOTNOTES = `---
briefing: true
facts: ./trade.facts.json
---

# North Korea: trade and the border

China's trade with the North grew 37.4 per cent in the first quarter.[^1] Coal imports
fell by about 51 per cent over the year, according to [the customs bulletin][customs].
Officials in Dandong declined to comment.

Trade figures, first quarter[^2]

| Item | Change |
| --- | --- |
| Trade | 37.4% |
| Coal | -52% |

- The army moved nearly 3,200 troops to the border.[^3]
- A loan of $2.4 billion went to the port authority [@bank, p. 4].

  Continued paragraph of the item with 1,200 defectors.[^1]

> A quoted analyst said that more than 40 per cent of the
> trade passes through one bridge.[^4]

\`\`\`text
Not a statistic: 99 per cent [^9]

Still code.
\`\`\`

<div class="note">
Some <sup><a href="#fn1">1</a></sup> raw HTML with 12 per cent.
</div>

<!-- a comment

with a blank line inside [^7] -->

See also <https://defence.example.gov/white-paper> for 3,200 troops.

[customs]: https://www.example.org/customs/2017q1/

## Notes

[^1]: @customs, table 4.
[^2]: Customs bulletin, https://www.example.org/customs/2017q1/.
[^3]: @defence, chapter 2.

    A second paragraph of the note.
[^4]: Interview, 2017.
`;

/** Bracketed endnotes and superscripts with a numbered notes list. */
export const ENDNOTES = `# Sanctions brief

Exports of coal fell 51.6 per cent in 2017 [1]. Trade grew almost 38 percent [2, 3].
Some 3,200 troops¹ were moved, the ministry said.² A figure without a source: 45 per cent.

**Key numbers**

1. Trade rose 37.4 per cent [4].
2. Over 1,000 defectors arrived [5-6].

Table: troops by year [1]

| Year | Troops |
|------|--------|
| 2016 | 3,000 troops |
| 2017 | 3,200 troops [2] |

    indented code with 50 per cent [7]

Text after code cites [8] and a link [report](https://www.example.org/customs/2017q1).

## References

1. @customs, table 4.
2. https://www.example.org/customs/2017q1/
3. @defence.
4. @customs.
5. @defence, p. 3.
6. Unknown source.

## Appendix

A paragraph after the notes with 12 per cent [6].
`;

/** A pasted web page: raw-HTML endnotes and bracket lines under a bold heading. */
export const WEB = `Intro paragraph with 37.4 per cent growth<sup><a href="#fn1">1</a></sup> and more.

<p>An HTML paragraph quoting 3,200 troops.<sup>2</sup></p>

Another paragraph [3] with $2.4 billion of loans.

**Footnotes**

[1] @customs, table 4.
[2] @defence.
[3] @bank, p. 9.

<ol>
<li id="fn1">@customs again.</li>
<li id="fn2">@defence again.</li>
</ol>
`;

/** A long notes list without blank lines, which is cut before some of its definitions. */
export const NOTES_LIST = `# Notes without blank lines

Trade grew 37.4 per cent.[^1] Coal fell 51 per cent.[^5] Some 3,200 troops.[^14] A $2.4 billion loan.[^25]
Defectors: 1,200.[^32] More [^43] and [^50] and [^58] and [^61].

## Notes

${Array.from({ length: 64 }, (_, i) => {
  const n = i + 1;
  if (n % 9 === 0) return `[^${n}]: @defence, chapter ${n},\nwith a lazy continuation line.\n`;
  if (n % 13 === 0) return `[^${n}]: Code follows.\n\n    \`\`\`\n    [^${n + 1}]: inside code\n    \`\`\`\n`;
  if (n % 17 === 0) return `> [^${n}]: quoted, https://www.example.org/customs/2017q1/\n`;
  return `[^${n}]: @${['customs', 'bank', 'defence'][n % 3]}, table ${n}.\n`;
}).join('')}`;

export const SNIPPETS = [
  '\n',
  '\n\n',
  ' ',
  'x',
  '1',
  '.',
  '[',
  ']',
  '^',
  '`',
  '~',
  '<',
  '>',
  '|',
  '-',
  '*',
  '#',
  ':',
  '```\n',
  '```',
  '~~~\n',
  '---\n',
  '- ',
  '* ',
  '1. ',
  '2) ',
  '> ',
  '    ',
  '  ',
  '[^1]',
  '[^2]',
  '[^new]',
  '[1]',
  '[2]',
  '[7]',
  '¹',
  '<sup>3</sup>',
  '[^1]: @customs.\n',
  '\n[^new]: @bank.\n',
  '\n[^2]: again\n',
  '3. @defence.\n',
  '[4] @bank.\n',
  '## Notes\n',
  '\n## Notes\n\n',
  '**Notes**\n',
  '# Heading\n',
  '\n## Sources\n',
  '| a | b |\n| --- | --- |\n| 1 | 40% |\n',
  '|',
  '| --- |',
  '[customs]: https://www.example.org/customs/2017q1/\n',
  '\n[other]: https://other.example.org/\n',
  '[customs]',
  '[other]',
  '[customs][]',
  '<div>\n',
  '</div>\n',
  '<!--',
  '-->',
  '<script>\n',
  '</script>',
  '<li id="fn3">@bank</li>',
  '37.4 per cent',
  ' 3,200 troops',
  '$2.4 billion',
  ' almost 40%',
  '[@customs]',
  '@defence',
  'https://www.example.org/customs/2017q1/',
  '<https://defence.example.gov/white-paper>',
];

/** One random edit: insert a snippet (often at a line start), delete characters, a line or a range. */
export function edit(text: string, r: () => number): string {
  const pick = <T>(list: readonly T[]) => list[Math.floor(r() * list.length)]!;
  const at = Math.floor(r() * (text.length + 1));
  const lineStart = text.lastIndexOf('\n', at - 1) + 1;
  const roll = r();
  if (roll < 0.45) {
    const where = r() < 0.5 ? lineStart : at;
    return text.slice(0, where) + pick(SNIPPETS) + text.slice(where);
  }
  if (roll < 0.7) return text.slice(0, at) + text.slice(at + 1 + Math.floor(r() * 3));
  if (roll < 0.85) {
    const end = text.indexOf('\n', at);
    return text.slice(0, lineStart) + (end < 0 ? '' : text.slice(end + 1));
  }
  if (roll < 0.95) {
    // Move a line elsewhere: blocks change places.
    const end = text.indexOf('\n', at);
    const line = text.slice(lineStart, end < 0 ? text.length : end + 1);
    const rest = text.slice(0, lineStart) + text.slice(lineStart + line.length);
    const to = rest.lastIndexOf('\n', Math.floor(r() * rest.length)) + 1;
    return rest.slice(0, to) + line + rest.slice(to);
  }
  return text.slice(0, at) + text.slice(Math.min(text.length, at + Math.floor(r() * 200)));
}
