import { readCsv } from '../../platform/csv.ts';
import type { FieldIssue } from '../../shared/errors.ts';
import { dollarsToCents, isItExportCode, isPurposeCode, normaliseIban } from './remittance-rules.ts';

/**
 * One line of a bank's batch, checked: an account's IT-export proceeds in one month under one
 * purpose code. Amounts in US cents; the optional figures are null when the bank left them out.
 */
export type AttestationLine = {
  /** The CSV line it came from, or the index in the JSON array. */
  row: number;
  month: string;
  iban: string;
  purposeCode: string;
  usdMinor: number;
  remittances: number | null;
  retainedUsdMinor: number | null;
  convertedUsdMinor: number | null;
  prcRef: string | null;
  /** HMAC of the account holder's CNIC with the bank's key (holder.ts), lower-case hex. */
  holderHash: string;
  /** False when the purpose code is not an IT or IT-enabled export: kept, not counted. */
  itExport: boolean;
};

/** A line before its checks: what the bank sent, as text (CSV) or numbers (JSON). */
export type CandidateLine = {
  row: number;
  month: string;
  iban: string;
  purposeCode: string;
  usd: number | string;
  remittances: number | string | null;
  retainedUsd: number | string | null;
  convertedUsd: number | string | null;
  prcRef: string | null;
  holderHash: string;
};

/** Where a column of a line is, for the problem that names it: `csv.row 4.iban` or `lines.3.iban`. */
export type CellPath = (row: number, column: keyof Omit<CandidateLine, 'row'>) => string;

export const CSV_HEADER =
  'month,iban,purpose_code,usd_credited,remittances,retained_usd,converted_usd,prc_ref,holder_hash';
const CSV_COLUMN: Record<keyof Omit<CandidateLine, 'row'>, string> = {
  month: 'month',
  iban: 'iban',
  purposeCode: 'purpose_code',
  usd: 'usd_credited',
  remittances: 'remittances',
  retainedUsd: 'retained_usd',
  convertedUsd: 'converted_usd',
  prcRef: 'prc_ref',
  holderHash: 'holder_hash',
};
export const csvCell: CellPath = (row, column) => `csv.row ${row}.${CSV_COLUMN[column]}`;

const issue = (
  path: string,
  message: string,
  rule: string,
  params: FieldIssue['params'] = {},
): FieldIssue => ({
  path,
  message,
  rule,
  params,
});

/** A bank's CSV: the header above, then one line per account, month and purpose code. */
export function readBatchCsv(text: string): { candidates: CandidateLine[]; problems: FieldIssue[] } {
  const csv = readCsv(text);
  const headerRow = csv.header?.line ?? 1;
  if (csv.header?.names.map((n) => n.toLowerCase()).join(',') !== CSV_HEADER)
    return {
      candidates: [],
      problems: [
        issue(`csv.row ${headerRow}`, `the header must be exactly "${CSV_HEADER}"`, 'remit_header', {
          row: headerRow,
          expected: CSV_HEADER,
        }),
      ],
    };
  const problems: FieldIssue[] = csv.problems.map((p) =>
    issue(`csv.row ${p.line}`, p.message, `remit_csv_${p.kind}`, { row: p.line }),
  );
  const candidates: CandidateLine[] = [];
  for (const r of csv.records) {
    if (r.cells.length !== 9) continue; // reported above
    const [month, iban, purposeCode, usd, remittances, retainedUsd, convertedUsd, prcRef, holderHash] =
      r.cells as [string, string, string, string, string, string, string, string, string];
    const orNull = (s: string) => (s === '' ? null : s);
    candidates.push({
      row: r.line,
      month,
      iban,
      purposeCode,
      usd,
      remittances: orNull(remittances),
      retainedUsd: orNull(retainedUsd),
      convertedUsd: orNull(convertedUsd),
      prcRef: orNull(prcRef),
      holderHash,
    });
  }
  if (csv.records.length === 0 && csv.problems.length === 0)
    problems.push(issue('csv', 'has no lines', 'remit_empty'));
  return { candidates, problems };
}

const cents = (v: number | string): number | null =>
  typeof v === 'number' ? (Number.isSafeInteger(v) && v >= 0 ? v : null) : dollarsToCents(v);
