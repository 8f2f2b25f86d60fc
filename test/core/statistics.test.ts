// extractStatistics on masked prose (what analyze/prose hands it: everything that is not
// running text already blanked to spaces). Each case is written with its statistics
// marked: «...» is a statistic's span and ‹...› its hedge; the markers are removed before
// extraction, so the expected offsets are exactly where the markers stood. A case with no
// «» marks expects no statistic at all. The fixtures are our own sentences.
import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import type { StatUnit } from '../../src/core/model';
import { extractStatistics, type ExtractedStatistic } from '../../src/core/stats/extract';

const DOLLARS = ['USD', 'AUD', 'CAD', 'NZD', 'HKD', 'SGD', 'TWD'];
const pct: StatUnit = { kind: 'percent' };
const pp: StatUnit = { kind: 'percentage-points' };
const cur = (...codes: string[]): StatUnit => ({ kind: 'currency', codes });
const usd$ = cur(...DOLLARS);
const count = (...nouns: string[]): StatUnit => ({ kind: 'count', nouns });

interface Expect {
  value: number;
  /** "[low, high]", with ( or ) for an excluded end. */
  claim: string;
  unit: StatUnit;
}

interface Marked {
  text: string;
  spans: { start: number; end: number; inner: string }[];
  hedges: { start: number; end: number; inner: string }[];
}

function unmark(marked: string): Marked {
  let text = '';
  const spans: Marked['spans'] = [];
  const hedges: Marked['hedges'] = [];
  let open = -1;
  let hedgeOpen = -1;
  for (const ch of marked) {
    if (ch === '«') open = text.length;
    else if (ch === '»') spans.push({ start: open, end: text.length, inner: text.slice(open) });
    else if (ch === '‹') hedgeOpen = text.length;
    else if (ch === '›') hedges.push({ start: hedgeOpen, end: text.length, inner: text.slice(hedgeOpen) });
    else text += ch;
  }
  return { text, spans, hedges };
}

function parseClaim(claim: string) {
  const m = /^([[(])\s*(-?[\d.e+]+)\s*,\s*(-?[\d.e+]+)\s*([\])])$/.exec(claim);
  assert.ok(m, `bad claim ${claim}`);
  return { lowInclusive: m[1] === '[', low: Number(m[2]), high: Number(m[3]), highInclusive: m[4] === ']' };
}

function close(actual: number, expected: number): boolean {
  return Math.abs(actual - expected) <= Math.max(Math.abs(expected), 1) * 1e-9;
}

function check(marked: string, expects: Expect[]) {
  const { text, spans, hedges } = unmark(marked);
  const found = extractStatistics(text);
  const show = (s: ExtractedStatistic) => JSON.stringify(text.slice(s.span.start, s.span.end));
  assert.deepEqual(
    found.map((s) => [s.span.start, s.span.end, text.slice(s.span.start, s.span.end)]),
    spans.map((s) => [s.start, s.end, s.inner]),
    `spans in ${JSON.stringify(text)}`,
  );
  assert.equal(expects.length, spans.length, `test case lists ${expects.length} expectations for ${spans.length} marks`);
  found.forEach((stat, i) => {
    const e = expects[i]!;
    const c = parseClaim(e.claim);
    assert.ok(close(stat.value, e.value), `value of ${show(stat)}: ${stat.value} ≠ ${e.value}`);
    const got = `${stat.lowInclusive ? '[' : '('}${stat.low}, ${stat.high}${stat.highInclusive ? ']' : ')'}`;
    assert.ok(
      close(stat.low, c.low) && close(stat.high, c.high) && stat.lowInclusive === c.lowInclusive && stat.highInclusive === c.highInclusive,
      `claim of ${show(stat)}: ${got} ≠ ${e.claim}`,
    );
    assert.deepEqual(stat.unit, e.unit, `unit of ${show(stat)}`);
  });
  // Each hedge belongs to the statistic right after it.
  const hedged = found.filter((s) => s.hedgeSpan);
  assert.deepEqual(
    hedged.map((s) => [s.hedgeSpan!.start, s.hedgeSpan!.end]),
    hedges.map((h) => [h.start, h.end]),
    `hedges in ${JSON.stringify(text)}`,
  );
  for (const s of found) assert.equal(s.hedge === undefined, s.hedgeSpan === undefined);
}

