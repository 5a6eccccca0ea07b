import { addStrings } from '../bookings/strings';

// Classifying a loan as loss from a date (the programme's admin), on the loan page.
// Kept apart from loans.i18n.ts so parallel work on the loan pages merges cleanly.
const en = {
  loans: {
    loss: {
      title: 'Classify as loss',
      intro:
        'When the bank reports that the borrower has defaulted, classify the loan as loss from the day the default began.',
      already:
        'This loan is classified loss from {{date}}. If the default began earlier, you may move the date earlier.',
      effectiveOn: 'Loss from',
      effectiveHint: 'On or before today, and after the first disbursement ({{date}}).',
      effectiveHintEarlier: 'After the first disbursement ({{date}}) and before {{current}}.',
      reason: 'Reason',
      reasonHint: 'At least 5 characters, e.g. what the bank reported and when. Recorded in the audit log.',
      review: 'Classify as loss…',
      confirmTitle: 'Classify this loan as loss from {{date}}?',
      consequence:
        'Subsidy stops from {{date}}: Markaz accrues none for that day or after. Any subsidy already approved or paid to {{bank}} for those days becomes a clawback, deducted from the bank’s next claim.',
      confirm: 'Yes, classify as loss',
      back: 'Go back',
      doneNone: 'Classified loss from {{date}}. No approved subsidy had to be clawed back.',
      done_one: 'Classified loss from {{date}}. {{count}} clawback was raised against the bank’s next claim.',
      done_other:
        'Classified loss from {{date}}. {{count}} clawbacks were raised against the bank’s next claim.',
      bad: {
        date: 'Choose a date',
        future: 'Must not be after today',
        beforeDisbursement: 'Must be after the first disbursement ({{date}})',
        notEarlier: 'Must be before the present loss date ({{date}})',
        reason: 'Write at least 5 characters',
      },
    },
  },
};

const ur: typeof en = {
  loans: {
    loss: {
      title: 'نقصان قرار دیں',
      intro:
        'جب بینک اطلاع دے کہ قرض دار نادہندہ ہو گیا ہے، تو قرضے کو اس دن سے نقصان قرار دیں جس دن نادہندگی شروع ہوئی۔',
      already:
        'یہ قرضہ {{date}} سے نقصان قرار دیا جا چکا ہے۔ اگر نادہندگی اس سے پہلے شروع ہوئی تو آپ تاریخ پہلے کر سکتے ہیں۔',
      effectiveOn: 'نقصان کس تاریخ سے',
      effectiveHint: 'آج یا اس سے پہلے، اور قرضے کے پہلے اجرا ({{date}}) کے بعد۔',
      effectiveHintEarlier: 'قرضے کے پہلے اجرا ({{date}}) کے بعد اور {{current}} سے پہلے۔',
      reason: 'وجہ',
      reasonHint: 'کم از کم 5 حروف، مثلاً بینک نے کیا اور کب اطلاع دی۔ آڈٹ لاگ میں درج ہوتی ہے۔',
      review: 'نقصان قرار دیں…',
      confirmTitle: 'کیا اس قرضے کو {{date}} سے نقصان قرار دیا جائے؟',
      consequence:
        '{{date}} سے سبسڈی رک جائے گی: اس دن اور بعد کی کوئی سبسڈی واجب نہیں ہو گی۔ ان دنوں کی جو سبسڈی {{bank}} کو پہلے ہی منظور یا ادا ہو چکی ہے وہ واپسی بن جائے گی اور بینک کے اگلے دعوے سے منہا ہو گی۔',
      confirm: 'ہاں، نقصان قرار دیں',
      back: 'واپس جائیں',
      doneNone: '{{date}} سے نقصان قرار دے دیا گیا۔ کوئی منظور شدہ سبسڈی واپس نہیں لینی پڑی۔',
      done_one: '{{date}} سے نقصان قرار دے دیا گیا۔ بینک کے اگلے دعوے پر {{count}} واپسی درج ہوئی۔',
      done_other: '{{date}} سے نقصان قرار دے دیا گیا۔ بینک کے اگلے دعوے پر {{count}} واپسیاں درج ہوئیں۔',
      bad: {
        date: 'تاریخ منتخب کریں',
        future: 'آج کے بعد کی تاریخ نہیں ہو سکتی',
        beforeDisbursement: 'قرضے کے پہلے اجرا ({{date}}) کے بعد کی تاریخ ہونی چاہیے',
        notEarlier: 'موجودہ تاریخِ نقصان ({{date}}) سے پہلے کی ہونی چاہیے',
        reason: 'کم از کم 5 حروف لکھیں',
      },
    },
  },
};

addStrings(en, ur, 'loans.loss.title');
