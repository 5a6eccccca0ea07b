import { useQuery } from '@tanstack/react-query';
import { api, type components, unwrap } from '../../api/client';
import { todayInKarachi } from '../../lib/dates';
import { localeTag, minorToDecimal } from '../../lib/format';
import { useFormat, useUrduDigits } from '../../lib/useFormat';

export type Grant = components['schemas']['FundGrant'];
export type Jv = components['schemas']['FundJv'];

/** Dollars from cents and rupees from paisa, in the reader's language and digits. */
export function useMoney() {
  const fmt = useFormat();
  const urduDigits = useUrduDigits();
  const usd = (cents: number, currency = 'USD') =>
    new Intl.NumberFormat(localeTag(fmt.lang, { urduDigits }), {
      style: 'currency',
      currency,
      minimumFractionDigits: cents % 100 ? 2 : 0,
      maximumFractionDigits: 2,
    }).format(minorToDecimal(cents));
  return {
    ...fmt,
    usd,
    both: (cents: number, paisa: number, currency = 'USD') => `${usd(cents, currency)} · ${fmt.pkr(paisa)}`,
  };
}

/** "1,250.50" typed by a person → cents (or paisa); NaN when it is not an amount. */
export function toMinor(text: string): number {
  const m = /^(\d+)(?:\.(\d{1,2}))?$/.exec(text.trim().replaceAll(',', ''));
  return m ? Number(m[1]) * 100 + Number((m[2] ?? '').padEnd(2, '0')) : Number.NaN;
}

/** Today in Pakistan: the day the server checks payments and dates against. */
export const today = () => todayInKarachi();

/** The cities a startup may be in, for a select. */
export function useCities() {
  return useQuery({
    queryKey: ['cities'],
    queryFn: () => unwrap(api.GET('/api/v1/geo/cities')),
    staleTime: 3_600_000,
  });
}