type Case = [marked: string, ...expects: Expect[]];
const x = (value: number, claim: string, unit: StatUnit): Expect => ({ value, claim, unit });

const PERCENTAGES: Case[] = [
  ['Trade fell «46%» in March.', x(46, '[45.5, 46.5]', pct)],
  ['Trade fell «46 %» in March.', x(46, '[45.5, 46.5]', pct)],
  ['It takes «46 per cent» of exports.', x(46, '[45.5, 46.5]', pct)],
  ['It takes «46 percent» of exports.', x(46, '[45.5, 46.5]', pct)],
  ['It takes «46pc» of exports.', x(46, '[45.5, 46.5]', pct)],
  ['It takes «46 pc» of exports.', x(46, '[45.5, 46.5]', pct)],
  ['It takes «46 per-cent» of exports.', x(46, '[45.5, 46.5]', pct)],
  ['It takes «46 pct» of exports.', x(46, '[45.5, 46.5]', pct)],
  ['It takes «46 Per Cent» of exports.', x(46, '[45.5, 46.5]', pct)],
  ['Trade still grew «37.4 per cent» in the quarter.', x(37.4, '[37.35, 37.45]', pct)],
  ['Exports rose by «149.1 percent».', x(149.1, '[149.05, 149.15]', pct)],
  ['«100%» of staff agreed.', x(100, '[99.5, 100.5]', pct)],
  ['A «.5%» rise.', x(0.5, '[0.45, 0.55]', pct)],
  ['Rates went up «3 percentage points».', x(3, '[2.5, 3.5]', pp)],
  ['Rates went up «1.5pp» on the year.', x(1.5, '[1.45, 1.55]', pp)],
  ['Rates went up «1.5 pp» on the year.', x(1.5, '[1.45, 1.55]', pp)],
  ['A «2 percentage point» rise.', x(2, '[1.5, 2.5]', pp)],
  ['Turnout was «4% points» higher.', x(4, '[3.5, 4.5]', pp)],
  ['Turnout was «3 ppts» higher.', x(3, '[2.5, 3.5]', pp)],
  ['The bank cut by «50 basis points».', x(0.5, '[0.495, 0.505]', pp)],
  ['The bank cut by «25bps» again.', x(0.25, '[0.245, 0.255]', pp)],
];

