/**
 * The Delivery backend plugin: cluster cache, REST API and run store.
 *
 * @packageDocumentation
 */
export { deliveryPlugin as default } from './plugin';
