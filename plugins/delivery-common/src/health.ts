import type { DeliveryApiSchemas } from './deliveryApi';

/**
 * What `GET /api/delivery/health` answers: the backend is up, and what it is set up with.
 * Defined by the contract (`plugins/delivery-backend/src/schema/openapi.yaml`).
 * @public
 */
export type DeliveryHealth = DeliveryApiSchemas['DeliveryHealth'];