const count = (v: number | string): number | null => {
  const n = typeof v === 'number' ? v : /^\d{1,6}$/.test(v) ? Number(v) : Number.NaN;
  return Number.isSafeInteger(n) && n >= 1 && n <= 100_000 ? n : null;
};

/**
 * Checks every line, whatever it came in: month, IBAN, purpose code, amounts (the part kept in
 * dollars and the part converted to rupees must add up to the amount credited), and no account,
 * month and purpose code twice. Returns the good lines and a problem for each bad cell.
 */
export function checkLines(
  candidates: readonly CandidateLine[],
  cell: CellPath,
  currentMonth: string,
): { lines: AttestationLine[]; problems: FieldIssue[] } {
  const problems: FieldIssue[] = [];
  const lines: AttestationLine[] = [];
  const seen = new Map<string, number>();
  for (const c of candidates) {
    const row = c.row;
    const bad = (column: Parameters<CellPath>[1], message: string, rule: string, params = {}) => {
      problems.push(issue(cell(row, column), message, rule, { row, ...params }));
    };
    const before = problems.length;
    if (!/^\d{4}-(0[1-9]|1[0-2])$/.test(c.month))
      bad('month', 'must be a month, YYYY-MM', 'remit_month_format');
    else if (c.month >= currentMonth)
      bad('month', 'must be a month that has ended', 'remit_month_open', { current: currentMonth });
    else if (c.month < '2020-01') bad('month', 'must be 2020 or later', 'remit_month_early');
    const iban = normaliseIban(c.iban);
    if (!iban) bad('iban', 'must be a Pakistani IBAN (PK, 2 check digits, 20 more)', 'remit_iban');
    if (!isPurposeCode(c.purposeCode))
      bad('purposeCode', 'must be a State Bank purpose code, four digits', 'remit_purpose_code');
    const usd = cents(c.usd);
    if (usd === null || usd === 0)
      bad('usd', 'must be US dollars above zero with at most two decimals, e.g. 1450.00', 'remit_amount');
    const remittances = c.remittances === null ? null : count(c.remittances);
    if (c.remittances !== null && remittances === null)
      bad('remittances', 'must be a whole number from 1', 'remit_count');
    const retained = c.retainedUsd === null ? null : cents(c.retainedUsd);
    const converted = c.convertedUsd === null ? null : cents(c.convertedUsd);
    if (c.retainedUsd !== null && retained === null) bad('retainedUsd', 'must be US dollars', 'remit_amount');
    if (c.convertedUsd !== null && converted === null)
      bad('convertedUsd', 'must be US dollars', 'remit_amount');
    if ((c.retainedUsd === null) !== (c.convertedUsd === null))
      bad(
        c.retainedUsd === null ? 'retainedUsd' : 'convertedUsd',
        'give both the part kept in dollars and the part converted, or neither',
        'remit_split_pair',
      );
    else if (retained !== null && converted !== null && usd !== null && retained + converted !== usd)
      bad('convertedUsd', 'kept and converted must add up to the amount credited', 'remit_split_sum');
    if (c.prcRef !== null && !/^[A-Za-z0-9/-]{4,40}$/.test(c.prcRef))
      bad('prcRef', 'must be 4 to 40 letters, digits, / or -', 'remit_prc_ref');
    const holderHash = c.holderHash.toLowerCase();
    if (!/^[0-9a-f]{64}$/.test(holderHash))
      bad(
        'holderHash',
        'must be the 64-hex-digit HMAC-SHA256 of the account holder’s CNIC with the bank’s key',
        'remit_holder_hash',
      );
    const key = `${iban}|${c.month}|${c.purposeCode}`;
    if (iban && seen.has(key))
      bad('iban', `repeats line ${seen.get(key)} (same account, month and purpose code)`, 'remit_duplicate', {
        firstRow: seen.get(key)!,
      });
    else if (iban) seen.set(key, row);
    if (problems.length === before && iban && usd)
      lines.push({
        row,
        month: c.month,
        iban,
        purposeCode: c.purposeCode,
        usdMinor: usd,
        remittances,
        retainedUsdMinor: retained,
        convertedUsdMinor: converted,
        prcRef: c.prcRef,
        holderHash,
        itExport: isItExportCode(c.purposeCode),
      });
  }
  return { lines, problems };
}
