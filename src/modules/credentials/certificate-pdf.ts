import { createPdf } from '../../platform/pdf/index.ts';
import type { CertificateRecord } from './credentials.repository.ts';
import { ISSUER_NAME } from './open-badge.ts';

const ACCENT = '#0b6e4f';
const URDU_ISSUER = 'مرکز ای روزگار تربیتی پروگرام';

function longDate(day: string, lang: 'en' | 'ur'): string {
  const d = new Date(`${day}T00:00:00Z`);
  return d.toLocaleDateString(lang === 'en' ? 'en-GB' : 'en-GB', {
    day: 'numeric',
    month: 'long',
    year: 'numeric',
    timeZone: 'UTC',
  });
}

/**
 * The printable certificate: one A4 landscape page, English on the left half, Urdu (Nastaliq) on
 * the right, the code and a QR code of the verification page at the bottom. A revoked certificate
 * still prints, marked REVOKED, so a printout can never pass for a valid one.
 */
export async function certificatePdf(c: CertificateRecord, verifyUrl: string): Promise<Buffer> {
  const pdf = createPdf({
    title: `Certificate ${c.code} — ${c.courseTitleEn}`,
    lang: 'en',
    layout: 'landscape',
    margin: 36,
  });
  const { width: W, height: H } = pdf;
  pdf.rect(18, 18, W - 36, H - 36, { stroke: ACCENT, lineWidth: 3 });
  pdf.rect(26, 26, W - 52, H - 52, { stroke: ACCENT, lineWidth: 0.8 });
  const half = (W - 2 * 56) / 2;
  const left = { x: 56, width: half - 16 };
  const right = { x: 56 + half + 16, width: half - 16 };

  pdf.line(ISSUER_NAME, 80, { ...left, size: 12, color: ACCENT, bold: true });
  pdf.line('Certificate of completion', 122, { ...left, size: 26, bold: true });
  let y = pdf.paragraph(`This certifies that ${c.earnerName} completed the course`, 165, {
    ...left,
    size: 13,
  });
  y = pdf.paragraph(c.courseTitleEn, y + 8, { ...left, size: 18, bold: true, lineHeight: 24 });
  y = pdf.paragraph(
    `${c.hours} hours at ${c.centreName}, ${longDate(c.cohortStart, 'en')} – ${longDate(c.cohortEnd, 'en')}.`,
    y + 4,
    { ...left, size: 12 },
  );
  pdf.paragraph(`Completed on ${longDate(c.completedOn, 'en')}.`, y, { ...left, size: 12 });

  pdf.line(URDU_ISSUER, 62, { ...right, size: 13, color: ACCENT, align: 'right' });
  pdf.line('تکمیل کی سند', 140, { ...right, size: 26, align: 'right' });
  // Urdu lines take the renderer's Nastaliq line height (URDU_LINE_HEIGHT): nothing tighter.
  let yu = pdf.paragraph(`تصدیق کی جاتی ہے کہ ${c.earnerName} نے یہ کورس مکمل کیا`, 190, {
    ...right,
    size: 14,
    align: 'right',
  });
  yu = pdf.paragraph(c.courseTitleUr, yu, { ...right, size: 17, align: 'right' });
  yu = pdf.paragraph(`${c.hours} گھنٹے، ${c.centreName}`, yu, {
    ...right,
    size: 13,
    align: 'right',
  });
  pdf.paragraph(`تکمیل کی تاریخ: ${c.completedOn}`, yu, {
    ...right,
    size: 13,
    align: 'right',
  });

  const qrSize = 96;
  pdf.qr(verifyUrl, W / 2 - qrSize / 2, H - 56 - qrSize - 24, qrSize);
  pdf.line(`Certificate ${c.code}`, H - 64, { size: 12, bold: true, align: 'center' });
  pdf.line(`Verify: ${verifyUrl}`, H - 48, { size: 9, align: 'center', color: '#444444' });
  if (c.status === 'revoked') {
    pdf.line('REVOKED', H / 2 + 20, { size: 64, bold: true, align: 'center', color: '#c0392b' });
    pdf.line('منسوخ شدہ', H / 2 + 90, { size: 40, align: 'center', color: '#c0392b' });
  }
  return pdf.finish();
}
