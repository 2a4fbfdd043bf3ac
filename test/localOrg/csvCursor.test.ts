/**
 * Reading a Bulk job's uploads a few records at a time gives the same records as parsing them whole: quoted line
 * ends and delimiters, CRLF, a BOM, several uploads with one header, and a malformed row refused.
 */
import { describe, expect, it } from '@jest/globals';
import { parse } from 'csv-parse/sync';
import { CsvCursor, CsvShapeError } from '../../src/localOrg/bulk/csvCursor.js';

function readAll(cursor: CsvCursor, step: number): string[][] {
  const out: string[][] = [];
  for (let batch = cursor.next(step); batch.length > 0; batch = cursor.next(step)) out.push(...batch);
  return out;
}

describe('CsvCursor', () => {
  const tricky =
    '\uFEFFName,Notes\r\n' +
    '"A, with comma","line one\r\nline two"\r\n' +
    '"B ""quoted""",plain\r\n' +
    '\r\n' +
    'C,"ends with quote """\r\n';

  it('reads records across quoted line ends, in any slice size, as a whole parse does', () => {
    const whole = (parse(tricky, { bom: true, skip_empty_lines: true }) as string[][]).slice(1);
    for (const step of [1, 2, 3, 100]) {
      const cursor = new CsvCursor([tricky], ',');
      expect(readAll(cursor, step)).toEqual(whole);
      expect(cursor.header).toEqual(['Name', 'Notes']);
    }
  });

  it('reads several uploads with the same header, and skips what a resumed job already applied', () => {
    const uploads = ['Name\na\nb\n', 'Name\nc\n', '', 'Name\nd\ne\n'];
    expect(readAll(new CsvCursor(uploads, ','), 2).map((row) => row[0])).toEqual(['a', 'b', 'c', 'd', 'e']);
    const resumed = new CsvCursor(uploads, ',');
    resumed.skip(3);
    expect(readAll(resumed, 10).map((row) => row[0])).toEqual(['d', 'e']);
  });

  it('refuses uploads with different headers, and a row with the wrong number of fields', () => {
    expect(() => readAll(new CsvCursor(['Name\na\n', 'Other\nb\n'], ','), 10)).toThrow(CsvShapeError);
    const cursor = new CsvCursor([`Name,Notes\n${'x,y\n'.repeat(5)}z\n`], ',');
    expect(cursor.next(5)).toHaveLength(5);
    expect(() => cursor.next(5)).toThrow(/has 1 fields where the header has 2/);
  });

  it('reads other delimiters', () => {
    expect(readAll(new CsvCursor(['a|b\n1|"2|3"\n'], '|'), 5)).toEqual([['1', '2|3']]);
  });
});
