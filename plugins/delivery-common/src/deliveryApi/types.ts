import type {
  components,
  operations,
  paths,
} from '../schema/openapi/generated/openapi';

/** Every path of the Delivery backend's contract, as the typed client knows them. @public */
export type DeliveryApiPaths = paths;

/** Every operation of the contract by operationId: parameters, bodies, answers. @public */
export type DeliveryApiOperations = operations;

/** The contract's named schemas. @public */
export type DeliveryApiSchemas = components['schemas'];
