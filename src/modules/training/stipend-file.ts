import type { Deps } from '../../deps.ts';
import { type Actor, actorRole, requireRole } from '../../platform/actor.ts';
import { writeCsv } from '../../platform/csv.ts';
import { recordDataAccess } from '../../platform/data-access.ts';
import { piiCipher } from '../../platform/keys/pii.ts';
import { checkMoneyRows, moneyTable } from '../../platform/money-seals.ts';
import { AppError } from '../../shared/errors.ts';
import { maskCnic } from '../../shared/mask.ts';
import { contactsOf } from '../identity/index.ts';
import { trainerIbans } from './trainer-bank.service.ts';

/**
 * The bank payment file for a month's payable stipends (RFC 4180 CSV), one line per payee with
 * their IBAN. It pays what each row's sealed ledger transaction says (the stipend_payable credit),
 * and refuses the whole file when a row no longer matches its seal in the audit log or its ledger
 * transaction (an edit made with the triggers off: decision 0052), naming the centres. A stipend
 * whose trainer has recorded no IBAN is held out of the file and named in `held` (staff and the
 * trainer see it as held on the stipend list), never dropped without a word.
 */
export async function stipendPaymentFile(
  deps: Deps,
  actor: Actor,
  month: string,
): Promise<{ csv: string; held: string[] }> {
  requireRole(actor, 'program_admin', 'auditor');
  const rows = await deps.db
    .selectFrom('training_stipends as s')
    .innerJoin('centers as c', 'c.center_id', 's.center_id')
    .leftJoin('users as u', 'u.id', 's.trainer_id')
    .leftJoin('ledger_entries as e', (j) =>
      j.onRef('e.transaction_id', '=', 's.ledger_transaction_id').on('e.account', '=', 'stipend_payable'),
    )
    .select(['s.center_id', 'c.name_en', 's.trainer_id', 'u.name', 's.amount_minor'])
    .select('e.credit_minor as ledger_minor')
    .where('s.month', '=', `${month}-01`)
    .where('s.status', '=', 'payable')
    .orderBy('u.name')
    .execute();
  const sealed = await checkMoneyRows(
    deps.db,
    moneyTable('training_stipends'),
    rows.map((r) => `${r.center_id}/${month}-01`),
  );
  const bad = new Set(sealed.problems.map((p) => p.key.split('/')[0]));
  for (const r of rows)
    if (r.ledger_minor === null || Number(r.ledger_minor) !== Number(r.amount_minor)) bad.add(r.center_id);
  if (bad.size)
    throw new AppError(
      'conflict',
      `No payment file: the stipends of ${rows
        .filter((r) => bad.has(r.center_id))
        .map((r) => r.name_en)
        .join(
          ', ',
        )} no longer match their seal in the audit log or their ledger transaction; run markaz audit verify`,
    );
  const trainerIds = rows.flatMap((r) => (r.trainer_id ? [r.trainer_id] : []));
  // The bank pays the IBAN and tells the payee by SMS: those two are opened here, for this file only.
  // The CNIC goes masked (issue 22: no CSV export carries a full CNIC), enough for the bank's
  // officer to confirm with the payee at the counter, not enough to use.
  const ibans = await trainerIbans(deps.db, await piiCipher(deps), trainerIds);
  const contacts = await contactsOf(deps, trainerIds);
  const paid = rows.filter((r) => r.trainer_id && ibans.has(r.trainer_id));
  // Every look on the record (decision 0050): each payee's IBAN and mobile opened for the bank.
  for (const r of paid)
    await recordDataAccess(deps.db, deps.clock, actor, {
      subjectUserId: r.trainer_id!,
      fields: ['iban', 'mobile'],
      purpose: actorRole(actor) === 'auditor' ? 'audit' : 'training_administration',
      via: `stipend payment file ${month}`,
    });
  const held = rows
    .filter((r) => !paid.includes(r))
    .map((r) =>
      r.trainer_id
        ? `${r.name_en}: ${r.name} has no bank account (IBAN) recorded`
        : `${r.name_en}: no trainer to pay`,
    );
  const csv = writeCsv(
    ['reference', 'payee_name', 'payee_iban', 'payee_cnic', 'payee_mobile', 'amount_pkr', 'centre', 'month'],
    paid.map((r) => [
      `STIPEND-${month}-${r.center_id.slice(0, 8)}`,
      r.name,
      ibans.get(r.trainer_id!)!,
      maskCnic(contacts.get(r.trainer_id!)?.cnic ?? null) || '',
      contacts.get(r.trainer_id!)?.mobile || '',
      (Number(r.ledger_minor) / 100).toFixed(2),
      r.name_en,
      month,
    ]),
  );
  return { csv, held };
}