const MONEY: Case[] = [
  ['They pledged «$2.1 billion» in aid.', x(2.1e9, '[2.05e9, 2.15e9]', usd$)],
  ['They pledged «US$2.1bn» in aid.', x(2.1e9, '[2.05e9, 2.15e9]', cur('USD'))],
  ['The deficit is «£11.6bn» this year.', x(11.6e9, '[11.55e9, 11.65e9]', cur('GBP'))],
  ['A grant of «€3 million» followed.', x(3e6, '[2.5e6, 3.5e6]', cur('EUR'))],
  ['Coal worth «2 billion yuan» was seized.', x(2e9, '[1.5e9, 2.5e9]', cur('CNY'))],
  ['The fee is «¥500» a head.', x(500, '[499.5, 500.5]', cur('CNY', 'JPY'))],
  ['The fee is «USD 200» a head.', x(200, '[199.5, 200.5]', cur('USD'))],
  ['The fee is «200 EUR» a head.', x(200, '[199.5, 200.5]', cur('EUR'))],
  ['A «$5m» contract was signed.', x(5e6, '[4.5e6, 5.5e6]', usd$)],
  ['A «$5k» prize was offered.', x(5000, '[4500, 5500]', usd$)],
  ['They spent «$17 billion dollars» on goods.', x(17e9, '[16.5e9, 17.5e9]', usd$)],
  // `\$14 billion` as the masker leaves it: the backslash blanked to a space.
  ['It created a  «$14 billion» subsidy.', x(14e9, '[13.5e9, 14.5e9]', usd$)],
  ['Tickets cost «£ 5» each.', x(5, '[4.5, 5.5]', cur('GBP'))],
  ['A «RMB 3 billion» loan was agreed.', x(3e9, '[2.5e9, 3.5e9]', cur('CNY'))],
  ['They owe «200 million US dollars» now.', x(200e6, '[199.5e6, 200.5e6]', cur('USD'))],
  ['Benefits fall by «30 cents» per dollar earned.', x(0.3, '[0.295, 0.305]', cur(...DOLLARS, 'EUR'))],
  ['Claimants lose «63p» of every pound.', x(0.63, '[0.625, 0.635]', cur('GBP'))],
  ['A «€1.2tn» package passed.', x(1.2e12, '[1.15e12, 1.25e12]', cur('EUR'))],
  ['Canberra offered «A$40 million».', x(40e6, '[39.5e6, 40.5e6]', cur('AUD'))],
  ['Brussels paid «5 million euros» to them.', x(5e6, '[4.5e6, 5.5e6]', cur('EUR'))],
  ['The estate was worth «$1,000,000» then.', x(1e6, '[999999.5, 1000000.5]', usd$)],
  ['The line is «$1.90» a day.', x(1.9, '[1.895, 1.905]', usd$)],
  ['The family owes («-$425») in tax.', x(-425, '[-425.5, -424.5]', usd$)],
  // A dash after a figure is a subtraction, not a minus, and a falling pair is no range.
  ['The gap is («$3,600»-«$2,000»).', x(3600, '[3599.5, 3600.5]', usd$), x(2000, '[1999.5, 2000.5]', usd$)],
  ['Thresholds of «$75,000»/«$110,000» apply.', x(75000, '[74999.5, 75000.5]', usd$), x(110000, '[109999.5, 110000.5]', usd$)],
  // A space after `$`, as after `£` and `€`.
  ['The city issued «$ 40 million» in bonds.', x(40e6, '[39.5e6, 40.5e6]', usd$)],
  ['The row read «$ 1,500.00» «$ 2,250.50» in total.', x(1500, '[1499.995, 1500.005]', usd$), x(2250.5, '[2250.495, 2250.505]', usd$)],
  ['Pesos worth «Mex$ 25 million» changed hands.', x(25e6, '[24.5e6, 25.5e6]', cur('MXN'))],
  // A currency named with its country pins the code down, in any case.
  ['The fund raised «80 million Australian dollars» abroad.', x(80e6, '[79.5e6, 80.5e6]', cur('AUD'))],
  ['He was fined «5,000 Swiss francs» for it.', x(5000, '[4999.5, 5000.5]', cur('CHF'))],
  ['Sales reached «2 billion Hong Kong dollars» last year.', x(2e9, '[1.5e9, 2.5e9]', cur('HKD'))],
  ['A fee of «40 turkish lira» applies.', x(40, '[39.5, 40.5]', cur('TRY'))],
  ['Exports of «600 billion CFA francs» were recorded.', x(600e9, '[599.5e9, 600.5e9]', cur('XOF', 'XAF'))],
  ['Ticket prices rose to «12 francs».', x(12, '[11.5, 12.5]', cur('CHF', 'XOF', 'XAF'))],
  ['The deposit is «300 lira».', x(300, '[299.5, 300.5]', cur('TRY'))],
  // Indian English scale words.
  ['Each family gets «2 lakh rupees» a year.', x(2e5, '[1.5e5, 2.5e5]', cur('INR'))],
  ['The scheme costs «₹1,200 crore».', x(1.2e10, '[1.1995e10, 1.2005e10]', cur('INR'))],
  // The sign after the figure, with or without a space; a sign already read is not read again.
  ['A «10 €» note will do.', x(10, '[9.5, 10.5]', cur('EUR'))],
  ['It was «10 $», then «30 $» a day.', x(10, '[9.5, 10.5]', usd$), x(30, '[29.5, 30.5]', usd$)],
  ['The book costs «100 ₡» there.', x(100, '[99.5, 100.5]', cur('CRC'))],
  ['I spent «100₾» on a bicycle.', x(100, '[99.5, 100.5]', cur('GEL'))],
  ['The ticket is «100元» today.', x(100, '[99.5, 100.5]', cur('CNY'))],
  [
    'Banknotes of «5 €», «10 €» and «20 €» circulate.',
    x(5, '[4.5, 5.5]', cur('EUR')),
    x(10, '[9.5, 10.5]', cur('EUR')),
    x(20, '[19.5, 20.5]', cur('EUR')),
  ],
  // Codes in lower case, glued to the figure, or naming the dollar before `$`.
  ['They paid «20 usd» and «10 rmb» for it.', x(20, '[19.5, 20.5]', cur('USD')), x(10, '[9.5, 10.5]', cur('CNY'))],
  ['The fee was «usd$ 15» and «NZD$15» later.', x(15, '[14.5, 15.5]', cur('USD')), x(15, '[14.5, 15.5]', cur('NZD'))],
  ['Prices start at «USD115» or «115.5usd».', x(115, '[114.5, 115.5]', cur('USD')), x(115.5, '[115.45, 115.55]', cur('USD'))],
  ['We give away 3 «USD50» cards.', x(50, '[49.5, 50.5]', cur('USD'))],
  ['It costs «10 us dollars».', x(10, '[9.5, 10.5]', cur('USD'))],
  // Company reports' millions: M before the code.
  [
    'Losses exceeded «30 MUSD» and revenue was «MAUD 60».',
    x(30e6, '[29.5e6, 30.5e6]', cur('USD')),
    x(60e6, '[59.5e6, 60.5e6]', cur('AUD')),
  ],
  // Indian digit grouping.
  ['A loan of «12,34,567.89 rupees» was refused.', x(1234567.89, '[1234567.885, 1234567.895]', cur('INR'))],
  ['The grant is «₹1,00,000» a year.', x(100000, '[99999.5, 100000.5]', cur('INR'))],
  // Bitcoin: BTC is not ISO 4217, but it is the code fact files use.
  ['Supply is capped at «₿21,000,000».', x(21e6, '[20999999.5, 21000000.5]', cur('BTC'))],
  ['Each block now pays «6.25 BTC».', x(6.25, '[6.245, 6.255]', cur('BTC'))],
  ['He lost a laptop holding «10000 bitcoins».', x(10000, '[9999.5, 10000.5]', cur('BTC'))],
];

