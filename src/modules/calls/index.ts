// The calls area's public face: calls for buildings, applications, evaluation, ranking, decisions.
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import type { Deps } from '../../deps.ts';
import type { AreaManifest } from '../../platform/area.ts';
import { inOrder } from '../../platform/figures.ts';
import { localDiskStore, type UploadStore } from '../../platform/uploads/upload-store.ts';
import { applicationRoutes } from './applications.routes.ts';
import { seedCallsDemo } from './calls.demo.ts';
import { applicationDecided, applicationSubmitted, evaluationAssigned } from './calls.events.ts';
import { callsFigures } from './calls.figures.ts';
import { callsPersonalRecords } from './calls.records.ts';
import { callRoutes } from './calls.routes.ts';
import { DEFAULT_MAX_UPLOAD_BYTES } from './document.service.ts';
import { evaluationRoutes } from './evaluations.routes.ts';

export type CallsRoutesOptions = { store?: UploadStore; maxUploadBytes?: number };

export const callsRoutes =
  (deps: Deps, opts: CallsRoutesOptions = {}): FastifyPluginAsyncZod =>
  async (app) => {
    const store = opts.store ?? localDiskStore(deps.config.uploadDir, deps);
    await app.register(callRoutes(deps));
    await app.register(applicationRoutes(deps, store, opts.maxUploadBytes ?? DEFAULT_MAX_UPLOAD_BYTES));
    await app.register(evaluationRoutes(deps));
  };

export type { Application, ApplicationSummary } from './application.schema.ts';
export {
  createApplication,
  getApplication,
  listApplications,
  submitApplication,
} from './application.service.ts';
export type { Call, CallSummary } from './call.schema.ts';
export { createCall, getCall, listCalls, publishCall } from './call.service.ts';
export { seedCallsDemo } from './calls.demo.ts';
export { applicationAgeing, callsFigures, type FunnelStep } from './calls.figures.ts';
export type { CallsTables } from './calls.table.ts';
export { confirmDecision, publicResults } from './decision.service.ts';
export { DEFAULT_CRITERIA, FIRST_PHASE_QUOTAS, SCORING_DAYS, scoringDeadline } from './defaults.ts';
export { DEFAULT_MAX_UPLOAD_BYTES } from './document.service.ts';
export { rankApplications } from './ranking.ts';

export const callsArea: AreaManifest = {
  personalRecords: callsPersonalRecords,
  name: 'calls',
  routes: (deps) => callsRoutes(deps),
  figures: inOrder(10, callsFigures),
  demo: { step: 'calls for buildings, applications, evaluation and decision', seed: seedCallsDemo },
  events: [applicationDecided, applicationSubmitted, evaluationAssigned],
};
export { applicationDecided, applicationSubmitted, evaluationAssigned } from './calls.events.ts';
