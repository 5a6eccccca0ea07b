import { addStrings } from '../bookings/strings';

// Joint-venture lines in US dollars and the staff's list of startups with the reveal of founders'
// CNICs (decision 0075), in both languages; merged into the fund's strings.
const en = {
  fund: {
    usd: {
      column: 'In US dollars',
      at: 'at Rs {{rate}} per US dollar of {{date}}',
      none: 'no US dollar rate entered by then',
      rateOn: '{{rate}} of {{date}}',
    },
    startups: {
      title: 'Startups',
      none: 'No startups registered yet.',
      incorporation: 'Incorporation number',
      founders: 'Founders (CNICs masked)',
      reveal: 'Reveal CNICs',
      revealFor: 'Reveal the CNICs of {{name}}’s founders',
      recorded:
        'Shown in full. This look was recorded on the founder’s record with the reason “{{purpose}}”, and the founder can see it.',
    },
  },
};

const ur = {
  fund: {
    usd: {
      column: 'امریکی ڈالر میں',
      at: '{{date}} کے نرخ پر، ایک ڈالر {{rate}} روپے',
      none: 'اس دن تک ڈالر کا کوئی نرخ درج نہیں تھا',
      rateOn: '{{rate}} ({{date}})',
    },
    startups: {
      title: 'اسٹارٹ اپس',
      none: 'ابھی کوئی اسٹارٹ اپ رجسٹر نہیں ہوا۔',
      incorporation: 'رجسٹریشن نمبر',
      founders: 'بانی (شناختی کارڈ نمبر جزوی طور پر چھپے ہوئے)',
      reveal: 'شناختی کارڈ نمبر دکھائیں',
      revealFor: '{{name}} کے بانیوں کے شناختی کارڈ نمبر دکھائیں',
      recorded:
        'پورا دکھایا گیا۔ یہ دیکھنا بانی کے ریکارڈ میں وجہ «{{purpose}}» کے ساتھ درج ہو گیا ہے، اور بانی اسے دیکھ سکتا ہے۔',
    },
  },
};

addStrings(en, ur, 'fund.startups.title');