const COUNTS: Case[] = [
  ['Then «3,000 troops» arrived.', x(3000, '[2999.5, 3000.5]', count('troop'))],
  ['They pump «1.2 million barrels» of oil a day.', x(1.2e6, '[1.15e6, 1.25e6]', count('barrel'))],
  ['In 2014, ‹about›\n«265,000 federal employees» held cards.', x(265000, '[251750, 278250]', count('employee'))],
  ['It sent «3,000 additional troops» north.', x(3000, '[2999.5, 3000.5]', count('troop'))],
  ['It conducted «5 missile tests» in a month.', x(5, '[4.5, 5.5]', count('missile', 'test'))],
  ['«1,200 defectors» crossed last year.', x(1200, '[1199.5, 1200.5]', count('defector'))],
  ['Only «13 children» fell ill.', x(13, '[12.5, 13.5]', count('child'))],
  ['Then «2.5 million people» voted.', x(2.5e6, '[2.45e6, 2.55e6]', count('person'))],
  ['The letter had ‹over› «3,500 US economists» signing.', x(3500, '(3500, 3675]', count('economist'))],
  ['They paved «10 km» of road.', x(10, '[9.5, 10.5]', count('km'))],
  ['It added «3GW» of capacity.', x(3, '[2.5, 3.5]', count('gw'))],
  ['Only «1 missile test» failed.', x(1, '[0.5, 1.5]', count('missile', 'test'))],
  ['Then «2 staff» resigned.', x(2, '[1.5, 2.5]', count('staff'))],
  [
    'A review of «42 anti-poverty social protection schemes» found it.',
    x(42, '[41.5, 42.5]', count('anti-poverty', 'protection', 'scheme')),
  ],
  ['It covers «25 low-and middle-income countries» so far.', x(25, '[24.5, 25.5]', count('low-and', 'middle-income', 'country'))],
  ["They cut «5 people's» pay.", x(5, '[4.5, 5.5]', count('person'))],
  // A masked link destination between the figure and its noun: "[1.5 million](url) children".
  ['It affected  «1.5 million          children» in 2023.', x(1.5e6, '[1.45e6, 1.55e6]', count('child'))],
  // Without a comma or hedge, 1000 to 2199 reads as a year ("in 2017 companies").
  ['It built ‹about› «1500 homes» then.', x(1500, '[1425, 1575]', count('home'))],
  ['The state stored «40 lakh tonnes» of grain.', x(4e6, '[3.95e6, 4.05e6]', count('tonne'))],
  // An area: the "2" (or "²") belongs to the unit.
  ['The reserve covers «320 km2» of forest.', x(320, '[319.5, 320.5]', count('km2'))],
  ['The reserve covers «320 km²» of forest.', x(320, '[319.5, 320.5]', count('km2'))],
  ['The reserve covers «320km2» of forest.', x(320, '[319.5, 320.5]', count('km2'))],
];

