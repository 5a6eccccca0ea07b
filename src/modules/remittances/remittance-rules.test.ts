import { describe, expect, it } from 'vitest';
import { checkLines, csvCell, readBatchCsv } from './batch-lines.ts';
import { compareMonth, dollarsToCents, makeIban, normaliseIban } from './remittance-rules.ts';

const IBAN = makeIban('HABB', '0012345678901234');
const HEADER = 'month,iban,purpose_code,usd_credited,remittances,retained_usd,converted_usd,prc_ref';

describe('IBANs, amounts and months compared', () => {
  it('accepts a Pakistani IBAN written with spaces and lower case, refuses a wrong check digit', () => {
    expect(IBAN).toMatch(/^PK\d{2}HABB0012345678901234$/);
    const spaced = IBAN.toLowerCase().replace(/(.{4})/g, '$1 ');
    expect(normaliseIban(spaced)).toBe(IBAN);
    const wrong = `PK${String((Number(IBAN.slice(2, 4)) + 1) % 100).padStart(2, '0')}${IBAN.slice(4)}`;
    expect(normaliseIban(wrong)).toBeNull();
    expect(normaliseIban('GB29NWBK60161331926819')).toBeNull();
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
    const csv = `\uFEFF${HEADER}\r\n2026-10,"${IBAN}",9184,"1450.00",2,500.00,950.00,"PRC/2026/10-1"\r\n`;
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
      },
    ]);
  });

  it('names the row and column of every bad cell and of a repeated line', () => {
    const csv = [
      HEADER,
      `2026-10,${IBAN},9184,1450.00,,,,`,
      `2026-13,PK00XXXX,1234,12.345,0,10,,`,
      `2026-10,${IBAN},9184,99.00,,,,`,
      `2026-11,${IBAN},9185,100,,60,50,`,
      `2026-09,${IBAN},9185,100`,
    ].join('\n');
    const read = readBatchCsv(csv);
    expect(read.problems).toEqual([
      expect.objectContaining({ path: 'csv.row 6', rule: 'remit_csv_columns' }),
    ]);
    const { lines, problems } = checkLines(read.candidates, csvCell, '2026-11');
    expect(lines.map((l) => l.row)).toEqual([2]);
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
    ]);
    expect(problems.find((p) => p.rule === 'remit_duplicate')?.params).toMatchObject({ firstRow: 2 });
  });

  it('refuses a wrong header and an unclosed quote before reading any line', () => {
    expect(readBatchCsv('month,iban,amount\n2026-10,x,1').problems[0]).toMatchObject({
      rule: 'remit_header',
    });
    const broken = readBatchCsv(`${HEADER}\n2026-10,"${IBAN},9184,1,,,,\n`);
    expect(broken.problems[0]).toMatchObject({ rule: 'remit_csv_unclosed_quote', params: { row: 2 } });
  });
});
