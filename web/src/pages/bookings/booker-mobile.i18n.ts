import i18n from '../../i18n';

// The front desk's "Show number": bookers' mobiles are masked on the centre's lists; opening one
// is recorded on the booker's "who looked at my data" page with the reason.
const en = {
  bkMobile: {
    show: 'Show number',
    // The visible words first, so the accessible name contains them (WCAG 2.5.3, label in name).
    showFor: 'Show number: {{name}}',
    recorded: 'Recorded on {{name}}’s record as “{{purpose}}”.',
    none: 'No mobile number',
  },
};

const ur: typeof en = {
  bkMobile: {
    show: 'نمبر دکھائیں',
    showFor: 'نمبر دکھائیں: {{name}}',
    recorded: '{{name}} کے ریکارڈ میں بطور “{{purpose}}” درج ہوگا۔',
    none: 'موبائل نمبر نہیں',
  },
};

i18n.addResourceBundle('en', 'translation', en, true, true);
i18n.addResourceBundle('ur', 'translation', ur, true, true);