const RANGES: Case[] = [
  ['Growth of «20-30 per cent» is likely.', x(20, '[19.5, 30.5]', pct)],
  ['It costs «$2-3 billion» a year.', x(2e9, '[1.5e9, 3.5e9]', usd$)],
  ['Growth of «20 to 30 per cent» is likely.', x(20, '[19.5, 30.5]', pct)],
  ['Growth of «20–30%» is likely.', x(20, '[19.5, 30.5]', pct)],
  ['It cut deaths by between «6 and 17 percent».', x(6, '[5.5, 17.5]', pct)],
  ['Growth of «20%-30%» is likely.', x(20, '[19.5, 30.5]', pct)],
  ['Poverty fell by between «21% and 55%».', x(21, '[20.5, 55.5]', pct)],
  ['A levy would raise «£2bn-£3bn» a year.', x(2e9, '[1.5e9, 3.5e9]', cur('GBP'))],
  ['Fines of «$5 to $10 million» apply.', x(5e6, '[4.5e6, 10.5e6]', usd$)],
  ['It costs «$2-$3 billion» a year.', x(2e9, '[1.5e9, 3.5e9]', usd$)],
  ['We need «1,000-2,000 troops» there.', x(1000, '[999.5, 2000.5]', count('troop'))],
  ['Profits between «£50,000 and £250,000» qualify.', x(50000, '[49999.5, 250000.5]', cur('GBP'))],
  ['Gifts of «$500 to $1 million» count.', x(500, '[499.5, 1.5e6]', usd$)],
  // Figures that move "from" one value "to" another are two statistics, not a range.
  ['The rate rose from «19%» to «25%».', x(19, '[18.5, 19.5]', pct), x(25, '[24.5, 25.5]', pct)],
  ['The rate rose from its current «19%» to «24%».', x(19, '[18.5, 19.5]', pct), x(24, '[23.5, 24.5]', pct)],
  ['Turnout rose from «20» to «30 per cent».', x(20, '[19.5, 20.5]', pct), x(30, '[29.5, 30.5]', pct)],
  ['The top rate fell from «39.6%» to «37%».', x(39.6, '[39.55, 39.65]', pct), x(37, '[36.5, 37.5]', pct)],
  [
    'The band runs from «£37,700» to «£50,000» now.',
    x(37700, '[37699.5, 37700.5]', cur('GBP')),
    x(50000, '[49999.5, 50000.5]', cur('GBP')),
  ],
  // A bare figure listed before a percentage shares its unit.
  ['Emissions fell «1.3» and «1.0 percent», respectively.', x(1.3, '[1.25, 1.35]', pct), x(1, '[0.95, 1.05]', pct)],
  ['Rates of «1», «2» or «3 pp» were tried.', x(1, '[0.5, 1.5]', pp), x(2, '[1.5, 2.5]', pp), x(3, '[2.5, 3.5]', pp)],
];

