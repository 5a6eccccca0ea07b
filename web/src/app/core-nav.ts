import type { Role } from '../api/client';
import { AREAS } from './all-areas';
import type { NavItem } from './areas';
import { CAN } from './roles';

/** The shell's own staff tools, listed on the Administration page beside the areas' ones. */
export const CORE_ADMIN_NAV: NavItem[] = [
  {
    to: '/admin/users',
    en: 'Users',
    ur: 'صارفین',
    group: 'admin',
    show: (r) => r !== null && CAN.listUsers(r),
    hint: {
      en: 'Staff, bank and evaluator accounts; create, lock and unlock',
      ur: 'عملے، بینک اور جانچ کاروں کے اکاؤنٹ',
    },
  },
  {
    to: '/admin/organizations',
    en: 'Organisations',
    ur: 'ادارے',
    group: 'admin',
    show: (r) => r !== null && CAN.manageAccounts(r),
    hint: { en: 'Partner banks and other organisations', ur: 'شراکت دار بینک اور دوسرے ادارے' },
  },
  {
    to: '/admin/api-keys',
    en: 'API keys',
    ur: 'API کلیدیں',
    group: 'admin',
    show: (r) => r !== null && CAN.manageAccounts(r),
    hint: { en: 'Keys for banks’ systems to call Markaz', ur: 'بینکوں کے نظاموں کے لیے کلیدیں' },
  },
  {
    to: '/audit',
    en: 'Audit log',
    ur: 'آڈٹ لاگ',
    group: 'admin',
    show: (r) => r !== null && CAN.readAudit(r),
    hint: {
      en: 'Every change, hash-chained and signed; verify the chain',
      ur: 'ہر تبدیلی کا ریکارڈ، زنجیر کی تصدیق',
    },
  },
];

/** The staff tools a role may use, in menu order: the shell's, then each area's. */
export function adminItems(role: Role | null): NavItem[] {
  return [...CORE_ADMIN_NAV, ...AREAS.flatMap((a) => a.nav)].filter(
    (item) => item.group === 'admin' && item.show(role),
  );
}
