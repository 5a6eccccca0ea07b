import { addStrings } from '../bookings/strings';

// Documents on a loan (the loan page), issue 19.
const en = {
  loans: {
    documents: {
      title: 'Documents',
      none: 'No documents yet.',
      kindLabel: 'Kind of document',
      kind: {
        sanction_letter: 'Sanction letter',
        agreement: 'Loan agreement',
        disbursement_proof: 'Disbursement proof',
        repayment_proof: 'Repayment proof',
        other: 'Other',
      },
      file: 'File',
      fileHint: 'PDF, JPEG or PNG, at most 10 MB.',
      chooseFile: 'Choose a file',
      upload: 'Upload document',
      uploaded: '{{name}} was added.',
      colKind: 'Kind',
      colFile: 'File',
      colSize: 'Size',
      colWhen: 'Added',
      kb: '{{n}} KB',
    },
  },
};

const ur: typeof en = {
  loans: {
    documents: {
      title: 'دستاویزات',
      none: 'ابھی کوئی دستاویز نہیں۔',
      kindLabel: 'دستاویز کی قسم',
      kind: {
        sanction_letter: 'منظوری کا خط',
        agreement: 'قرض کا معاہدہ',
        disbursement_proof: 'اجرا کا ثبوت',
        repayment_proof: 'ادائیگی کا ثبوت',
        other: 'دیگر',
      },
      file: 'فائل',
      fileHint: 'PDF، JPEG یا PNG، زیادہ سے زیادہ 10 MB۔',
      chooseFile: 'فائل منتخب کریں',
      upload: 'دستاویز اپ لوڈ کریں',
      uploaded: '{{name}} شامل ہو گئی۔',
      colKind: 'قسم',
      colFile: 'فائل',
      colSize: 'سائز',
      colWhen: 'کب شامل ہوئی',
      kb: '{{n}} KB',
    },
  },
};

addStrings(en, ur, 'loans.documents.title');
