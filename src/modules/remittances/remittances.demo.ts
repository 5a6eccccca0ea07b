import type { Deps } from '../../deps.ts';
import type { Actor } from '../../platform/actor.ts';
import { systemActor } from '../../platform/actor.ts';
import type { DemoLogin } from '../../platform/area.ts';
import type { OrganizationId, UserId } from '../../shared/ids.ts';
import { addDays, karachiDate } from '../../shared/time.ts';
import { declareEarnings, updateFreelancerProfile } from '../freelancers/index.ts';
import { contactsOf, DEMO_PASSWORD, emailIndex, registerUser } from '../identity/index.ts';
import { submitBatch } from './batch.service.ts';
import { CSV_HEADER, csvCell, readBatchCsv } from './batch-lines.ts';
import { giveConsent, revokeConsent } from './consent.service.ts';
import { answerDispute, openDispute } from './disputes.service.ts';
import { holderHash, holderKey } from './holder.ts';
import { explainMonth, window } from './reconcile.service.ts';
import { makeIban } from './remittance-rules.ts';

const person = (id: string, role: 'freelancer' | 'bank_officer', org: string | null = null): Actor => ({
  kind: 'user',
  userId: id as UserId,
  role,
  organizationId: org as OrganizationId | null,
});

const one = async (deps: Deps, table: 'users' | 'organizations', col: 'email' | 'code', v: string) =>
  (await deps.db
    .selectFrom(table as 'users')
    .select(['id'])
    .where(
      col === 'email' ? 'email_bidx' : (col as 'email_bidx'),
      '=',
      col === 'email' ? await emailIndex(deps, v) : v,
    )
    .executeTakeFirstOrThrow()) as { id: string };

/** Six more freelancers in Lahore and Karachi, so the portal's province rows are not all withheld. */
/** What HBL credited Ali in each of the three months, and what stayed in dollars. */
const ALI_USD = [1_050_00, 1_850_00, 1_710_00];
const ALI_KEPT = [367_50, 647_50, 598_50];

const REMITTERS = [
  ['Hamza Iqbal', 'Lahore'],
  ['Sana Tariq', 'Lahore'],
  ['Bilal Ahmed', 'Lahore'],
  ['Ayesha Noor', 'Karachi'],
  ['Fahad Sheikh', 'Karachi'],
  ['Rida Zaidi', 'Karachi'],
] as const;

/**
 * Two banks attest part of the demo freelancers' earnings: HBL from its system, NBP by CSV. One
 * consent is revoked after NBP reported, one freelancer has no consent (declared only), one bank
 * line has no declaration beside it (attested only), and Ali Raza explains a month that differs.
 */
