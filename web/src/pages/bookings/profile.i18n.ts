import i18n from '../../i18n';

// The freelancer profile's optional gender question, in both languages (joins `bk.prof`).
const en = {
  bk: {
    prof: {
      gender: 'Gender (optional)',
      genderHint:
        'Used only in the programme’s totals (for example the share of women trained), never shown with your name; small groups are withheld.',
      genders: { woman: 'Woman', man: 'Man', other: 'Other', prefer_not_to_say: 'Prefer not to say' },
    },
  },
};

const ur: typeof en = {
  bk: {
    prof: {
      gender: 'صنف (اختیاری)',
      genderHint:
        'صرف پروگرام کے مجموعی اعداد میں استعمال ہوتی ہے (مثلاً تربیت پانے والی خواتین کا تناسب)، کبھی آپ کے نام کے ساتھ نہیں دکھائی جاتی؛ چھوٹے گروپ ظاہر نہیں کیے جاتے۔',
      genders: { woman: 'خاتون', man: 'مرد', other: 'دیگر', prefer_not_to_say: 'بتانا نہیں چاہتے' },
    },
  },
};

i18n.addResourceBundle('en', 'translation', en, true, true);
i18n.addResourceBundle('ur', 'translation', ur, true, true);
