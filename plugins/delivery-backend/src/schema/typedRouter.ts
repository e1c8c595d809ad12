import { TypedRouter } from '@backstage/backend-openapi-utils';
import Router from 'express-promise-router';
import { EndpointMap } from './openapi';

/** A router whose handlers are typed by the contract. @public */
export type DeliveryApiRouter = TypedRouter<EndpointMap>;

/**
 * A router for routes mounted inside the validated one `createRouter` builds: requests
 * reach it already checked against the contract, so it only needs the contract's types.
 */
export function createTypedRouter(): DeliveryApiRouter {
  return Router() as DeliveryApiRouter;
}