export async function seedRemittancesDemo(deps: Deps): Promise<DemoLogin[]> {
  const now = deps.clock.now();
  const today = karachiDate(now);
  const w = window(now, 3);
  const months = [w.from, addDays(`${w.from}-01`, 31).slice(0, 7), w.to];
  const hbl = await one(deps, 'organizations', 'code', 'HBL');
  const nbp = await one(deps, 'organizations', 'code', 'NBP');
  const hblOfficer = person(
    (await one(deps, 'users', 'email', 'officer@hbl.demo.pk')).id,
    'bank_officer',
    hbl.id,
  );
  const nbpOfficer = person(
    (await one(deps, 'users', 'email', 'officer@nbp.demo.pk')).id,
    'bank_officer',
    nbp.id,
  );
  const ali = (await one(deps, 'users', 'email', 'freelancer1@markaz.pk')).id;
  const mehwish = (await one(deps, 'users', 'email', 'freelancer2@markaz.pk')).id;
  const logins: DemoLogin[] = [];
  const remitters: string[] = [];
  for (const [i, [name, city]] of REMITTERS.entries()) {
    const email = `remitter${i + 1}@markaz.pk`;
    const u = await registerUser(deps, systemActor('demo'), {
      role: 'freelancer',
      name,
      email,
      mobile: `0303888000${i}`,
      cnic: `42201-888000${i}-${i}`,
      password: DEMO_PASSWORD,
    });
    const cityRow = await deps.db
      .selectFrom('cities')
      .select('id')
      .where('name_en', '=', city)
      .executeTakeFirstOrThrow();
    await updateFreelancerProfile(deps, person(u.id, 'freelancer'), {
      skills: ['Web development'],
      platforms: ['upwork'],
      portfolioUrl: null,
      homeCityId: cityRow.id,
      bio: null,
    });
    // The last one declares nothing in the middle month: the bank's line stands alone (attested only).
    for (const [k, month] of months.entries())
      if (!(i === 2 && k === 1))
        await declareEarnings(deps, person(u.id, 'freelancer'), {
          month,
          platform: i % 2 ? 'fiverr' : 'upwork',
          amountMinor: (600 + i * 150 + k * 40) * 100,
        });
    remitters.push(u.id);
    if (i === 0) logins.push({ role: 'freelancer', email, name });
  }
  // Staff have recorded each bank's IBAN code; each bank hashes its holders' CNICs with its key.
  for (const [bank, code] of [
    [hbl, 'HABB'],
    [nbp, 'NBPA'],
  ] as const)
    await deps.db
      .insertInto('remittance_banks')
      .values({ bank_id: bank.id, iban_code: code, updated_at: now })
      .onConflict((oc) => oc.column('bank_id').doNothing())
      .execute();
  const holder = async (who: string, bank: { id: string }) => {
    const u = (await contactsOf(deps, [who])).get(who);
    return holderHash(await holderKey(deps, bank.id), u?.cnic ?? '');
  };
  const accounts = new Map<string, string>();
  const consent = async (
    who: string,
    bank: { id: string },
    letters: string,
    n: number,
    scope: ('counts' | 'prc' | 'retention')[],
  ) => {
    const iban = makeIban(letters, String(4_000_000_000_000_000 + n).slice(-16));
    accounts.set(who, iban);
    return giveConsent(deps, person(who, 'freelancer'), {
      bankId: bank.id,
      iban,
      scope,
      startsOn: `${months[0]}-01`,
      expiresOn: addDays(today, 730),
    });
  };
  await consent(ali, hbl, 'HABB', 1, ['counts', 'prc', 'retention']);
  for (const [i, id] of remitters.slice(0, 3).entries()) await consent(id, hbl, 'HABB', 10 + i, ['counts']);
  const mehwishConsent = await consent(mehwish, nbp, 'NBPA', 2, ['counts']);
  for (const [i, id] of remitters.slice(3, 5).entries())
    await consent(id, nbp, 'NBPA', 20 + i, ['counts', 'retention']);

  // HBL's system: Ali's Upwork and Fiverr money arrive together, less the platforms' fees; the
  // first month is well below what he declared (a payment that reached him the month after).
  const aliHolder = await holder(ali, hbl);
  const hblHolders = await Promise.all(remitters.slice(0, 3).map((id) => holder(id, hbl)));
  const nbpHolders = new Map<string, string>();
  for (const id of [mehwish, ...remitters.slice(3, 5)]) nbpHolders.set(id, await holder(id, nbp));
  const hblLines = months.flatMap((month, k) => [
    {
      row: k * 10,
      month,
      iban: accounts.get(ali)!,
      purposeCode: '9184',
      usd: ALI_USD[k]! as number | string,
      remittances: k + 2,
      retainedUsd: ALI_KEPT[k]! as number | string,
      convertedUsd: (ALI_USD[k]! - ALI_KEPT[k]!) as number | string,
      prcRef: `HBL-PRC-${month.replace('-', '')}-0${k + 1}` as string | null,
      holderHash: aliHolder,
    },
    ...remitters.slice(0, 3).map((id, i) => ({
      row: k * 10 + i + 1,
      month,
      iban: accounts.get(id)!,
      purposeCode: '9185',
      usd: (585 + i * 150 + k * 40) * 100,
      remittances: 1 + i,
      retainedUsd: null,
      convertedUsd: null,
      prcRef: null,
      holderHash: hblHolders[i]!,
    })),
  ]);
  await submitBatch(deps, hblOfficer, {
    source: 'api',
    candidates: hblLines,
    problems: [],
    cell: (row, column) => `lines.${row}.${column}`,
  });

  // NBP's monthly file, as its back office exports it: a byte-order mark, CRLF, quoted cells.
  const nbpCsv = [
    `\uFEFF${CSV_HEADER}`,
    ...months.flatMap((month, k) => [
      `${month},"${accounts.get(mehwish)!}",9182,${620 + (2 - k) * 40 - 12}.00,${k + 1},,,,${nbpHolders.get(mehwish)}`,
      ...remitters.slice(3, 5).map((id, i) => {
        const usd = 1050 + i * 150 + k * 40 - 20;
        return `${month},${accounts.get(id)!},9184,${usd}.00,2,${(usd * 0.35).toFixed(2)},${(usd - usd * 0.35).toFixed(2)},,${nbpHolders.get(id)}`;
      }),
    ]),
  ].join('\r\n');
  const read = readBatchCsv(nbpCsv);
  await submitBatch(deps, nbpOfficer, {
    source: 'csv',
    fileName: `nbp-it-exports-${months[2]}.csv`,
    ...read,
    cell: csvCell,
  });

  await revokeConsent(deps, person(mehwish, 'freelancer'), mehwishConsent.id, {
    reason: 'Moved my freelance income to another account',
  });
  // Ayesha Noor says NBP's first month missed a payment: her dispute awaits the bank's answer.
  await openDispute(deps, person(remitters[3]!, 'freelancer'), {
    bankId: nbp.id,
    month: months[0]!,
    purposeCode: '9184',
    reason: 'wrong_amount',
    claimedUsdMinor: 1_330_00,
    text: 'A second payment from my Fiverr client arrived on the 28th and is missing here.',
  });
  // Fahad Sheikh (remitter5) says NBP's second month is short; NBP confirms its figure, and he may
  // escalate it to programme staff from his earnings page.
  const short = await openDispute(deps, person(remitters[4]!, 'freelancer'), {
    bankId: nbp.id,
    month: months[1]!,
    purposeCode: '9184',
    reason: 'wrong_amount',
    claimedUsdMinor: 1_400_00,
    text: 'My Payoneer statement shows a further $180 credited to this account.',
  });
  await answerDispute(deps, nbpOfficer, short.id, {
    decision: 'confirm',
    text: 'Only the credits under purpose code 9184 are counted; the $180 came under another code.',
  });
  await explainMonth(deps, person(ali, 'freelancer'), {
    month: months[0]!,
    text: 'A large Upwork payment for this month was released to my bank on the 2nd of the next month.',
  });
  return logins;
}
