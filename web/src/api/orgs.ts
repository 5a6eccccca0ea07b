import { useQuery } from '@tanstack/react-query';
import { api, type components, unwrap } from './client';

export type Organization = components['schemas']['Organization'];
export type OrgKind = Organization['kind'];
export const ORG_KINDS: readonly OrgKind[] = ['bank', 'owner_company', 'government', 'committee', 'other'];

export function useOrganizations(kind?: OrgKind) {
  return useQuery({
    queryKey: ['organizations', kind ?? 'all'],
    queryFn: () => unwrap(api.GET('/api/v1/organizations', { params: { query: kind ? { kind } : {} } })),
  });
}
