import { earningsEvidenceOpenData } from '../remittances/index.ts';
import { dataset } from './open-data.dataset.ts';

const required = { required: true } as const;

/** Export earnings by evidence: declared and bank-attested never added together (issue 23). */
export const EARNINGS_DATASET = dataset({
  name: 'earnings-by-evidence',
  title: 'Freelancers’ export earnings by evidence',
  description:
    'US dollars earned by freelancers per month, for the country (PK) and each province, in two rows: what freelancers declared themselves, and what partner banks attested as IT-export proceeds with the freelancer’s consent. The two are never added together. Cells over fewer than 3 freelancers are empty.',
  source: earningsEvidenceOpenData,
  primaryKey: ['month', 'area', 'evidence'],
  fields: [
    {
      name: 'month',
      type: 'yearmonth',
      description: 'Calendar month (Asia/Karachi)',
      constraints: required,
    },
    {
      name: 'area',
      type: 'string',
      description: 'PK for the country, a province code (see provinces), or not_stated (no home city given)',
      constraints: required,
    },
    {
      name: 'evidence',
      type: 'string',
      description: 'self_declared (the freelancer’s word) or bank_attested (reported by their bank)',
      constraints: { required: true, enum: ['self_declared', 'bank_attested'] },
    },
    {
      name: 'freelancers',
      type: 'integer',
      description: 'Freelancers counted; empty when fewer than 3',
      constraints: { minimum: 3 },
    },
    { name: 'usd_cents', type: 'integer', description: 'US cents; empty when withheld', unit: 'usd_cents' },
  ],
});
