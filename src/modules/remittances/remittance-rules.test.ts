import { describe, expect, it } from 'vitest';
import { CSV_HEADER, checkLines, csvCell, readBatchCsv } from './batch-lines.ts';
import {
  compareMonth,
  dollarsToCents,
  ibanBankCode,
  isItExportCode,
  makeIban,
  normaliseIban,
  PURPOSE_CODES_SOURCE,
} from './remittance-rules.ts';

const IBAN = makeIban('HABB', '0012345678901234');
const HEADER = CSV_HEADER;
const H = 'ab'.repeat(32);

describe('IBANs, amounts and months compared', () => {
  it('accepts a Pakistani IBAN written with spaces and lower case, refuses a wrong check digit', () => {
    expect(IBAN).toMatch(/^PK\d{2}HABB0012345678901234$/);
    const spaced = IBAN.toLowerCase().replace(/(.{4})/g, '$1 ');
    expect(normaliseIban(spaced)).toBe(IBAN);
    const wrong = `PK${String((Number(IBAN.slice(2, 4)) + 1) % 100).padStart(2, '0')}${IBAN.slice(4)}`;
    expect(normaliseIban(wrong)).toBeNull();
    expect(normaliseIban('GB29NWBK60161331926819')).toBeNull();
    expect(ibanBankCode(IBAN)).toBe('HABB');
  });

  it('counts only the State Bank’s IT and IT-enabled export codes, from a list that names its source', () => {
    expect(['9102', '9181', '9182', '9183', '9184', '9185'].every(isItExportCode)).toBe(true);
    expect(isItExportCode('9186')).toBe(false);
    expect(isItExportCode('1234')).toBe(false);
    expect(PURPOSE_CODES_SOURCE).toContain('pasha.org.pk');
  });

  it('reads dollars to cents without floats', () => {
    expect(dollarsToCents('1450')).toBe(145_000);
    expect(dollarsToCents('1450.5')).toBe(145_050);
    expect(dollarsToCents('0.07')).toBe(7);
    expect(dollarsToCents('1,450.00')).toBeNull();
    expect(dollarsToCents('-3')).toBeNull();
    expect(dollarsToCents('1.234')).toBeNull();
  });

  it('tells each outcome apart: within 5% or USD 10 matches', () => {
    expect(compareMonth(0, 0)).toBeNull();
    expect(compareMonth(100_000, 0)).toBe('declared_only');
    expect(compareMonth(0, 100_000)).toBe('attested_only');
    expect(compareMonth(100_000, 95_000)).toBe('matched');
    expect(compareMonth(100_000, 94_000)).toBe('differs');
    expect(compareMonth(5_000, 4_000)).toBe('matched'); // USD 10 floor
    expect(compareMonth(5_000, 3_900)).toBe('differs');
  });
});

describe('a bank’s CSV, line by line', () => {
  it('reads a byte-order mark, CRLF and quoted cells', () => {
    const csv = `\uFEFF${HEADER}\r\n2026-10,"${IBAN}",9184,"1450.00",2,500.00,950.00,"PRC/2026/10-1",${H.toUpperCase()}\r\n`;
    const read = readBatchCsv(csv);
    expect(read.problems).toEqual([]);
    const { lines, problems } = checkLines(read.candidates, csvCell, '2026-11');
    expect(problems).toEqual([]);
    expect(lines).toEqual([
      {
        row: 2,
        month: '2026-10',
        iban: IBAN,
        purposeCode: '9184',
        usdMinor: 145_000,
        remittances: 2,
        retainedUsdMinor: 50_000,
        convertedUsdMinor: 95_000,
        prcRef: 'PRC/2026/10-1',
        holderHash: H,
        itExport: true,
      },
    ]);
  });

  it('names the row and column of every bad cell and of a repeated line', () => {
    const csv = [
      HEADER,
      `2026-10,${IBAN},9184,1450.00,,,,,${H}`,
      `2026-13,PK00XXXX,12X4,12.345,0,10,,,${H}`,
      `2026-10,${IBAN},9184,99.00,,,,,${H}`,
      `2026-11,${IBAN},9185,100,,60,50,,${H}`,
      `2026-09,${IBAN},9185,100`,
      `2026-08,${IBAN},9185,100,,,,,not-a-hash`,
      `2026-08,${IBAN},7001,100,,,,,${H}`,
    ].join('\n');
    const read = readBatchCsv(csv);
    expect(read.problems).toEqual([
      expect.objectContaining({ path: 'csv.row 6', rule: 'remit_csv_columns' }),
    ]);
    const { lines, problems } = checkLines(read.candidates, csvCell, '2026-11');
    // A code that is not an IT export is a good line, kept and marked not counted.
    expect(lines.map((l) => [l.row, l.itExport])).toEqual([
      [2, true],
      [8, false],
    ]);
    expect(problems.map((p) => [p.path, p.rule])).toEqual([
      ['csv.row 3.month', 'remit_month_format'],
      ['csv.row 3.iban', 'remit_iban'],
      ['csv.row 3.purpose_code', 'remit_purpose_code'],
      ['csv.row 3.usd_credited', 'remit_amount'],
      ['csv.row 3.remittances', 'remit_count'],
      ['csv.row 3.converted_usd', 'remit_split_pair'],
      ['csv.row 4.iban', 'remit_duplicate'],
      ['csv.row 5.month', 'remit_month_open'],
      ['csv.row 5.converted_usd', 'remit_split_sum'],
      ['csv.row 7.holder_hash', 'remit_holder_hash'],
    ]);
    expect(problems.find((p) => p.rule === 'remit_duplicate')?.params).toMatchObject({ firstRow: 2 });
  });

  it('refuses a wrong header and an unclosed quote before reading any line', () => {
    expect(readBatchCsv('month,iban,amount\n2026-10,x,1').problems[0]).toMatchObject({
      rule: 'remit_header',
    });
    const broken = readBatchCsv(`${HEADER}\n2026-10,"${IBAN},9184,1,,,,,${H}\n`);
    expect(broken.problems[0]).toMatchObject({ rule: 'remit_csv_unclosed_quote', params: { row: 2 } });
  });
});
