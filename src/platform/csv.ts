import { parse } from 'csv-parse/sync';
import { stringify } from 'csv-stringify/sync';

/**
 * CSV as Markaz reads and writes it (RFC 4180). Reading takes what banks' systems and spreadsheets
 * export: quoted cells with commas, quotes ("") and line breaks inside, CRLF or LF, a UTF-8
 * byte-order mark, Excel's optional first line `sep=<delimiter>`, blank lines and rows of empty
 * cells (skipped), and rows padded with empty cells past the header (the padding is ignored).
 * Every record and problem names the physical line it starts on (1 = the first line of the file,
 * counting a `sep=` line), so a bank can find it in a text editor.
 */
export type CsvRecord = {
  /** The line the record starts on (a quoted cell may carry it over several lines). */
  line: number;
  /** Trimmed cells, as many as the header has when the record is well formed. */
  cells: string[];
  /** The cells by header name; only for records with as many cells as the header. */
  values: Record<string, string>;
};

export type CsvReadProblem =
  /** A quoted cell is opened on `line` and never closed: the rest of the file is one cell. */
  | { kind: 'unclosed_quote'; line: number; message: string }
  /** A quote where RFC 4180 allows none: inside an unquoted cell, or after a closing quote. */
  | { kind: 'stray_quote'; line: number; message: string }
  | { kind: 'malformed'; line: number; message: string }
  | { kind: 'columns'; line: number; expected: number; found: number; message: string };

export type CsvRead = {
  /** The header's trimmed names, or null when the file has no line at all. */
  header: { line: number; names: string[] } | null;
  records: CsvRecord[];
  problems: CsvReadProblem[];
};

type ParseError = Error & { code?: string };

/** Reads a CSV file whose first record is a header. Parsing stops at the first malformed record. */
export function readCsv(text: string): CsvRead {
  let body = text.replace(/^\uFEFF/, '');
  let delimiter = ',';
  let lineOffset = 0;
  const sep = /^sep=(.)[ \t]*(\r\n|\n|\r|$)/i.exec(body);
  if (sep) {
    delimiter = sep[1]!;
    body = body.slice(sep[0].length);
    lineOffset = 1;
  }
  const bytes = Buffer.from(body, 'utf8');
  const lineAt = lineCounter(bytes, lineOffset);
  const raw: { line: number; cells: string[] }[] = [];
  let end = 0; // where the last record read ended, in bytes
  const problems: CsvReadProblem[] = [];
  try {
    parse(bytes, {
      delimiter,
      relax_column_count: true,
      skip_empty_lines: true,
      trim: true,
      on_record: (record, context) => {
        const line = lineAt(end);
        end = context.bytes;
        const cells = record.map((c) => c.trim());
        if (cells.some((c) => c !== '')) raw.push({ line, cells });
        return null;
      },
    });
  } catch (e) {
    const code = (e as ParseError).code;
    const line = lineAt(end);
    if (code === 'CSV_QUOTE_NOT_CLOSED')
      problems.push({
        kind: 'unclosed_quote',
        line,
        message: 'a quoted cell opened on this line is never closed',
      });
    else if (code === 'INVALID_OPENING_QUOTE' || code === 'CSV_INVALID_CLOSING_QUOTE')
      problems.push({
        kind: 'stray_quote',
        line,
        message: 'has a quote out of place: quote the whole cell and write a quote inside it as ""',
      });
    else problems.push({ kind: 'malformed', line, message: `is not valid CSV (${code ?? 'unreadable'})` });
  }
  const [first, ...rest] = raw;
  if (!first) return { header: null, records: [], problems };
  const names = dropTrailingEmpty(first.cells, 0);
  const records: CsvRecord[] = [];
  for (const r of rest) {
    const cells = dropTrailingEmpty(r.cells, names.length);
    if (cells.length !== names.length) {
      problems.push({
        kind: 'columns',
        line: r.line,
        expected: names.length,
        found: cells.length,
        message: `must have ${names.length} columns, has ${cells.length}`,
      });
      records.push({ line: r.line, cells, values: {} });
      continue;
    }
    records.push({ line: r.line, cells, values: Object.fromEntries(names.map((n, i) => [n, cells[i]!])) });
  }
  return { header: { line: first.line, names }, records, problems: sortByLine(problems) };
}

const sortByLine = (ps: CsvReadProblem[]) => ps.sort((a, b) => a.line - b.line);

/** Spreadsheets pad short rows with empty cells up to the widest row: drop the padding past `keep`. */
function dropTrailingEmpty(cells: string[], keep: number): string[] {
  let n = cells.length;
  while (n > keep && cells[n - 1] === '') n--;
  return cells.slice(0, n);
}

/**
 * The line a record starting at byte `at` begins on: blank lines before it are skipped, and a line
 * ends at CRLF, LF or a lone CR. (csv-parse's own line count drifts on CRLF inside quoted cells.)
 */
function lineCounter(bytes: Buffer, offset: number): (at: number) => number {
  const starts: number[] = [0];
  for (let i = 0; i < bytes.length; i++) {
    const b = bytes[i];
    if (b === 0x0a || (b === 0x0d && bytes[i + 1] !== 0x0a)) starts.push(i + 1);
  }
  return (at) => {
    let pos = at;
    while (pos < bytes.length && (bytes[pos] === 0x0a || bytes[pos] === 0x0d)) pos++;
    let lo = 0;
    let hi = starts.length - 1;
    while (lo < hi) {
      const mid = (lo + hi + 1) >> 1;
      if (starts[mid]! <= pos) lo = mid;
      else hi = mid - 1;
    }
    return lo + 1 + offset;
  };
}

/** The media type of every CSV Markaz sends (RFC 4180 §3 and RFC 7111's `header` parameter). */
export const CSV_MEDIA_TYPE = 'text/csv; charset=utf-8; header=present';

/**
 * Writes a CSV file: a header line, CRLF after every line, a cell quoted when it holds the
 * delimiter, a quote or a line break (quotes inside doubled). Empty for null and undefined;
 * booleans as true/false.
 */
export function writeCsv(columns: readonly string[], rows: readonly (readonly unknown[])[]): string {
  return stringify(
    rows.map((r) => r.map((v) => (v === null || v === undefined ? '' : v))),
    {
      header: true,
      columns: [...columns],
      record_delimiter: '\r\n',
      quoted_match: /[\r\n]/,
      cast: { boolean: (v) => (v ? 'true' : 'false') },
    },
  );
}
