import { writeCsv } from '../../platform/csv.ts';
import { createPdf } from '../../platform/pdf/index.ts';
import type { Statement } from './statement.service.ts';

/** Paisa as rupees with two decimals and the sign in front: -50 → "-0.50". */
export function rupees(minor: number): string {
  const abs = Math.abs(minor);
  return `${minor < 0 ? '-' : ''}${Math.floor(abs / 100)}.${String(abs % 100).padStart(2, '0')}`;
}

/** The same with thousands separators, for print: 1234567 → "12,345.67". */
function printed(minor: number): string {
  const [whole, frac] = rupees(minor).split('.');
  return `${whole!.replace(/\B(?=(\d{3})+(?!\d))/g, ',')}.${frac}`;
}

/** The statement as CSV (RFC 4180): a line per movement, then the period's totals, amounts in rupees. */
export function statementCsv(s: Statement): string {
  const rows: (string | number)[][] = [
    [s.from, '', 'opening_balance', '', '', '', rupees(s.openingMinor)],
    ...s.lines.map((l) => [
      l.valueDate,
      l.postedOn,
      l.kind,
      l.reference ?? '',
      rupees(l.debitMinor),
      rupees(l.creditMinor),
      rupees(l.balanceMinor),
    ]),
    [s.to, '', 'closing_balance', '', '', '', rupees(s.closingMinor)],
    [s.to, '', 'arrears', '', '', '', rupees(s.arrearsMinor)],
    [s.to, '', 'subsidy_accrued', '', '', '', rupees(s.subsidyAccruedMinor)],
    [s.to, '', 'subsidy_adjusted', '', '', '', rupees(s.subsidyAdjustedMinor)],
  ];
  return writeCsv(
    ['value_date', 'posted_on', 'kind', 'reference', 'debit_pkr', 'credit_pkr', 'balance_pkr'],
    rows,
  );
}

const WORDS = {
  en: {
    title: 'Loan statement',
    period: (f: string, t: string) => `Period ${f} to ${t}`,
    borrower: 'Borrower',
    bank: 'Bank',
    loan: 'Loan',
    head: ['Value date', 'Posted', 'Entry', 'Reference', 'Debit', 'Credit', 'Balance'],
    opening: 'Opening balance',
    closing: 'Closing balance',
    disbursed: 'Disbursed in the period',
    repaid: 'Repaid in the period',
    arrears: 'Arrears at the end',
    subsidy: 'Markup paid by the programme on your behalf',
    adjusted: 'Markup adjusted for earlier days',
    kinds: {
      disbursement: 'Disbursement',
      repayment: 'Repayment',
      repayment_reversal: 'Repayment reversed',
      disbursement_reversal: 'Disbursement reversed',
      write_off: 'Write-off',
    },
    note: 'Amounts in Pakistani rupees. Interest-free loan: the markup is paid to the bank by the programme.',
  },
  ur: {
    title: 'قرض کا گوشوارہ',
    period: (f: string, t: string) => `مدت ${f} تا ${t}`,
    borrower: 'قرض دار',
    bank: 'بینک',
    loan: 'قرض',
    head: ['مؤثر تاریخ', 'اندراج', 'تفصیل', 'حوالہ', 'نام', 'جمع', 'بقایا'],
    opening: 'ابتدائی بقایا',
    closing: 'اختتامی بقایا',
    disbursed: 'اس مدت میں جاری رقم',
    repaid: 'اس مدت میں واپس ادائیگی',
    arrears: 'آخر میں واجب الادا',
    subsidy: 'آپ کی جانب سے پروگرام کا ادا کردہ مارک اپ',
    adjusted: 'گزشتہ دنوں کے مارک اپ میں تصحیح',
    kinds: {
      disbursement: 'رقم کا اجرا',
      repayment: 'ادائیگی',
      repayment_reversal: 'ادائیگی منسوخ',
      disbursement_reversal: 'اجرا منسوخ',
      write_off: 'قرض معاف',
    },
    note: 'رقوم پاکستانی روپے میں۔ بلا سود قرض: مارک اپ پروگرام بینک کو ادا کرتا ہے۔',
  },
} as const;

/** The statement as a printable A4 PDF, in English or in Urdu (right to left, Nastaliq). */
export async function statementPdf(s: Statement, lang: 'en' | 'ur'): Promise<Buffer> {
  const w = WORDS[lang];
  const rtl = lang === 'ur';
  const pdf = createPdf({ title: `${w.title} ${s.applicationReference}`, lang, margin: 40 });
  const M = pdf.margin;
  const W = pdf.width - 2 * M;
  const align = rtl ? ('right' as const) : ('left' as const);
  const size = rtl ? 11 : 9;
  const step = rtl ? 24 : 15;
  let y = M + 20;
  pdf.line(w.title, y, { size: 18, bold: true, align });
  y += rtl ? 34 : 24;
  for (const text of [
    w.period(s.from, s.to),
    `${w.borrower}: ${s.ownerName}`,
    `${w.bank}: ${s.bankCode} · ${w.loan}: ${s.applicationReference}`,
  ]) {
    pdf.line(text, y, { size: size + 1, align });
    y += step;
  }
  // Seven columns; in Urdu they run from the right.
  const widths = [0.13, 0.11, 0.2, 0.16, 0.13, 0.13, 0.14].map((f) => f * W);
  const colX = (i: number) => {
    const before = widths.slice(0, i).reduce((a, b) => a + b, 0);
    return rtl ? M + W - before - widths[i]! : M + before;
  };
  const row = (cells: string[], bold = false) => {
    if (y > pdf.height - M - 60) {
      pdf.newPage();
      y = M + 20;
    }
    for (const [i, c] of cells.entries())
      pdf.line(c, y, { size, bold, x: colX(i), width: widths[i]! - 4, align: i >= 4 ? 'right' : align });
    y += step;
  };
  y += 6;
  row([...w.head], true);
  row([s.from, '', w.opening, '', '', '', printed(s.openingMinor)]);
  for (const l of s.lines)
    row([
      l.valueDate,
      l.postedOn,
      w.kinds[l.kind],
      l.reference ?? '',
      l.debitMinor ? printed(l.debitMinor) : '',
      l.creditMinor ? printed(l.creditMinor) : '',
      printed(l.balanceMinor),
    ]);
  row([s.to, '', w.closing, '', '', '', printed(s.closingMinor)], true);
  y += 10;
  for (const [label, minor] of [
    [w.disbursed, s.disbursedMinor],
    [w.repaid, s.repaidMinor],
    [w.arrears, s.arrearsMinor],
    [w.subsidy, s.subsidyAccruedMinor],
    [w.adjusted, s.subsidyAdjustedMinor],
  ] as const) {
    pdf.line(label, y, { size, x: rtl ? M + W * 0.3 : M, width: W * 0.7, align });
    pdf.line(printed(minor), y, {
      size,
      x: rtl ? M : M + W * 0.7,
      width: W * 0.3,
      align: rtl ? 'left' : 'right',
    });
    y += step;
  }
  y += 10;
  pdf.paragraph(w.note, y, { size: size - 1, align, color: '#444444' });
  return pdf.finish();
}
