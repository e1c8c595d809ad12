/**
 * What the Delivery packages' tests share.
 *
 * @packageDocumentation
 */

export { databaseClosedOnShutdown } from './databaseClosedOnShutdown';
export { eventually } from './eventually';
