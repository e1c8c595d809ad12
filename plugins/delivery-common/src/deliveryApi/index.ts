export { createDeliveryApiClient, dataOf } from './createDeliveryApiClient';
export type {
  DeliveryApiClient,
  DeliveryApiClientOptions,
} from './createDeliveryApiClient';
export type {
  DeliveryApiOperations,
  DeliveryApiPaths,
  DeliveryApiSchemas,
} from './types';
