/**
 * Isomorphic types, annotation names, permissions and pure derivations shared by the
 * Delivery frontend and backend.
 *
 * @packageDocumentation
 */

export * from './actionRights';
export * from './annotations';
export * from './database';
export * from './deliveryApi';
export * from './descriptor';
export * from './dora';
export * from './dr';
export * from './durations';
export * from './freezes';
export * from './health';
export * from './labels';
export * from './percentile';
export * from './permissions';
export * from './pluginId';
export * from './quantities';
export * from './rollout';
export * from './runs';
export * from './strategies';
export * from './tiers';
export * from './cost';