const HEDGES: Case[] = [
  ['China takes ‹almost› «90 per cent» of trade.', x(90, '[85.5, 90]', pct)],
  ['China takes ‹nearly› «90 per cent» of trade.', x(90, '[85.5, 90]', pct)],
  ['It won ‹just under› «50%» of votes.', x(50, '[47.5, 50]', pct)],
  ['It won ‹over› «50%» of votes.', x(50, '(50, 52.5]', pct)],
  ['It spends ‹more than› «$6 billion» on software.', x(6e9, '(6e9, 6.3e9]', usd$)],
  ['It is ‹just over› «£30bn» a year.', x(30e9, '(30e9, 31.5e9]', cur('GBP'))],
  ['Soon ‹about› «60 per cent» will be based there.', x(60, '[57, 63]', pct)],
  ['Costs are ‹around› «27%» of profits.', x(27, '[25.65, 28.35]', pct)],
  ['It raised ‹roughly› «20%» more.', x(20, '[19, 21]', pct)],
  ['It sent ‹some› «3,000 troops» north.', x(3000, '[2850, 3150]', count('troop'))],
  ['It raised ‹approximately› «£30bn» extra.', x(30e9, '[28.5e9, 31.5e9]', cur('GBP'))],
  ['It raised ‹approx.› «£30bn» extra.', x(30e9, '[28.5e9, 31.5e9]', cur('GBP'))],
  ['It paid ‹about› «$ 14 million» in fees.', x(14e6, '[13.3e6, 14.7e6]', usd$)],
  ['It is ‹less than› «1%» of the total.', x(1, '[0.95, 1]', pct)],
  ['Release ‹at least› «20 percent» of code.', x(20, '[20, 21]', pct)],
  ['Pay ‹no more than› «5%» in fees.', x(5, '[4.75, 5]', pct)],
  ['It is worth ‹~›«$7,000,000» now.', x(7e6, '[6.65e6, 7.35e6]', usd$)],
  ['Rates reach ‹up to› «69%» here.', x(69, '[65.55, 69]', pct)],
  ['‹About› «66 statistics» appear.', x(66, '[62.7, 69.3]', count('statistic'))],
  ['Counties with ‹under› «5 percent» poverty did better.', x(5, '[4.75, 5]', pct)],
  ['It reached ‹fewer than› «100 people».', x(100, '[95, 100]', count('person'))],
  ['Rates ‹in excess of› «80 percent» apply.', x(80, '(80, 84]', pct)],
  ['It is ‹well over› «£50bn» short.', x(50e9, '(50e9, 52.5e9]', cur('GBP'))],
  // A hedge must be a whole word: "moreover" does not contain "over".
  ['Moreover «5%» of it failed.', x(5, '[4.5, 5.5]', pct)],
  ['Output fell ‹almost› «-5%» in May.', x(-5, '[-5, -4.75]', pct)],
  ['Output fell ‹more than› «-5%» in May.', x(-5, '[-5.25, -5)', pct)],
];

const NEGATIVE_FIGURES: Case[] = [
  ['Output moved «-5%» in May.', x(-5, '[-5.5, -4.5]', pct)],
  ['Output moved «−5%» in May.', x(-5, '[-5.5, -4.5]', pct)],
  ['Output moved («-84%») in May.', x(-84, '[-84.5, -83.5]', pct)],
  ['Output moved «−2.5 percentage points» in May.', x(-2.5, '[-2.55, -2.45]', pp)],
  ['| «-13.6%» |', x(-13.6, '[-13.65, -13.55]', pct)],
];

