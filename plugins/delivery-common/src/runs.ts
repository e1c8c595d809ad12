import type { DeliveryApiSchemas } from './deliveryApi';

/*
 * The run history on the wire, as the contract defines it
 * (`plugins/delivery-backend/src/schema/openapi.yaml`).
 */

/** @public */
export type DeliveryRunStatus = DeliveryApiSchemas['DeliveryRunStatus'];

/** One recorded run of a delivery action, as the run history shows it. @public */
export type DeliveryRun = DeliveryApiSchemas['DeliveryRun'];

/** `POST /api/delivery/runs`: what a caller knows when a run starts. @public */
export type StartRunRequest = DeliveryApiSchemas['StartRunRequest'];

/** `POST /api/delivery/runs/{id}/finish`: how a run ended. @public */
export type FinishRunRequest = DeliveryApiSchemas['FinishRunRequest'];
