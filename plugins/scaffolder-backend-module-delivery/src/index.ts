/**
 * Delivery's scaffolder actions.
 *
 * @packageDocumentation
 */

export { scaffolderModuleDelivery as default } from './module';
export { createDeliveryServiceDescribeAction } from './actions/deliveryServiceDescribe';
