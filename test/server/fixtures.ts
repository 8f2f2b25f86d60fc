/** Fact files and briefings the protocol tests write into their temporary workspaces. */

export const FACTS = JSON.stringify(
  {
    sources: {
      'cn-customs': {
        title: 'China trade statistics, first quarter 2017',
        publisher: 'General Administration of Customs of China',
        url: 'https://example.org/customs/2017q1',
        published: '2017-04-13',
      },
      'un-panel': { title: 'Report of the Panel of Experts', publisher: 'United Nations' },
    },
    facts: [
      {
        id: 'trade-growth',
        statement: "China's trade with North Korea, growth in Q1 2017 year on year",
        value: 37.4,
        unit: 'percent',
        source: 'cn-customs',
        quote: 'Trade with the DPRK rose 37.4 percent in the first quarter.',
        locator: 'table 4',
        keywords: ['trade', 'quarter'],
      },
      {
        id: 'coal-decline',
        statement: "China's coal imports from North Korea, change in April 2017",
        value: -51.6,
        unit: 'percent',
        source: 'cn-customs',
        quote: 'Coal imports from the DPRK fell 51.6 percent in April.',
        locator: 'table 7',
        keywords: ['coal', 'imports'],
      },
      {
        id: 'workers-abroad',
        statement: 'North Korean workers abroad',
        value: 25000,
        unit: 'workers',
        source: 'un-panel',
        quote: 'The Panel estimates that some 25,000 workers were abroad.',
        locator: 'p. 12',
        keywords: ['workers', 'abroad'],
      },
    ],
  },
  null,
  2,
);

export const BRIEFING = `# Trade brief

Trade with North Korea rose 37.4 percent in the first quarter.[^1] Coal imports fell 51.6 percent in April.

## Detail

Coal imports from North Korea fell 61.6 percent in April.[^coal] See also @cn-customs and [^9].

## Notes

[^1]: @cn-customs, table 4.
[^coal]: @cn-customs, table 7.
[^2]: An unused note.
`;

export const README = `# Notes on this folder

Trade grew 46% last year,[1] exports reached $2.1 billion[^1] and 3,000 troops moved.

[^2]: An unused footnote definition.
`;
