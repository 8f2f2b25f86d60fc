// splitSentences on masked prose. Each case lists the sentences of one block as the
// exact pieces of its text: a span runs from a sentence's first character to the next
// sentence's first character, so the blanks after a full stop (where masked note
// references such as `China.[^2]` stood) belong to the sentence before. Blanked note
// references are simulated with runs of spaces. The fixtures are our own sentences.
import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { splitSentences } from '../../src/core/analyze/sentences';

function check(pieces: string[]) {
  const text = pieces.join('');
  const actual = splitSentences(text).map((s) => text.slice(s.start, s.end));
  assert.deepEqual(actual, pieces);
}

const ABBREVIATIONS: string[][] = [
  ['The U.S. pressed China hard. ', 'Beijing refused.'],
  ['Aid from the U.K. fell by half. ', 'Others rose.'],
  ['Dr. Smith wrote the report. ', 'It was long.'],
  ['Mr. Kim met Mrs. Park and Ms. Lee. ', 'They agreed.'],
  ['See No. 5 in the list. ', 'It matters.'],
  ['Some states, e.g. Norway, tax wealth. ', 'Others do not.'],
  ['Some states, i.e. Norway and Spain, tax wealth. ', 'Others do not.'],
  ['The vote is at 9 a.m. tomorrow. ', 'Be there.'],
  ['A report by J. Smith and K. L. Jones followed. ', 'It was cited.'],
  ['A report by J. A. Smith followed. ', 'It was cited.'],
  ['It was drafted in the U.S. ', 'A vote followed.'],
  ['Plan B. ', 'The fallback failed.'],
  ['Roe v. Wade was decided then. ', 'It stood.'],
  ['Prices fell, cf. Table 2 for detail. ', 'Wages held.'],
  ['St. Louis grew. ', 'Mt. Everest did not.'],
  ['Gen. Mattis spoke. ', 'He was brief.'],
  ['It is on p. 12 of the memo. ', 'Read it.'],
  ['See Fig. 3 for the trend. ', 'It rises.'],
  ['The study by Smith et al. found gains. ', 'Others did not.'],
  ['Acme Inc. Chief Executive Jo Ray quit. ', 'Shares fell.'],
  ['Widgets are made by Acme Inc. ', 'The firm is old.'],
  ['Exports to the U.S. rose sharply. ', 'Imports fell.'],
  ['Exports went to the U.S. ', 'The rest went to Europe.'],
  ['Troops left the U.S. ', 'In May they returned.'],
  ['The U.S. Government agreed. ', 'Congress did not.'],
  ['It opened on Jan. 5 last year. ', 'It closed later.'],
  ['He holds a Ph.D. in economics. ', 'She does not.'],
  ['Washington, D.C. is the capital. ', 'It is small.'],
  ['They answered No. ', 'Then they left.'],
  ['Prices rose approx. 5 per cent. ', 'Wages did not.'],
  ['It was signed by John F. Kennedy in person. ', 'Nobody objected.'],
];

const NUMBERS_AND_SYMBOLS: string[][] = [
  ['Trade grew 37.4 per cent. ', 'Exports fell.'],
  ['It cost $4.2 trillion over a decade. ', 'Revenue fell.'],
  ['Version 1.2.3 shipped. ', 'It works.'],
  ['Child mortality fell 0.23pp. ', 'The extreme poverty rate fell too.'],
  ['It is run by the staff of Data.gov. ', 'Ultimately, agencies are responsible.'],
  ['A U.S.-led coalition formed. ', 'It grew.'],
  ['Visit example.org for more. ', 'It is free.'],
  ['The rate was 5.5% in 2017. ', 'It fell.'],
  ['Exports fell to 12.5 million tonnes. ', 'Imports rose.'],
];

const QUOTES_AND_BRACKETS: string[][] = [
  ['He said "We will go." ', 'Then he left.'],
  ['He said “We will go.” ', 'Then he left.'],
  ['It was final (as agreed.) ', 'Nobody objected.'],
  ['It was final [as agreed.] ', 'Nobody objected.'],
  ["She said 'no.' ", 'He agreed.'],
  ['It was **final.** ', 'Nobody objected.'],
  ['It was *final.* ', 'Nobody objected.'],
  ['They called it "the War to Resist U.S. Aggression," and moved on. ', 'It stuck.'],
  ['The talks failed. ', '"We tried," he said.'],
  ['The talks failed. ', '“We tried,” he said.'],
  ['The talks failed. ', '(Both sides agreed.) ', 'Then they left.'],
  ['The talks failed. ', '[The record is sealed.]'],
];

