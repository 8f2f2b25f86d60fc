// Sources and facts the core tests share (trade, troops, a loan, defectors), so each test
// file composes the fact file it needs from one set rather than writing its own copy.
import { FactIndex } from '../../src/core/facts/factIndex';
import { parseFactFile } from '../../src/core/facts/parseFactFile';

export const SOURCES = {
  customs: { title: 'China trade statistics, Q1 2017', url: 'https://www.example.org/customs/2017q1/' },
  defence: { title: 'Defence white paper', url: 'https://defence.example.gov/white-paper' },
  bank: { title: 'Development bank annual report' },
};

export const TRADE_GROWTH = {
  id: 'trade-growth',
  statement: "China's trade with North Korea, growth in Q1 2017",
  value: 37.4,
  unit: 'percent',
  source: 'customs',
  quote: 'Trade rose 37.4 percent.',
  keywords: ['trade', 'grew'],
};

export const BORDER_TROOPS = {
  id: 'border-troops',
  statement: 'Troops deployed at the border',
  value: 3200,
  unit: 'troops',
  source: 'defence',
  quote: 'Some 3,200 troops.',
  keywords: ['troops', 'border'],
};

export const PORT_LOAN = {
  id: 'port-loan',
  statement: 'Loan to the port authority',
  value: 2400000000,
  unit: 'USD',
  source: 'bank',
  quote: 'A loan of $2.4bn.',
  keywords: ['loan', 'port'],
};

export const DEFECTORS = {
  id: 'defectors',
  statement: 'Defectors arriving in the south',
  value: 1200,
  unit: 'defectors',
  source: 'defence',
  quote: '1,200 defectors.',
  keywords: ['defectors'],
};

/** The index of one fact file holding `data` (a fact file's JSON, as an object). */
export function factIndexOf(data: unknown, path = 'test.facts.json'): FactIndex {
  return FactIndex.from([parseFactFile(JSON.stringify(data), path)]);
}
