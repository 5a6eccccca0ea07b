import { z } from 'zod';
import { appealResolutionFields, appealTextField } from '../../platform/appeals.ts';
import { int4Id } from '../../shared/int4.ts';
import { ProvinceCodeSchema } from './call.schema.ts';

export const ApplicationStatusSchema = z
  .enum(['draft', 'submitted', 'shortlisted', 'not_selected', 'failed'])
  .meta({ id: 'ApplicationStatus' });

const isoDate = z.string().regex(/^\d{4}-\d{2}-\d{2}$/, 'must be a date YYYY-MM-DD');
const count = z.number().int().min(0).max(100_000);

/** The building fields; in a draft any may be missing, on submission the required ones must be there. */
const buildingFields = {
  buildingName: z.string().trim().min(1, 'is required').max(200),
  address: z.string().trim().min(5, 'must be a full street address').max(500),
  provinceCode: ProvinceCodeSchema,
  districtId: int4Id().nullable(),
  cityId: int4Id(),
  latitude: z.number().min(-90).max(90),
  longitude: z.number().min(-180).max(180),
  coveredAreaSqft: z.number().int().min(1).max(10_000_000),
  hotDesks: count,
  cabins: count,
  meetingRooms: count,
  trainingRooms: count,
  internetMbps: z.number().int().min(0).max(1_000_000),
  internetProvider: z.string().trim().max(100).nullable(),
  fibre: z.boolean(),
  backupKva: z.number().int().min(0).max(100_000),
  backupHours: z.number().int().min(0).max(1000),
  facilities: z.array(z.string().trim().min(1).max(100)).max(50),
  readinessDate: isoDate,
  loanRequestedMinor: z.number().int().min(0).max(1_000_000_000_000).describe('Paisa'),
};

export const CreateApplicationInputSchema = z
  .object({
    callId: z.string().uuid(),
    buildingName: buildingFields.buildingName,
    address: buildingFields.address,
    provinceCode: buildingFields.provinceCode,
    districtId: buildingFields.districtId.optional(),
    cityId: buildingFields.cityId.optional(),
    latitude: buildingFields.latitude.optional(),
    longitude: buildingFields.longitude.optional(),
    coveredAreaSqft: buildingFields.coveredAreaSqft.optional(),
    hotDesks: count.optional(),
    cabins: count.optional(),
    meetingRooms: count.optional(),
    trainingRooms: count.optional(),
    internetMbps: buildingFields.internetMbps.optional(),
    internetProvider: buildingFields.internetProvider.optional(),
    fibre: buildingFields.fibre.optional(),
    backupKva: buildingFields.backupKva.optional(),
    backupHours: buildingFields.backupHours.optional(),
    facilities: buildingFields.facilities.optional(),
    readinessDate: buildingFields.readinessDate.optional(),
    loanRequestedMinor: buildingFields.loanRequestedMinor.optional(),
  })
  .meta({ id: 'CreateApplicationInput' });
export type CreateApplicationInput = z.infer<typeof CreateApplicationInputSchema>;

export const UpdateApplicationInputSchema = CreateApplicationInputSchema.omit({ callId: true })
  .partial()
  .meta({ id: 'UpdateApplicationInput' });
export type UpdateApplicationInput = z.infer<typeof UpdateApplicationInputSchema>;

export const DocumentSchema = z
  .object({
    id: z.string().uuid(),
    kind: z.enum(['document', 'photo']),
    title: z.string(),
    fileName: z.string(),
    contentType: z.enum(['application/pdf', 'image/jpeg', 'image/png']),
    sizeBytes: z.number().int(),
    sha256: z.string(),
    uploadedAt: z.string(),
  })
  .meta({ id: 'ApplicationDocument' });
export type ApplicationDocument = z.infer<typeof DocumentSchema>;

