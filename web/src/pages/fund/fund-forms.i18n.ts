import { addStrings } from '../bookings/strings';

// The committee's conflict note, the investor registration form and the application's investor
// rows (decision 0082), in both languages; merged into the fund's strings.
const en = {
  fund: {
    declaration: {
      note: 'What is the conflict?',
      noteHint: 'Required to declare a conflict; you are then recused from this application.',
    },
    investorForm: {
      title: 'Register an investor',
      intro:
        'An investor must be registered before a round can name them. Staff verify the registration before a grant is decided; until then it shows as awaiting verification.',
      name: 'Investor’s name',
      jurisdiction: 'Country of registration (two letters, e.g. US; PK is local)',
      registrationNo: 'Registration number',
      evidence: 'Registration evidence (registry link or document reference)',
      contactEmail: 'Contact email',
      submit: 'Register the investor',
      done: '{{name}} is registered and awaits verification by staff.',
    },
    rows: {
      title: 'Investors in this round',
      investor: 'Investor',
      amount: 'Amount ({{currency}})',
      lead: 'Lead investor',
      add: 'Add an investor',
      remove: 'Remove',
      row: 'Investor {{n}}',
    },
  },
};

const ur = {
  fund: {
    declaration: {
      note: 'ٹکراؤ کیا ہے؟',
      noteHint: 'ٹکراؤ کا اعلان کرنے کے لیے لازمی؛ اس کے بعد آپ اس درخواست سے الگ ہو جائیں گے۔',
    },
    investorForm: {
      title: 'سرمایہ کار رجسٹر کریں',
      intro:
        'کسی راؤنڈ میں سرمایہ کار کا نام دینے سے پہلے اس کا رجسٹر ہونا ضروری ہے۔ گرانٹ کے فیصلے سے پہلے عملہ رجسٹریشن کی تصدیق کرتا ہے؛ تب تک یہ تصدیق کا منتظر دکھائی دیتا ہے۔',
      name: 'سرمایہ کار کا نام',
      jurisdiction: 'رجسٹریشن کا ملک (دو حروف، مثلاً US؛ PK مقامی ہے)',
      registrationNo: 'رجسٹریشن نمبر',
      evidence: 'رجسٹریشن کا ثبوت (رجسٹری کا لنک یا دستاویز کا حوالہ)',
      contactEmail: 'رابطے کی ای میل',
      submit: 'سرمایہ کار رجسٹر کریں',
      done: '{{name}} رجسٹر ہو گیا ہے اور عملے کی تصدیق کا منتظر ہے۔',
    },
    rows: {
      title: 'اس راؤنڈ کے سرمایہ کار',
      investor: 'سرمایہ کار',
      amount: 'رقم ({{currency}})',
      lead: 'مرکزی سرمایہ کار',
      add: 'سرمایہ کار شامل کریں',
      remove: 'ہٹائیں',
      row: 'سرمایہ کار {{n}}',
    },
  },
};

addStrings(en, ur, 'fund.investorForm.title');
