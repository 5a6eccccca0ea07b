import { useQuery } from '@tanstack/react-query';
import { ApiError, api, unwrap } from '../../api/client';
import { type Application, type PROVINCES, paisaToRupees, rupeesToPaisa } from './shared';

export const MAX_UPLOAD_BYTES = 10 * 1024 * 1024;

export type Form = {
  buildingName: string;
  address: string;
  provinceCode: string;
  districtId: string;
  cityId: string;
  latitude: string;
  longitude: string;
  coveredAreaSqft: string;
  hotDesks: string;
  cabins: string;
  meetingRooms: string;
  trainingRooms: string;
  internetMbps: string;
  internetProvider: string;
  fibre: boolean;
  backupKva: string;
  backupHours: string;
  facilities: string;
  readinessDate: string;
  loanRupees: string;
};

export const EMPTY: Form = {
  buildingName: '',
  address: '',
  provinceCode: '',
  districtId: '',
  cityId: '',
  latitude: '',
  longitude: '',
  coveredAreaSqft: '',
  hotDesks: '',
  cabins: '',
  meetingRooms: '',
  trainingRooms: '',
  internetMbps: '',
  internetProvider: '',
  fibre: false,
  backupKva: '',
  backupHours: '',
  facilities: '',
  readinessDate: '',
  loanRupees: '',
};

export const s = (n: number | null | undefined) => (n == null ? '' : String(n));

export function fromApplication(a: Application): Form {
  return {
    buildingName: a.buildingName,
    address: a.address,
    provinceCode: a.provinceCode,
    districtId: s(a.districtId),
    cityId: s(a.cityId),
    latitude: s(a.latitude),
    longitude: s(a.longitude),
    coveredAreaSqft: s(a.coveredAreaSqft),
    hotDesks: s(a.hotDesks),
    cabins: s(a.cabins),
    meetingRooms: s(a.meetingRooms),
    trainingRooms: s(a.trainingRooms),
    internetMbps: s(a.internetMbps),
    internetProvider: a.internetProvider ?? '',
    fibre: a.fibre ?? false,
    backupKva: s(a.backupKva),
    backupHours: s(a.backupHours),
    facilities: a.facilities.join(', '),
    readinessDate: a.readinessDate ?? '',
    loanRupees: paisaToRupees(a.loanRequestedMinor),
  };
}

class LocalInvalid extends ApiError {}

/** The body for the API: empty inputs are left out; numbers are sent as numbers. */
export function toBody(f: Form) {
  const int = (v: string) => (v.trim() === '' ? undefined : Number(v.trim()));
  const num = (v: string) => (v.trim() === '' ? undefined : Number(v.trim()));
  let loan: number | undefined;
  if (f.loanRupees.trim() !== '') {
    const p = rupeesToPaisa(f.loanRupees);
    if (p === null)
      throw new LocalInvalid(400, {
        code: 'validation_failed',
        detail: 'loan',
        fields: [{ path: 'loanRequestedMinor', message: 'must be an amount in rupees, e.g. 2500000' }],
      });
    loan = p;
  }
  return {
    buildingName: f.buildingName,
    address: f.address,
    provinceCode: f.provinceCode as (typeof PROVINCES)[number],
    districtId: f.districtId ? Number(f.districtId) : null,
    cityId: int(f.cityId),
    latitude: num(f.latitude),
    longitude: num(f.longitude),
    coveredAreaSqft: int(f.coveredAreaSqft),
    hotDesks: int(f.hotDesks),
    cabins: int(f.cabins),
    meetingRooms: int(f.meetingRooms),
    trainingRooms: int(f.trainingRooms),
    internetMbps: int(f.internetMbps),
    internetProvider: f.internetProvider.trim() || null,
    fibre: f.fibre,
    backupKva: int(f.backupKva),
    backupHours: int(f.backupHours),
    facilities: f.facilities
      .split(/[,،\n]/)
      .map((x) => x.trim())
      .filter(Boolean),
    readinessDate: f.readinessDate || undefined,
    loanRequestedMinor: loan,
  };
}

export function useGeo(provinceCode: string) {
  const provinces = useQuery({
    queryKey: ['geo', 'provinces'],
    queryFn: () => unwrap(api.GET('/api/v1/geo/provinces')),
    staleTime: Number.POSITIVE_INFINITY,
  });
  const districts = useQuery({
    queryKey: ['geo', 'districts', provinceCode],
    enabled: provinceCode !== '',
    queryFn: () =>
      unwrap(api.GET('/api/v1/geo/provinces/{code}/districts', { params: { path: { code: provinceCode } } })),
    staleTime: Number.POSITIVE_INFINITY,
  });
  const cities = useQuery({
    queryKey: ['geo', 'cities', provinceCode],
    enabled: provinceCode !== '',
    queryFn: () => unwrap(api.GET('/api/v1/geo/cities', { params: { query: { province: provinceCode } } })),
    staleTime: Number.POSITIVE_INFINITY,
  });
  return { provinces, districts, cities };
}

/** Fills the form's point from the device's location (where the browser allows it). */
export function locateInto(
  setForm: (f: (prev: Form) => Form) => void,
  setGeoMsg: (m: string | null) => void,
  t: (key: string) => string,
): void {
  if (!('geolocation' in navigator)) {
    setGeoMsg(t('geoUnavailable'));
    return;
  }
  setGeoMsg(t('geoLocating'));
  navigator.geolocation.getCurrentPosition(
    (p) => {
      setForm((f) => ({
        ...f,
        latitude: p.coords.latitude.toFixed(6),
        longitude: p.coords.longitude.toFixed(6),
      }));
      setGeoMsg(null);
    },
    () => setGeoMsg(t('geoDenied')),
    { enableHighAccuracy: true, timeout: 15_000 },
  );
}
