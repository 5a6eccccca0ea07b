// English strings of the citizen's pages (help, privacy, terms, calculator, pre-check).
export const en = {
  cz: {
    links: {
      faq: 'Help and FAQ',
      privacy: 'Privacy',
      terms: 'Terms',
      calculator: 'Loan calculator',
      check: 'Can I apply?',
    },
    faq: {
      title: 'Help and frequently asked questions',
      intro: 'Short answers for freelancers, building owners and anyone following the programme.',
      items: [
        {
          q: 'What is an e-working centre?',
          a: 'A shared workspace for freelancers with fast internet and backup power, set up by a private building owner with an interest-free loan. You book a desk by the hour, the day or the month.',
        },
        {
          q: 'How do I book a seat?',
          a: 'Register with your CNIC and mobile number (we send an SMS code), find a centre near you, pick a day and time and book. Show the QR code at the desk when you arrive.',
        },
        {
          q: 'Can I change or cancel a booking?',
          a: 'Yes, in My bookings, until it starts. Changing the time keeps your seat if it is free; if no seat is free then, nothing changes and nearby free times are offered. Cancelling late (inside the centre’s window) is counted as late.',
        },
        {
          q: 'What does a seat cost?',
          a: 'Each centre sets its own prices per hour, day pass and month; they are on the centre’s page. The programme’s aim is a desk well below market rent.',
        },
        {
          q: 'I own a building. Can I open a centre?',
          a: 'When a call for buildings is open in your province, you can apply with your building’s details. If your building is selected, a partner bank lends you up to Rs 10 million and the programme pays the bank’s markup: you repay the principal only. Try the loan calculator and “Can I apply?” first.',
        },
        {
          q: 'Who pays the markup?',
          a: 'The programme pays the bank’s markup (a benchmark such as KIBOR plus the bank’s spread) on the outstanding principal while the loan is performing. The owner pays 0%.',
        },
        {
          q: 'Where do the public figures come from?',
          a: 'From the same database the programme runs on, recomputed regularly. Each figure has a definition and an “as of” time, and each day’s figures are chained and signed so anyone can check they were not changed later.',
        },
        {
          q: 'How do I complain or ask for a correction?',
          a: 'Write to the programme’s helpline by email or post (details on the Terms page), giving your registered mobile number and the booking or application concerned, or use the online complaints form: it gives you a reference number to follow your complaint.',
          link: { to: '/complaints', label: 'Make a complaint online' },
        },
      ],
    },
    privacy: {
      title: 'Privacy notice',
      linksH: 'Use your rights',
      links: [
        { to: '/me/data', label: 'Download my data, or close my account' },
        { to: '/me/corrections', label: 'Ask to correct my data' },
        { to: '/me/data-access', label: 'See who looked at my data' },
      ],
      intro:
        'What Markaz keeps about you, why, for how long, who can see it, and how you use your rights. It describes what the system actually stores today.',
      sections: [
        {
          h: 'What we keep',
          p: [
            'Your account: name, email, mobile number, CNIC, preferred language, and your password only as a one-way scrypt hash. When you confirmed your mobile or email.',
            'Sign-ins: a session record with the address (IP) and browser it came from, and failed attempts, to stop others guessing your password.',
            'Freelancers: your profile (skills, platforms, home city, portfolio link), bookings and check-ins, the USD earnings you declare, and — only if you give consent — monthly totals a partner bank reports for one account.',
            'Building owners: your applications, their documents and photos, declarations, scores and decisions, and your loan, its schedule and repayments.',
            'Every change: an audit entry saying who changed what and when. Notices we send you by email or SMS, and a copy in your inbox.',
          ],
        },
        {
          h: 'Why',
          p: [
            'To run the programme: to book seats without double-booking, to select buildings fairly, to pay the banks’ markup and check their claims, and to tell you about your bookings and applications.',
            'To show the public how the programme is doing, with figures that never name a person: small groups are withheld.',
          ],
        },
        {
          h: 'How long',
          p: [
            'Your account and its history are kept while the programme runs, or until you close it, so that bookings, loans and payments can be checked later. Audit entries are kept for good and cannot be removed: that is what makes them trustworthy.',
            'Some records are kept only for a set period, and a nightly job deletes what is older: one-time codes and links (30 days after they expire), registrations never confirmed (7 days), copies of messages in the outbox (30 days), notices already sent (1 year), answered correction requests (2 years), and the record of who looked at your data (6 years). Staff can change these periods; each change is on the audit record.',
          ],
        },
        {
          h: 'Who can see it',
          p: [
            'You see everything about yourself in your profile, bookings, earnings and applications.',
            'A centre’s owner sees the name and mobile of people who booked at that centre, to greet them and to pay back refunds. Evaluators see the applications assigned to them, unless they declared a conflict. A partner bank sees the loans it made and the earnings reports you allowed it to send. Programme staff and auditors can read records to run and check the programme; looking at freelancers’ earnings needs a recorded purpose.',
            'The public sees only totals and the centres themselves (never an owner or a freelancer).',
          ],
        },
        {
          h: 'Your rights',
          p: [
            'A copy of your data: on My data (from your profile), download everything Markaz holds about you as JSON, or as a PDF to read, in English or Urdu. Each download is recorded.',
            'Correct it: change your language, email and mobile in your profile (a new mobile or email is confirmed first). For your name, CNIC, date of birth, district or home city, ask for a correction with a reason and any evidence; staff check it, and you are told whether it was approved and why.',
            'See who looked: every time someone at the programme or a bank looks at your personal data, it is recorded with their reason, and you can see the list.',
            'Close your account: on My data. Your name, CNIC, mobile, email, profile and preferences are erased and every sign-in ends; records the law and audit require (loans, payments, the audit log) stay under a number that no longer names you. An open loan must be repaid or closed first; if a payment to you is pending, staff look before closing.',
            'Withdraw a bank’s permission to report your earnings at any time in My earnings evidence.',
          ],
        },
      ],
    },
    terms: {
      title: 'Terms of use',
      intro: 'The rules of using Markaz, in plain words.',
      sections: [
        {
          h: 'Your account',
          p: [
            'One account per person, in your own name, with your own CNIC and mobile. Keep your password to yourself; we will never ask for it.',
          ],
        },
        {
          h: 'Bookings',
          p: [
            'Book only seats you will use. A booking you do not check in to may be released for others. Pay the centre its published price; refunds for closures are owed by the centre and shown in My bookings.',
          ],
        },
        {
          h: 'What you tell us',
          p: [
            'Applications, declarations and earnings must be true. False statements can lead to an application being refused, a subsidy clawed back or a certificate revoked, each with its reason recorded.',
          ],
        },
        {
          h: 'Contact',
          p: [
            'Programme helpline: helpline@markaz.pk. Post: Markaz e-Working Centres Programme, Islamabad. This is the demonstration system; addresses are placeholders until the programme publishes its own.',
          ],
        },
      ],
    },
    calc: {
      title: 'Loan calculator for building owners',
      intro:
        'See what you would repay and what the programme would pay your bank. You repay the principal only; the programme pays the markup.',
      amount: 'Loan amount (Rs)',
      amountHint: 'Up to Rs 10,000,000 (1 crore), the programme’s limit',
      tenor: 'Tenor (months)',
      tenorHint: 'The programme’s tenor is 24 months',
      grace: 'Grace on principal (months)',
      graceHint: 'Months with nothing to repay, inside the tenor',
      go: 'Calculate',
      youRepay: 'You repay',
      monthly: 'Monthly instalment',
      months: 'Instalments',
      first: 'First instalment',
      markup: 'Markup the programme pays, by bank',
      bank: 'Bank',
      rate: 'Rate today',
      pays: 'Programme pays',
      estimate: 'An estimate at today’s rates: banks’ rates reset during a loan. Nothing is stored.',
      noBanks: 'No partner bank has terms in force yet.',
      schedule: 'Repayment schedule',
      number: 'No.',
      due: 'Due',
      principal: 'Principal',
      apply: 'See open calls for buildings',
    },
    check: {
      title: 'Can I apply?',
      intro: 'A quick check before you register or apply. Nothing you tick here is sent or stored.',
      who: 'I am',
      owner: 'a building owner',
      freelancer: 'a freelancer',
      yes: 'Yes',
      no: 'No',
      result: 'Result',
      ok: 'You meet the basic conditions.',
      notYet: 'Not yet:',
      ownerQ: {
        pakistan: 'The building is in Pakistan and I own it or can show the right to use it.',
        internet: 'It can have internet of at least 20 Mbps and backup power that lasts at least an hour.',
        loan: 'The loan I need is Rs 10 million or less.',
      },
      ownerWhy: {
        pakistan: 'Only buildings in Pakistan, owned or lawfully held by the applicant, are accepted.',
        internet:
          'Before a centre opens, an inspector measures its internet speed and tests its backup power against these minimums.',
        loan: 'Loans are up to Rs 10 million; larger projects need other funding for the rest.',
      },
      ownerNext: 'Next: read the open calls, try the loan calculator, then register as an owner.',
      freelancerQ: {
        cnic: 'I have a CNIC (or NICOP).',
        mobile: 'I have a Pakistani mobile number that receives SMS.',
        work: 'I work online (freelancing, remote work or a startup).',
      },
      freelancerWhy: {
        cnic: 'Accounts are one per person, identified by CNIC.',
        mobile: 'Registration is confirmed by an SMS code; booking notices come by SMS.',
        work: 'Centres are workplaces for online work: freelancing, remote jobs and startups.',
      },
      freelancerNext: 'Next: register, then find a centre near you.',
      calls: 'Open calls',
      register: 'Register',
      find: 'Find a centre',
    },
  },
};
