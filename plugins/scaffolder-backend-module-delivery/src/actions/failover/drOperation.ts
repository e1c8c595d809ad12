import {
  dataOf,
  DeliveryApiClient,
  DeliveryApiPaths,
} from '@internal/backstage-plugin-delivery-common';

type DrOperationPath = Extract<
  keyof DeliveryApiPaths,
  `/dr-operations/${string}`
>;

/** A DR provider call the Delivery backend makes for the failover action. */
export type DrOperationName =
  DrOperationPath extends `/dr-operations/${infer N}` ? N : never;

type Operation<N extends DrOperationName> =
  DeliveryApiPaths[`/dr-operations/${N}`]['post'];

/** Which service, environment and namespace a DR call is about, and what else it needs. */
export type DrOperationBody<N extends DrOperationName> =
  Operation<N>['requestBody']['content']['application/json'];

/** What the provider answered, as the contract types it. */
export type DrOperationResult<N extends DrOperationName> =
  Operation<N>['responses'][200]['content']['application/json']['result'];

/**
 * One DR provider call through the Delivery backend, which owns the providers and their
 * credentials: `/dr-operations/<name>` in its contract, typed by that contract.
 */
export async function drOperation<N extends DrOperationName>(
  client: DeliveryApiClient,
  name: N,
  body: DrOperationBody<N>,
): Promise<DrOperationResult<N>> {
  // Every name is its own path in the contract; the generic path is one of them.
  const path = `/dr-operations/${name}` as '/dr-operations/describe-database';
  const answer = await client.request('post', path, {
    body: body as DrOperationBody<'describe-database'>,
  });
  return dataOf(answer).result as DrOperationResult<N>;
}
