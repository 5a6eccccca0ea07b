import { describe, expect, it } from 'vitest';
import { claimDeadline, parseClaimCsv, quarterBounds } from './claim-csv.ts';

const A = '11111111-1111-4111-8111-111111111111';
const B = '22222222-2222-4222-8222-222222222222';

describe('claim files', () => {
  it('reads rupees to paisa', () => {
    const r = parseClaimCsv(`loan_id,claimed_pkr\n${A},415890.41\n${B},12.5\n`);
    expect(r.problems).toEqual([]);
    expect(r.lines).toEqual([
      { row: 2, loanId: A, claimedMinor: 41_589_041 },
      { row: 3, loanId: B, claimedMinor: 1_250 },
    ]);
  });

  it('names the row and column of each problem: header, duplicates, ids, misplaced decimals', () => {
    expect(parseClaimCsv(`loan,amount\n${A},1`).problems).toEqual([
      {
        path: 'csv.row 1',
        message: 'the header must be exactly "loan_id,claimed_pkr"',
        rule: 'claim_header',
        params: { row: 1, expected: 'loan_id,claimed_pkr' },
      },
    ]);
    const r = parseClaimCsv(`loan_id,claimed_pkr\n${A},100\n${A},100\nnot-a-loan,5\n${B},1.234\n${B}`);
    expect(r.problems.map((p) => p.path)).toEqual([
      'csv.row 3.loan_id',
      'csv.row 4.loan_id',
      'csv.row 5.claimed_pkr',
      'csv.row 6',
    ]);
    expect(r.problems.map((p) => [p.rule, p.params])).toEqual([
      ['claim_duplicate_loan', { row: 3, column: 'loan_id', firstRow: 2 }],
      ['claim_loan_id_format', { row: 4, column: 'loan_id' }],
      ['claim_amount_format', { row: 5, column: 'claimed_pkr', example: '415890.41' }],
      ['claim_columns', { row: 6, expected: 2, found: 1 }],
    ]);
    // A quoted amount with a thousands separator is read as one cell, and named as a bad amount.
    expect(parseClaimCsv(`loan_id,claimed_pkr\n${A},"1,000.00"`).problems.map((p) => p.path)).toEqual([
      'csv.row 2.claimed_pkr',
    ]);
  });

  it('reads quoted cells, an embedded comma in a padded cell, CRLF and a byte-order mark', () => {
    const r = parseClaimCsv(`\uFEFF"loan_id","claimed_pkr"\r\n"${A}","415890.41"\r\n${B}, 12.5 \r\n\r\n`);
    expect(r.problems).toEqual([]);
    expect(r.lines).toEqual([
      { row: 2, loanId: A, claimedMinor: 41_589_041 },
      { row: 3, loanId: B, claimedMinor: 1_250 },
    ]);
    // A comma inside quotes is part of the cell, so the line still has 2 columns.
    expect(parseClaimCsv(`loan_id,claimed_pkr\n"${A},x",5`).problems).toEqual([
      {
        path: 'csv.row 2.loan_id',
        message: 'must be a Markaz loan id (UUID)',
        rule: 'claim_loan_id_format',
        params: { row: 2, column: 'loan_id' },
      },
    ]);
  });

  it('reads a spreadsheet export: sep=, line, BOM, CRLF, quoted header, padding and empty rows', () => {
    const excel = `\uFEFFsep=,\r\n"loan_id","claimed_pkr",\r\n"${A}",415890.41,\r\n,,\r\n"${B}","12.50",\r\n`;
    const r = parseClaimCsv(excel);
    expect(r.problems).toEqual([]);
    // Rows are the file's lines: the sep= line is line 1.
    expect(r.lines).toEqual([
      { row: 3, loanId: A, claimedMinor: 41_589_041 },
      { row: 5, loanId: B, claimedMinor: 1_250 },
    ]);
  });

  it('names the line of an unclosed quote, and still reports the lines before it', () => {
    const r = parseClaimCsv(`loan_id,claimed_pkr\r\n${A},100\r\n${A},100\r\n"${B},5\r\n${B},6\r\n`);
    expect(r.lines.map((l) => l.row)).toEqual([2, 3]);
    expect(r.problems).toEqual([
      {
        path: 'csv.row 3.loan_id',
        message: 'repeats row 2',
        rule: 'claim_duplicate_loan',
        params: { row: 3, column: 'loan_id', firstRow: 2 },
      },
      {
        path: 'csv.row 4',
        message: 'a quoted cell opened on this line is never closed',
        rule: 'claim_unclosed_quote',
        params: { row: 4 },
      },
    ]);
    expect(parseClaimCsv(`loan_id,claimed_pkr\n${A},1"00\n`).problems).toMatchObject([
      { path: 'csv.row 2', rule: 'claim_stray_quote', params: { row: 2 } },
    ]);
  });

  it('names a negative amount apart from a badly written one, and an empty file', () => {
    expect(parseClaimCsv(`loan_id,claimed_pkr\n${A},-83178.08`).problems).toEqual([
      {
        path: 'csv.row 2.claimed_pkr',
        message: 'must not be negative',
        rule: 'claim_negative',
        params: { row: 2, column: 'claimed_pkr' },
      },
    ]);
    expect(parseClaimCsv('loan_id,claimed_pkr\n').problems).toEqual([
      { path: 'csv', message: 'has no lines', rule: 'claim_empty' },
    ]);
  });

  it('quarters and the deadline of 15 working days', () => {
    expect(quarterBounds('2026-Q4')).toEqual({ start: '2026-10-01', end: '2026-12-31' });
    expect(quarterBounds('2027-Q1')).toEqual({ start: '2027-01-01', end: '2027-03-31' });
    expect(quarterBounds('2027-Q5')).toBeNull();
    // 31 Dec 2026 is a Thursday: 15 working days later is Thursday 21 January 2027.
    expect(claimDeadline('2026-12-31')).toBe('2027-01-21');
  });
});
