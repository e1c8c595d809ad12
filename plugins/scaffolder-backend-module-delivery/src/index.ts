/**
 * Delivery's scaffolder actions.
 *
 * @packageDocumentation
 */

export { scaffolderModuleDelivery as default } from './module';
export { createDeliveryServiceDescribeAction } from './actions/deliveryServiceDescribe';
// The actions that change a service, for other runners of the same frame (the Delivery
// plugin's agent actions): their creators, their inputs and what they are built from.
export {
  createDeliveryActionDeps,
  deliveryActionServiceRefs,
} from './createDeliveryActionDeps';
export type { DeliveryActionServices } from './createDeliveryActionDeps';
export {
  deliveryActionPollingServiceRef,
  deliveryActionPollingFactory,
} from './actionPolling';
export type { DeliveryActionPolling } from './actionPolling';
export { deliveryApiFor } from './actions/deliveryApiFor';
export { deliveryActionOutput } from './actions/frame';
export type { DeliveryActionDeps } from './actions/frame';
export { createDeployAction, deployInput } from './actions/deploy/deployAction';
export {
  createRollbackAction,
  rollbackInput,
} from './actions/rollback/rollbackAction';
export { createScaleAction, scaleInput } from './actions/scale/scaleAction';
export {
  createFailoverAction,
  failoverInput,
} from './actions/failover/failoverAction';
