import { z } from 'zod';

export const ProvinceSchema = z
  .object({
    code: z.string().describe('PB, SD, KP, ICT, BA, AJK, GB'),
    nameEn: z.string(),
    nameUr: z.string(),
    kind: z.enum(['province', 'territory']),
    latitude: z.number(),
    longitude: z.number(),
    cityCount: z.number().int(),
    districtCount: z.number().int(),
  })
  .meta({ id: 'Province' });
export type Province = z.infer<typeof ProvinceSchema>;

export const DistrictSchema = z
  .object({
    id: z.number().int(),
    provinceCode: z.string(),
    nameEn: z.string(),
    nameUr: z.string().nullable(),
  })
  .meta({ id: 'District' });
export type District = z.infer<typeof DistrictSchema>;

export const CitySchema = z
  .object({
    id: z.number().int(),
    provinceCode: z.string(),
    districtId: z.number().int().nullable(),
    nameEn: z.string(),
    nameUr: z.string().nullable(),
    latitude: z.number(),
    longitude: z.number(),
  })
  .meta({ id: 'City' });
export type City = z.infer<typeof CitySchema>;

export const CityQuerySchema = z.object({
  province: z.string().max(8).optional(),
  q: z.string().trim().max(60).optional().describe('Name starts with or contains'),
  limit: z.coerce.number().int().min(1).max(500).default(500),
});

export const PointQuerySchema = z.object({
  lat: z.coerce.number().min(-90).max(90),
  lng: z.coerce.number().min(-180).max(180),
});

export const PointInfoSchema = z
  .object({
    inPakistan: z.boolean(),
    nearestCity: CitySchema.nullable(),
    distanceKm: z.number().nullable(),
  })
  .meta({ id: 'PointInfo' });
