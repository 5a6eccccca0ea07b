import type { Generated } from 'kysely';

export interface ProvincesTable {
  code: string;
  name_en: string;
  name_ur: string;
  kind: 'province' | 'territory';
  latitude: number;
  longitude: number;
  sort_order: number;
}

export interface DistrictsTable {
  id: Generated<number>;
  province_code: string;
  name_en: string;
  name_ur: string | null;
  latitude: number | null;
  longitude: number | null;
}

export interface CitiesTable {
  id: Generated<number>;
  province_code: string;
  district_id: number | null;
  name_en: string;
  name_ur: string | null;
  latitude: number;
  longitude: number;
}

export interface GeoTables {
  provinces: ProvincesTable;
  districts: DistrictsTable;
  cities: CitiesTable;
}

declare module '../../db/database.ts' {
  interface Database extends GeoTables {}
}