const NOTE_REFERENCES: string[][] = [
  // `China.[^2] Next`: the reference is blanked to spaces after the full stop.
  ['Most trade is with China.     ', 'Beijing agrees.'],
  // `China."[16] Next`
  ['He said "trade is with China."    ', 'Beijing agrees.'],
  // `China.¹ Next` and `China.<sup>4</sup> Next`
  ['Trade is with China. ', 'Beijing agrees.'],
  ['Trade is with China.              ', 'Beijing agrees.'],
  // A reference before the full stop stays in its sentence.
  ['Trade is with China    . ', 'Beijing agrees.'],
  // Two references after the full stop.
  ['Trade is with China.         ', 'Beijing agrees.'],
  // The reference ends the block.
  ['Trade is with China.    '],
  // A masked link destination after the sentence's last word.
  ['Trade is with China                           . ', 'Beijing agrees.'],
];

const OTHER_TERMINATORS: string[][] = [
  ['Will they talk? ', 'Nobody knows.'],
  ['They will talk! ', 'Everyone hopes so.'],
  ['Is this real?! ', 'It is.'],
  ['What now?” ', 'He asked.'],
  ['They waited... ', 'Then they left.'],
  ['They waited... and then they left.'],
  ['They waited … and then they left.'],
  ['They waited… ', 'Then they left.'],
  ['Of course not. ', 'We are thinking about it.'],
];

const STARTS: string[][] = [
  ['The figure rose. ', '2017 was a record year.'],
  ['The figure rose. ', '$400 is used to offset tax.'],
  ['The figure rose. ', '£2.8bn is the total.'],
  ['The figure rose. ', '46 per cent goes to China.'],
  ['The figure rose. ', '"Good," they said.'],
  ['The figure rose. ', '(It fell later.)'],
  ['The figure rose. ', '*Correction:* it fell.'],
  ['The figure rose. ', 'Élan was high.'],
  // A lower-case word after a full stop does not start a sentence.
  ['The figure rose approx. by half. ', 'Then it fell.'],
  ['It ends here. and this continues.'],
  ['Costs rose, etc. and so on.'],
];

const LAYOUT: string[][] = [
  ['One sentence without a full stop'],
  ['First sentence. ', 'Second sentence without a full stop'],
  ['A sentence broken\nover two lines. ', 'Another\none.'],
  ['A sentence ends.\n', 'The next starts on a new line.'],
  ['A list: first, second, third. ', 'Then a second sentence. ', 'And a third.'],
  ['One. ', 'Two. ', 'Three. ', 'Four.'],
  ['Key results:'],
  ['It rose.'],
  ['It rose.  ', 'It fell.   '],
  ['The memo (M-22-09) applies. ', 'It is binding.'],
  ['Section 3. ', 'Requirements follow.'],
];

function cases(name: string, list: string[][]) {
  describe(name, () => {
    for (const pieces of list) test(JSON.stringify(pieces.join('')), () => check(pieces));
  });
}

describe('splitSentences', () => {
  cases('abbreviations', ABBREVIATIONS);
  cases('numbers and symbols', NUMBERS_AND_SYMBOLS);
  cases('quotes and brackets', QUOTES_AND_BRACKETS);
  cases('blanked note references', NOTE_REFERENCES);
  cases('question marks, exclamations, ellipses', OTHER_TERMINATORS);
  cases('sentence starts', STARTS);
  cases('layout', LAYOUT);

  test('leading blanks are not part of the first sentence', () => {
    const text = '    Trade fell. It rose.';
    assert.deepEqual(splitSentences(text), [
      { start: 4, end: 16 },
      { start: 16, end: 24 },
    ]);
  });

  test('a blank block has no sentences', () => {
    assert.deepEqual(splitSentences(''), []);
    assert.deepEqual(splitSentences('      '), []);
  });

  test('spans tile the block from the first sentence to the end', () => {
    const text = 'Dr. Lee spoke. The U.S. agreed.   "Fine," she said! Then? Nothing.';
    const spans = splitSentences(text);
    assert.equal(spans[0]!.start, 0);
    assert.equal(spans[spans.length - 1]!.end, text.length);
    for (let i = 1; i < spans.length; i++) assert.equal(spans[i]!.start, spans[i - 1]!.end);
  });

  test('splitting stays linear on a megabyte of text', () => {
    const text = 'The U.S. and Dr. Lee met on p. 5 at 9 a.m. In 2017 it rose 3.5%. "Why?" he asked... a.b.c. '.repeat(11000);
    const started = process.cpuUsage();
    const spans = splitSentences(text);
    const used = process.cpuUsage(started);
    assert.ok(spans.length > 11000);
    assert.ok((used.user + used.system) / 1000 < 2000, `took ${(used.user + used.system) / 1000} ms`);
  });
});
