// The accessibility statement in English (the GOV.UK model: standard, how tested, what does not
// work yet, how to report, when reviewed). Say only what is true of the code today.
export const accessEn = {
  cz: {
    access: {
      title: 'Accessibility statement',
      intro:
        'Markaz is run by the e-Working Centres Programme. We want as many people as possible to be able to use it, in English or in Urdu, on a phone or a computer, with a screen reader or with the keyboard alone.',
      reviewed: 'This statement was last reviewed on 7 December 2026.',
      linksH: 'Report a problem',
      links: [{ to: '/complaints', label: 'Tell us about an accessibility problem (complaints)' }],
      sections: [
        {
          h: 'The standard we aim at',
          p: [
            'We aim to meet the Web Content Accessibility Guidelines (WCAG) version 2.2 at level AA. This statement says where we do not meet it yet.',
          ],
        },
        {
          h: 'What you should be able to do',
          p: [
            'Use every page on a screen from 360 pixels wide up, without scrolling sideways.',
            'Move through every page with the keyboard alone: the first Tab stop is a link that skips to the main content, and the element in focus is always outlined.',
            'Read every page in Urdu, right to left, in a Nastaliq font that comes with the site, so it looks the same on phones that have no Urdu font of their own.',
            'Hear each page’s headings, form labels, errors and tables read out by a screen reader. A form error names the field it belongs to.',
            'Use Markaz on a slow mobile connection: a first visit downloads at most 150 KB of compressed code, each public page loads its own small part only when you open it, and photos load only when you scroll to them, as small copies sized for your screen.',
          ],
        },
        {
          h: 'How we test Markaz',
          p: [
            'Each change is checked automatically before it is released. A browser opens every page of the site at 360, 768 and 1280 pixels wide, in English and in Urdu, as each kind of user who may see it. It fails the change if anything scrolls sideways, overlaps or is cut off, or if the axe accessibility checker finds a problem with its WCAG 2.0, 2.1 and 2.2 rules at levels A and AA, including the 2.2 rule that buttons, links and other controls you touch are at least 24 by 24 pixels or spaced apart.',
            'Separate tests check that the skip link comes first and moves focus to the content, that focus is visible, and that every page of the public portal passes axe in both languages.',
            'Automated checks find only part of the problems. A full manual audit by disabled users and assistive-technology specialists has not been done yet; it is planned before the service is opened to the whole country.',
          ],
        },
        {
          h: 'What does not work well yet',
          p: [
            'Maps: the centre map, the provinces map and the map of where seats are missing are pictures with a short description. They cannot be explored with a screen reader or the keyboard. The same information is on each page as a list or a table.',
            'Charts on the public portal are pictures too; a table under each chart gives the same numbers.',
            'PDF documents that Markaz makes (certificates, loan statements, your data export) are not tagged PDFs: a screen reader may read them out of order, and Urdu lines in them may not be read at all. Ask through the complaints channel and we will send the same information in another format.',
            'Documents and photos that people upload (application documents, inspection photos) are not checked for accessibility. Photos shown on a centre’s public page carry a written description in English and Urdu.',
            'Of the criteria that are new in WCAG 2.2, only the size of touch targets is tested automatically. The others (a control in focus not hidden behind something else, help that stays in the same place, not asking twice for what you already entered, signing in without a memory test) cannot be judged by an automatic checker and have not been reviewed by a person yet.',
          ],
        },
        {
          h: 'Reporting a problem',
          p: [
            'If you cannot use part of Markaz, or you need information in another format, tell us through the complaints channel. You do not need an account. Choose “The programme” under “It is about” and describe the page and the problem. You will get a reference number, and staff must answer within 7 days.',
          ],
        },
      ],
    },
  },
};
