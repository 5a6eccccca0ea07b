import { describe, expect, it } from 'vitest';
import { readCsv, writeCsv } from './csv.ts';

const lines = (r: ReturnType<typeof readCsv>) => r.records.map((x) => [x.line, x.cells]);

describe('reading CSV', () => {
  it('reads quoted cells with commas, quotes and line breaks, and names the line each starts on', () => {
    const r = readCsv('name,note\r\n"Khan, A","said ""yes"""\r\n"B","two\r\nlines"\r\nC,plain\r\n');
    expect(r.header).toEqual({ line: 1, names: ['name', 'note'] });
    expect(lines(r)).toEqual([
      [2, ['Khan, A', 'said "yes"']],
      [3, ['B', 'two\r\nlines']],
      [5, ['C', 'plain']],
    ]);
    expect(r.records[0]!.values).toEqual({ name: 'Khan, A', note: 'said "yes"' });
    expect(r.problems).toEqual([]);
  });

  it('takes a byte-order mark, LF or CRLF, blank and trailing lines, and trims cells', () => {
    const r = readCsv('\uFEFFa,b\n 1 , 2 \n\n3,4\r\n\r\n\r\n');
    expect(r.header!.names).toEqual(['a', 'b']);
    expect(lines(r)).toEqual([
      [2, ['1', '2']],
      [4, ['3', '4']],
    ]);
  });

  it('reads an Excel export: sep= line, BOM, CRLF, quoted cells, padded and empty rows', () => {
    const r = readCsv('\uFEFFsep=;\r\nname;amount;;\r\n"A; B";"1,5";;\r\n;;;\r\nC;2;;\r\n');
    expect(r.header).toEqual({ line: 2, names: ['name', 'amount'] });
    expect(lines(r)).toEqual([
      [3, ['A; B', '1,5']],
      [5, ['C', '2']],
    ]);
    expect(r.problems).toEqual([]);
  });

  it('names the line of a record with too few or too many cells', () => {
    expect(readCsv('a,b\n1,2,3\n4\n').problems).toEqual([
      { kind: 'columns', line: 2, expected: 2, found: 3, message: 'must have 2 columns, has 3' },
      { kind: 'columns', line: 3, expected: 2, found: 1, message: 'must have 2 columns, has 1' },
    ]);
  });

  it('names the line where a quoted cell opens and is never closed, after a multi-line cell', () => {
    const r = readCsv('a,b\r\n1,"x\r\ny"\r\n2,2\r\n3,"oops\r\n4,4\r\n');
    expect(lines(r)).toEqual([
      [2, ['1', 'x\r\ny']],
      [4, ['2', '2']],
    ]);
    expect(r.problems).toEqual([
      { kind: 'unclosed_quote', line: 5, message: 'a quoted cell opened on this line is never closed' },
    ]);
  });

  it('names the line of a quote out of place', () => {
    expect(readCsv('a,b\n1,2\n3,4"x\n').problems).toMatchObject([{ kind: 'stray_quote', line: 3 }]);
    expect(readCsv('a,b\n1,2\n3,"4"x\n').problems).toMatchObject([{ kind: 'stray_quote', line: 3 }]);
  });

  it('an empty file has no header', () => {
    expect(readCsv('')).toEqual({ header: null, records: [], problems: [] });
    expect(readCsv('\uFEFF\r\n\r\n').header).toBeNull();
  });
});

describe('writing CSV', () => {
  it('ends every line in CRLF and quotes cells with a delimiter, a quote or a line break', () => {
    const csv = writeCsv(
      ['a', 'b', 'c', 'd', 'e'],
      [
        ['x,y', 'say "hi"', 'two\nlines', true, null],
        ['plain', 1.5, 'cr\rhere', false, undefined],
      ],
    );
    expect(csv).toBe('a,b,c,d,e\r\n"x,y","say ""hi""","two\nlines",true,\r\nplain,1.5,"cr\rhere",false,\r\n');
    expect(readCsv(csv).records.map((r) => r.cells)).toEqual([
      ['x,y', 'say "hi"', 'two\nlines', 'true', ''],
      ['plain', '1.5', 'cr\rhere', 'false', ''],
    ]);
  });

  it('writes the header of an empty table', () => {
    expect(writeCsv(['a', 'b'], [])).toBe('a,b\r\n');
  });
});