const NOT_STATISTICS: string[] = [
  'Beijing established relations with Seoul in 1992.',
  'In 2017 growth slowed.',
  'The 1950-53 war ended in a truce.',
  'He served from 1998 to 2003 in office.',
  'By 2035 the plan ends.',
  'In April 2017 exports fell.',
  'On 5 May 2017 officials met.',
  'The letter is dated 12/05/2017 and signed.',
  'The meeting starts at 2:00 sharp.',
  'The vote closed at 11pm on Friday.',
  'It was his fifth trip.',
  'It was his 5th trip.',
  'The 21st century began.',
  'The 1990s boom ended.',
  'The debates of the 1960s recurred.',
  "The 1990's boom ended.",
  'Within 60 days of issue, agencies act.',
  'It ended nearly 70 years ago.',
  'It needs 3 additional years of work.',
  'Section 3 requires agencies to act.',
  'Table 2 shows results.',
  'No. 5 is next.',
  'See page 12 of the report.',
  'Memorandum M-22-09 requires agencies to act.',
  'The COVID-19 pandemic spread.',
  'In FY2024 agencies must comply.',
  'Under H.R. 1 members vote.',
  'The bond 24703L202 matured.',
  'Version v1.2 ships soon.',
  'Release 1.2.3 ships soon.',
  'Two aims: 1) people who apply and 2) places that pay.',
  'The index was 0.641 and the change -503.8 overall.',
  'Kim conducted five missile tests.',
  'We define $$t$$ and $$r_n=1$$ for users.',
  'Here $$5$$ is math.',
  'The link read a%20b%2C and c%2Fd here.',
  'The text kept 100%20final from a URL.',
  'A 0% rate applies above $0 of income.',
  'The 10-year bond rallied.',
  'The 2-child limit stays.',
  'It was 3 times as large.',
  'An open 24/7 service.',
  'About 1 in 10 adults agreed.',
  'The top 10% of earners gained; the bottom 50% lost.',
  'The top 10 exporters all sit in Asia; the bottom 20 firms shrank.',
  'Proposition 22 drivers sued; Form 990 filings are public; Flight 370 families waited.',
  'Prices are in 2011 dollars.',
  'It built 1500 homes.',
  'Region 5 offices opened.',
  'FIDO2 keys and IPv6 addresses are required.',
  'The 2025-26 budget passed.',
  'People aged 16 to 64 qualify.',
  'The 5 Eyes partners met.',
  'Work with 18F went well.',
  'There was a 10-point delta.',
  'NIST SP 800-207 describes it.',
  'The 2026-35 window is long.',
  'It sees a 5-8x return.',
  'All 27 voted to approve.',
  'Staying under 1.5℃ is hard.',
  'It covers the 2019-2020 fiscal year.',
  'On May 9, 2013, the order was signed.',
  'Within six (6) months, agencies report.',
  'Under 40 U.S.C. § 11103 they are exempt.',
  'The 3D model was shown.',
  // The `$` closes a formula; "5 times" is no count.
  'We set $x$ 5 times in the model.',
  // A sign after a figure: not when it closes or opens a formula.
  'We set $x = 10$ and $y$ to 10 $y$ here.',
  // Lower-case codes that are English words stay words; a code before a year is a name.
  'Shall we try 3 times? Then rub 2 times, and cad 5 more.',
  'The EUR2024 series and model usd2019 were retired.',
  'Aunt Maud 60 years on.',
];

function cases(name: string, list: Case[]) {
  describe(name, () => {
    for (const [marked, ...expects] of list) test(marked, () => check(marked, expects));
  });
}

describe('extractStatistics', () => {
  cases('percentages and percentage points', PERCENTAGES);
  cases('money', MONEY);
  cases('counts', COUNTS);
  cases('ranges and lists', RANGES);
  cases('hedges', HEDGES);
  cases('negative figures', NEGATIVE_FIGURES);
  describe('not statistics', () => {
    for (const text of NOT_STATISTICS) test(text, () => check(text, []));
  });

  test('a range reports both numbers and no hedge', () => {
    const text = 'Deaths fell about 6 to 17 percent.';
    const [stat] = extractStatistics(text);
    assert.equal(text.slice(stat!.numberSpan.start, stat!.numberSpan.end), '6');
    assert.equal(text.slice(stat!.numberSpan2!.start, stat!.numberSpan2!.end), '17');
    assert.equal(stat!.hedge, undefined);
  });

  test('the number span is the digits alone', () => {
    const text = 'It spends more than US$2.1bn.';
    const [stat] = extractStatistics(text);
    assert.equal(text.slice(stat!.numberSpan.start, stat!.numberSpan.end), '2.1');
    assert.equal(stat!.hedge, 'more than');
    assert.equal(stat!.hedgeKind, 'above');
    assert.equal(stat!.scale, 1e9);
    assert.equal(stat!.decimals, 1);
  });

  test('extraction stays linear on a megabyte of figures', () => {
    const paragraph = 'In 2017, about 3,000 troops (12%) cost $2.1bn, 1.3 and 1.0 percent, 5 May, 0.641, M-22-09. ';
    const text = paragraph.repeat(Math.ceil(1_000_000 / paragraph.length));
    const started = process.cpuUsage();
    const found = extractStatistics(text);
    const used = process.cpuUsage(started);
    assert.equal(found.length, 5 * Math.ceil(1_000_000 / paragraph.length));
    // Generous for a loaded CI machine; the point is to catch quadratic behaviour.
    assert.ok((used.user + used.system) / 1000 < 2000, `took ${(used.user + used.system) / 1000} ms`);
  });
});
