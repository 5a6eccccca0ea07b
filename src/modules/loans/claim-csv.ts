import { readCsv } from '../../platform/csv.ts';
import type { FieldIssue } from '../../shared/errors.ts';
import { isUuid } from '../../shared/ids.ts';
import { addDays } from '../../shared/time.ts';

/**
 * A bank's quarterly claim file: the header `loan_id,claimed_pkr`, then one line per loan, the
 * amount in rupees with at most two decimals and no separators (e.g. 415890.41). The file is read
 * as CSV (`platform/csv.ts`): quoted cells, CRLF, a byte-order mark and spreadsheet exports with
 * Excel's `sep=,` line are fine. Every problem is reported at once, by row (the line of the file a
 * record starts on) and column, and nothing is kept from a file that has any. Each problem names
 * its stable `rule` (`claim_*`) and `params` ({row, column, …}) so the web app can word it in
 * Urdu; the English `message` stays as it was.
 */
export const CLAIM_HEADER = 'loan_id,claimed_pkr';
export type ClaimLine = { row: number; loanId: string; claimedMinor: number };
export type CsvProblem = FieldIssue;

const MALFORMED_RULE = {
  unclosed_quote: 'claim_unclosed_quote',
  stray_quote: 'claim_stray_quote',
  malformed: 'claim_malformed',
} as const;

export function parseClaimCsv(text: string): { lines: ClaimLine[]; problems: CsvProblem[] } {
  const csv = readCsv(text);
  const problems: CsvProblem[] = [];
  const headerRow = csv.header?.line ?? 1;
  if (csv.header?.names.map((n) => n.toLowerCase()).join(',') !== CLAIM_HEADER)
    return {
      lines: [],
      problems: [
        {
          path: `csv.row ${headerRow}`,
          message: `the header must be exactly "${CLAIM_HEADER}"`,
          rule: 'claim_header',
          params: { row: headerRow, expected: CLAIM_HEADER },
        },
      ],
    };
  for (const p of csv.problems) {
    const row = p.line;
    if (p.kind === 'columns')
      problems.push({
        path: `csv.row ${row}`,
        message: p.message,
        rule: 'claim_columns',
        params: { row, expected: p.expected, found: p.found },
      });
    else
      problems.push({
        path: `csv.row ${row}`,
        message: p.message,
        rule: MALFORMED_RULE[p.kind],
        params: { row },
      });
  }
  const lines: ClaimLine[] = [];
  const seen = new Map<string, number>();
  for (const { line: row, cells } of csv.records) {
    if (cells.length !== 2) continue; // reported above
    const [loanId, amount] = cells as [string, string];
    if (!isUuid(loanId))
      problems.push({
        path: `csv.row ${row}.loan_id`,
        message: 'must be a Markaz loan id (UUID)',
        rule: 'claim_loan_id_format',
        params: { row, column: 'loan_id' },
      });
    else if (seen.has(loanId.toLowerCase()))
      problems.push({
        path: `csv.row ${row}.loan_id`,
        message: `repeats row ${seen.get(loanId.toLowerCase())}`,
        rule: 'claim_duplicate_loan',
        params: { row, column: 'loan_id', firstRow: seen.get(loanId.toLowerCase())! },
      });
    else seen.set(loanId.toLowerCase(), row);
    const m = /^(\d{1,12})(?:\.(\d{1,2}))?$/.exec(amount);
    if (!m && /^-\s*\d/.test(amount))
      problems.push({
        path: `csv.row ${row}.claimed_pkr`,
        message: 'must not be negative',
        rule: 'claim_negative',
        params: { row, column: 'claimed_pkr' },
      });
    else if (!m)
      problems.push({
        path: `csv.row ${row}.claimed_pkr`,
        message: 'must be rupees with at most two decimals and no separators, e.g. 415890.41',
        rule: 'claim_amount_format',
        params: { row, column: 'claimed_pkr', example: '415890.41' },
      });
    else if (isUuid(loanId))
      lines.push({
        row,
        loanId: loanId.toLowerCase(),
        claimedMinor: Number(m[1]) * 100 + Number((m[2] ?? '').padEnd(2, '0')),
      });
  }
  if (csv.records.length === 0 && csv.problems.length === 0)
    problems.push({ path: 'csv', message: 'has no lines', rule: 'claim_empty' });
  problems.sort((a, b) => rowOf(a) - rowOf(b));
  return { lines, problems };
}

const rowOf = (p: CsvProblem) => Number(p.params?.row ?? 0);

/** A quarter 'YYYY-Qn' as its first and last day. */
export function quarterBounds(quarter: string): { start: string; end: string } | null {
  const m = /^(\d{4})-Q([1-4])$/.exec(quarter);
  if (!m) return null;
  const y = Number(m[1]);
  const q = Number(m[2]);
  const start = `${y}-${String((q - 1) * 3 + 1).padStart(2, '0')}-01`;
  const next = q === 4 ? `${y + 1}-01-01` : `${y}-${String(q * 3 + 1).padStart(2, '0')}-01`;
  return { start, end: addDays(next, -1) };
}

/**
 * The filing deadline: `days` working days after the quarter's last day, a working day being
 * Monday to Friday and not one of `holidays` ('YYYY-MM-DD').
 */
export function claimDeadline(
  quarterEnd: string,
  days = 15,
  holidays: ReadonlySet<string> = new Set(),
): string {
  let d = quarterEnd;
  let left = days;
  while (left > 0) {
    d = addDays(d, 1);
    const wd = new Date(`${d}T00:00:00Z`).getUTCDay();
    if (wd !== 0 && wd !== 6 && !holidays.has(d)) left--;
  }
  return d;
}

/** The quarter a day falls in, as 'YYYY-Qn'. */
export function quarterOf(day: string): string {
  return `${day.slice(0, 4)}-Q${Math.floor((Number(day.slice(5, 7)) - 1) / 3) + 1}`;
}

/** The quarter `n` quarters after (or before, if negative) `quarter`. */
export function shiftQuarter(quarter: string, n: number): string {
  const y = Number(quarter.slice(0, 4));
  const q = Number(quarter.slice(6)) - 1 + n;
  return `${y + Math.floor(q / 4)}-Q${(((q % 4) + 4) % 4) + 1}`;
}
