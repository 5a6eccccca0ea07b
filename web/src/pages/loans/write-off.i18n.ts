import { addStrings } from '../bookings/strings';

// Strings for written-off loans (recoveries, undoing a write-off) and restated benchmark fixings (issue 19).
const en = {
  loans: {
    actions: { kind: { write_off_reversal: 'Undo write-off' } },
    writtenOff: {
      title: 'Written off',
      intro:
        'Money recovered is recorded against the write-off; a write-off made in error is undone with the programme’s approval.',
      recoveries: 'Recoveries',
      none: 'Nothing recovered so far.',
      line: '{{amount}} on {{date}} ({{reference}})',
      recoverTitle: 'Record a recovery',
      amount: 'Amount recovered (Rs)',
      recoveredOn: 'Recovered on',
      reference: 'Bank reference',
      recoverSend: 'Record it',
      recovered: 'Recorded.',
      undoTitle: 'Undo the write-off',
      undoHint:
        'Only for a write-off made in error: the programme decides, then the principal, the schedule and the subsidy come back.',
      reason: 'Why was it wrong?',
      reasonHint: 'At least 5 characters.',
      undoSend: 'Ask the programme',
      asked: 'Asked. The programme decides in its queue.',
      pending: 'Waiting for the programme: undo asked on {{date}}.',
      badAmount: 'Enter an amount in rupees, e.g. 25000',
    },
    restatements: {
      title: 'Restate a published fixing',
      intro:
        'When a benchmark fixing is corrected after the fact, every loan priced on it is recomputed from its date; the differences go on each bank’s next claim as adjustments.',
      rate: 'Fixing',
      choose: 'Choose…',
      rateBps: 'Corrected rate (basis points)',
      rateHint: '12.50% is 1250',
      reason: 'Why was it restated?',
      send: 'Restate and recompute',
      done: 'Restated: {{loans}} loans recomputed, {{amount}} adjusted.',
      list: 'Restatements',
      none: 'No fixing restated so far.',
      line: '{{benchmark}} from {{from}}: {{before}} → {{after}} bps, {{loans}} loans, {{amount}} ({{reason}})',
    },
  },
};

const ur = {
  loans: {
    actions: { kind: { write_off_reversal: 'رائٹ آف کی واپسی' } },
    writtenOff: {
      title: 'رائٹ آف شدہ',
      intro:
        'وصول شدہ رقم رائٹ آف کے مقابل درج کی جاتی ہے؛ غلطی سے کیا گیا رائٹ آف پروگرام کی منظوری سے واپس ہوتا ہے۔',
      recoveries: 'وصولیاں',
      none: 'اب تک کچھ وصول نہیں ہوا۔',
      line: '{{amount}}، {{date}} ({{reference}})',
      recoverTitle: 'وصولی درج کریں',
      amount: 'وصول شدہ رقم (روپے)',
      recoveredOn: 'وصولی کی تاریخ',
      reference: 'بینک حوالہ',
      recoverSend: 'درج کریں',
      recovered: 'درج ہو گئی۔',
      undoTitle: 'رائٹ آف واپس لیں',
      undoHint:
        'صرف غلطی سے کیے گئے رائٹ آف کے لیے: پروگرام فیصلہ کرتا ہے، پھر اصل رقم، شیڈول اور سبسڈی بحال ہو جاتے ہیں۔',
      reason: 'یہ غلط کیوں تھا؟',
      reasonHint: 'کم از کم ۵ حروف۔',
      undoSend: 'پروگرام سے درخواست کریں',
      asked: 'درخواست ہو گئی۔ پروگرام اپنی فہرست میں فیصلہ کرے گا۔',
      pending: 'پروگرام کے فیصلے کا انتظار: واپسی کی درخواست {{date}} کو کی گئی۔',
      badAmount: 'رقم روپوں میں لکھیں، مثلاً 25000',
    },
    restatements: {
      title: 'شائع شدہ شرح کی درستی',
      intro:
        'جب کسی بینچ مارک شرح کو بعد میں درست کیا جائے تو اس پر مبنی ہر قرض کی سبسڈی اس تاریخ سے دوبارہ حساب ہوتی ہے؛ فرق ہر بینک کے اگلے کلیم میں ایڈجسٹمنٹ بن کر جاتا ہے۔',
      rate: 'شرح',
      choose: 'منتخب کریں…',
      rateBps: 'درست شرح (بیسس پوائنٹس)',
      rateHint: '12.50% یعنی 1250',
      reason: 'درستی کیوں کی گئی؟',
      send: 'درست کریں اور دوبارہ حساب کریں',
      done: 'درست ہو گئی: {{loans}} قرضوں کا دوبارہ حساب، {{amount}} کی ایڈجسٹمنٹ۔',
      list: 'درستیاں',
      none: 'اب تک کوئی شرح درست نہیں کی گئی۔',
      line: '{{benchmark}}، {{from}} سے: {{before}} ← {{after}} بیسس پوائنٹس، {{loans}} قرض، {{amount}} ({{reason}})',
    },
  },
};

addStrings(en, ur, 'loans.writtenOff.title');