export const AppealSchema = z
  .object({
    id: z.string().uuid(),
    applicationId: z.string().uuid(),
    reference: z.string(),
    text: z.string(),
    status: z.enum(['pending', 'upheld', 'rejected']),
    resolutionReason: z.string().nullable(),
    createdAt: z.string(),
    resolvedAt: z.string().nullable(),
  })
  .meta({ id: 'Appeal' });
export type Appeal = z.infer<typeof AppealSchema>;

export const ApplicationSchema = z
  .object({
    id: z.string().uuid(),
    callId: z.string().uuid(),
    callTitleEn: z.string(),
    callTitleUr: z.string(),
    reference: z.string().describe('Public reference, e.g. EOI-2026-0001'),
    ownerId: z.string().uuid(),
    ownerName: z.string(),
    status: ApplicationStatusSchema,
    buildingName: z.string(),
    address: z.string(),
    provinceCode: z.string(),
    districtId: z.number().int().nullable(),
    cityId: z.number().int().nullable(),
    cityName: z.string().nullable(),
    cityNameUr: z.string().nullable().describe('The city in Urdu, where the geography data has it'),
    latitude: z.number().nullable(),
    longitude: z.number().nullable(),
    coveredAreaSqft: z.number().int().nullable(),
    hotDesks: z.number().int().nullable(),
    cabins: z.number().int().nullable(),
    meetingRooms: z.number().int().nullable(),
    trainingRooms: z.number().int().nullable(),
    internetMbps: z.number().int().nullable(),
    internetProvider: z.string().nullable(),
    fibre: z.boolean().nullable(),
    backupKva: z.number().int().nullable(),
    backupHours: z.number().int().nullable(),
    facilities: z.array(z.string()),
    readinessDate: z.string().nullable(),
    loanRequestedMinor: z.number().int().nullable(),
    submittedAt: z.string().nullable(),
    createdAt: z.string(),
    updatedAt: z.string(),
    result: z
      .object({
        scoreMilli: z.number().int().nullable().describe('Thousandths: 87500 = 87.500 out of 100'),
        score: z.string().nullable().describe('The same, as exact decimal text'),
        rank: z.number().int().nullable(),
        reason: z.string().nullable(),
        decidedAt: z.string(),
        appealDeadline: z.string().describe('Last instant an appeal is accepted'),
      })
      .nullable()
      .describe('Set once the call is decided'),
    appeal: AppealSchema.nullable(),
    documents: z.array(DocumentSchema),
  })
  .meta({ id: 'Application' });
export type Application = z.infer<typeof ApplicationSchema>;

export const ApplicationSummarySchema = ApplicationSchema.pick({
  id: true,
  callId: true,
  callTitleEn: true,
  callTitleUr: true,
  reference: true,
  ownerName: true,
  status: true,
  buildingName: true,
  provinceCode: true,
  districtId: true,
  cityName: true,
  cityNameUr: true,
  submittedAt: true,
  updatedAt: true,
})
  .extend({
    scoreMilli: z.number().int().nullable(),
    rank: z.number().int().nullable(),
    activeEvaluators: z.number().int().describe('Assigned and not recused'),
    submittedEvaluations: z.number().int(),
    recusals: z.number().int(),
    needsReassignment: z
      .boolean()
      .describe('Fewer active evaluators than the call asks for, after a recusal or before assignment'),
  })
  .meta({ id: 'ApplicationSummary' });
export type ApplicationSummary = z.infer<typeof ApplicationSummarySchema>;

export const ApplicationListQuerySchema = z.object({
  callId: z.string().uuid().optional(),
  status: ApplicationStatusSchema.optional(),
});

export const AppealInputSchema = z.object({ text: appealTextField }).meta({ id: 'FileAppealRequest' });
export const ResolveAppealInputSchema = z.object(appealResolutionFields).meta({ id: 'ResolveAppealInput' });

export const DocIdParamSchema = z.object({
  id: z.string().uuid('must be a UUID'),
  documentId: z.string().uuid('must be a UUID'),
});
