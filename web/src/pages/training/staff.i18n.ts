import i18n from '../../i18n';

// Strings of the staff's training forms (eligibility rules, a course's skills) and table headings,
// in both languages; they join the `tr` namespace of training.i18n.ts.
const en = {
  tr: {
    skills: 'Skills taught',
    skillsHint: 'Separate with commas, e.g. React, TypeScript',
    addRule: 'Publish an eligibility rule',
    addRuleLead:
      'Rules are effective-dated: a rule applies to applications made between its dates, and every applicant is told which rule decided.',
    ruleCourse: 'Course',
    everyCourse: 'Every course',
    ruleKind: 'Rule',
    ruleKinds: {
      domicile_province: 'Domicile in these provinces',
      min_age: 'Minimum age',
      max_age: 'Maximum age',
      min_education_years: 'Minimum years of education',
    },
    ruleProvinces: 'Provinces accepted',
    ruleYearsAge: 'Age in years',
    ruleYearsEducation: 'Years of education',
    effectiveFrom: 'In force from',
    effectiveTo: 'In force until',
    effectiveToHint: 'Leave empty to keep it in force',
    publishRule: 'Publish the rule',
    ruleSaved: 'The rule is published.',
    col: { course: 'Course', centre: 'Centre', status: 'Status', trainer: 'Trainer', amount: 'Amount' },
  },
};

const ur: typeof en = {
  tr: {
    skills: 'سکھائی جانے والی مہارتیں',
    skillsHint: 'کوما سے الگ کریں، مثلاً React، TypeScript',
    addRule: 'اہلیت کا قاعدہ شائع کریں',
    addRuleLead:
      'قواعد تاریخ کے ساتھ نافذ ہوتے ہیں: قاعدہ اپنی تاریخوں کے درمیان دی گئی درخواستوں پر لاگو ہوتا ہے، اور ہر درخواست گزار کو بتایا جاتا ہے کہ کس قاعدے نے فیصلہ کیا۔',
    ruleCourse: 'کورس',
    everyCourse: 'ہر کورس',
    ruleKind: 'قاعدہ',
    ruleKinds: {
      domicile_province: 'ان صوبوں کا ڈومیسائل',
      min_age: 'کم از کم عمر',
      max_age: 'زیادہ سے زیادہ عمر',
      min_education_years: 'تعلیم کے کم از کم سال',
    },
    ruleProvinces: 'قبول شدہ صوبے',
    ruleYearsAge: 'عمر (سال)',
    ruleYearsEducation: 'تعلیم کے سال',
    effectiveFrom: 'نافذ از',
    effectiveTo: 'نافذ تا',
    effectiveToHint: 'نافذ رکھنے کے لیے خالی چھوڑیں',
    publishRule: 'قاعدہ شائع کریں',
    ruleSaved: 'قاعدہ شائع ہو گیا۔',
    col: { course: 'کورس', centre: 'مرکز', status: 'کیفیت', trainer: 'ٹرینر', amount: 'رقم' },
  },
};

i18n.addResourceBundle('en', 'translation', en, true, true);
i18n.addResourceBundle('ur', 'translation', ur, true, true);
