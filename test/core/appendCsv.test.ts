// Appending a fact to a CSV fact file: the header row is read by csv-parse, so quoted
// column names (with the delimiter or doubled quotes inside) give the right column order.
import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { appendToFactFile } from '../../src/core/fixes/appendFact';
import { parseFactSource } from '../../src/core/facts/parseFactSource';

const fact = {
  id: 'port-boxes-may',
  statement: 'Containers handled in May',
  value: 4200,
  unit: 'containers',
  source: 'port-report',
  quote: 'It handled 4,200 containers.',
};

function appended(fileName: string, text: string): string {
  const result = appendToFactFile(fileName, text, fact);
  assert.ok('edit' in result, JSON.stringify(result));
  const { span, newText } = result.edit;
  return text.slice(0, span.start) + newText + text.slice(span.end);
}

describe('appending to a CSV fact file', () => {
  test('quoted column names, one holding the delimiter, keep their order', () => {
    const text = '"quote","id","statement, as recorded",statement,value,unit,source\n';
    const after = appended('port.facts.csv', text);
    assert.equal(after, `${text}"It handled 4,200 containers.",port-boxes-may,,Containers handled in May,4200,containers,port-report\n`);
    const parsed = parseFactSource('port.facts.csv', after);
    assert.deepEqual(
      parsed.facts.map((f) => [f.fact.id, f.fact.value, f.fact.quote]),
      [['port-boxes-may', 4200, 'It handled 4,200 containers.']],
    );
  });

  test('a header row csv-parse cannot read is refused, and nothing is written', () => {
    const result = appendToFactFile('port.facts.csv', '"id,statement,value,unit,source,quote\n', fact);
    assert.ok('error' in result);
  });
});
